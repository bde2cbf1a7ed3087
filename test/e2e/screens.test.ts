/**
 * The main screens of the app in French, light and dark, kept as artifacts
 * in .artifacts/e2e/: the account wizard, the mail view (folders, list and
 * reader), the reader holding back a newsletter's remote images, and the
 * settings. Each screen is also checked for what a person would see on it,
 * and each theme for being really applied (the page background changes).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import type { TestCore } from '../support/core.ts';
import { folderRow, rowWith, useE2eApps } from '../support/e2e-app.ts';
import { injectMail, submitAs, syncUntilDelivered } from '../support/mail/deliver.ts';
import { user } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');
const tag = randomUUID().slice(0, 8);
const subjects = { bob: `Conseil de classe de 3e B ${tag}`, newsletter: `Lettre d’information ${tag}` };

let logger: Server;
let loggerBase: string;
const loggerHits: string[] = [];
const apps = useE2eApps();

beforeAll(async () => {
  logger = createServer((req, res) => {
    loggerHits.push(req.url ?? '');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => logger.listen(0, '127.0.0.1', resolve));
  loggerBase = `http://127.0.0.1:${(logger.address() as AddressInfo).port}`;
});
afterAll(() => {
  logger?.close();
});

/** Console errors are not counted: the newsletter's blocked images are refused by the mail frame's CSP. */
async function openApp(signedIn: boolean): Promise<{ page: Page; core: TestCore; accountId?: string }> {
  const { page, core, accountId } = await apps.open({
    ...(signedIn ? { user: alice } : {}),
    consoleErrors: false,
    folderTree: false,
  });
  return { page, core, ...(accountId ? { accountId } : {}) };
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** Light then dark: one screenshot each; the two backgrounds must differ, and the page is French. */
async function shoot(page: Page, name: string): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background(page);
  await screenshot(page, `${name}-clair`);
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background(page);
  await screenshot(page, `${name}-sombre`);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(dark, `${name}: le thème sombre change le fond`).not.toBe(light);
  // Dark is dark: the sum of its channels is well below the light one's.
  const brightness = (rgb: string) =>
    (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, v) => sum + Number(v), 0);
  expect(brightness(dark)).toBeLessThan(brightness(light) / 2);
}

async function deliverMail(): Promise<void> {
  await submitAs(bob, {
    from: `Bob Durand <${bob.email}>`,
    to: alice.email,
    cc: `Carol Petit <${user('carol').email}>`,
    subject: subjects.bob,
    text: 'Bonjour Alice,\n\nLe conseil de classe de 3e B aura lieu jeudi à 17 h en salle 12.\n\nBob',
  });
  // The newsletter comes from outside, through the stack's local injection port.
  await injectMail({
    from: 'Canopé <lettre@reseau-canope.example.test>',
    to: alice.email,
    subject: subjects.newsletter,
    html: `<h1>Ressources du mois</h1><img src="${loggerBase}/banniere.png" alt="Bannière" width="600" height="120"><p>Nouvelles ressources pour la classe.</p>`,
  });
}

describe('the main screens, light and dark, in French', () => {
  it('the account wizard', async () => {
    const { page } = await openApp(false);
    await page.getByTestId('account-wizard').waitFor();
    expect(await page.getByTestId('account-email').isVisible()).toBe(true);
    expect(await page.getByTestId('wizard-continue').innerText()).toMatch(/Continuer/);
    await shoot(page, '40-ecran-assistant-compte');
  }, 60_000);

  it('the mail view, the reader holding back remote images, and the settings', async () => {
    await deliverMail();
    const { page, core, accountId } = await openApp(true);
    if (!accountId) throw new Error('not signed in');
    await syncUntilDelivered(core, accountId, tag, 2);
    await page.reload();
    await folderRow(page, 'INBOX').click();
    await rowWith(page, subjects.bob).click();
    await page.getByTestId('reader-subject').filter({ hasText: subjects.bob }).waitFor();
    await page.getByTestId('plain-text').waitFor();
    expect(await page.getByTestId('folder-tree').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="message-row"]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('reader-from-address').textContent()).toBe(`<${bob.email}>`);
    expect(await page.getByTestId('reader-cc').innerText()).toContain('Carol Petit');
    await shoot(page, '41-ecran-courrier-liste-et-lecteur');

    await rowWith(page, subjects.newsletter).click();
    const bar = page.getByTestId('remote-bar');
    await bar.waitFor();
    expect(await bar.isVisible()).toBe(true);
    expect(await bar.innerText()).toContain('Des contenus distants ont été bloqués');
    await page.frameLocator('[data-testid="mail-frame"]').locator('h1').waitFor();
    await shoot(page, '42-ecran-lecteur-contenu-distant-bloque');
    expect(loggerHits).toEqual([]);

    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('account-list').innerText()).toContain(alice.email);
    await shoot(page, '43-ecran-parametres');
  }, 120_000);
});
