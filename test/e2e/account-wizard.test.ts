/**
 * End to end, as a person would: Debian's Chromium opens the browser host,
 * goes through the account wizard against the real SOGo stack, and sees the
 * mailbox's folders in French. Screenshots land in .artifacts/e2e/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/server/host.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { startTestCore, type TestCore } from '../support/core.ts';
import { caPem, serverFingerprint, stackPreset, user } from '../support/stack.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const rendererDir = path.join(repoRoot, 'dist/renderer');
const alice = user('alice');

let browser: Browser;
let app: { core: TestCore; host: BrowserHost } | undefined;

beforeAll(async () => {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    execFileSync(
      path.join(repoRoot, 'node_modules/.bin/vite'),
      ['build', '--config', 'build/vite.renderer.config.ts'],
      {
        cwd: repoRoot,
        stdio: 'ignore',
      },
    );
  }
  browser = await launchChromium();
});
afterAll(() => browser.close());
afterEach(async () => {
  await app?.host.close();
  await app?.core.close();
  app = undefined;
});

/** The app as IT would ship it for this "academy": its preset, and its CA unless a test wants it untrusted. */
async function openApp(options: { trustStackCa: boolean }): Promise<Page> {
  const core = startTestCore({
    extraPresets: [stackPreset],
    ...(options.trustStackCa ? { extraCaPem: [caPem()] } : {}),
  });
  const host = await startBrowserHost({ core: core.core, rendererDir });
  app = { core, host };
  const page = await browser.newPage({ locale: 'fr-FR', colorScheme: 'light' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(host.url);
  // The token was traded for a cookie: the address bar no longer shows it.
  expect(new URL(page.url()).search).toBe('');
  afterEachPage.push(() => expect(errors, 'erreurs dans la page').toEqual([]));
  return page;
}
const afterEachPage: Array<() => void> = [];
afterEach(() => {
  for (const check of afterEachPage.splice(0)) check();
});

async function fillIdentity(page: Page, password: string): Promise<void> {
  await page.getByTestId('account-wizard').waitFor();
  await page.getByTestId('account-name').fill('Alice Martin');
  await page.getByTestId('account-email').fill(alice.email);
  await page.getByTestId('account-password').fill(password);
  await page.getByTestId('wizard-continue').click();
  await page.getByTestId('wizard-servers').waitFor();
}

async function folderPathsShown(page: Page): Promise<string[]> {
  await page.getByTestId('folder-tree').waitFor();
  await page.locator('[data-testid="folder"][data-path="Trash"]').waitFor();
  return page
    .locator('[data-testid="folder"]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-path') ?? ''));
}

describe('the account wizard in Chromium', () => {
  it('adds alice’s SOGo account and shows her folders in French, in the usual order', async () => {
    const page = await openApp({ trustStackCa: true });
    await screenshot(page, '01-assistant-identite');
    await fillIdentity(page, alice.password);
    // Found by the preset IT added for example.test, as a secretary would never type servers.
    expect(await page.getByTestId('discovery-source').getAttribute('data-source')).toBe('preset');
    await screenshot(page, '02-assistant-serveurs');
    await page.getByTestId('wizard-connect').click();

    const paths = await folderPathsShown(page);
    // Subfolders (the demo's "INBOX/Conseil de classe") sit under their parent; top level in French order.
    expect(paths.filter((p) => !p.includes('/')).slice(0, 6)).toEqual([
      'INBOX',
      'Drafts',
      'Sent',
      'Archives',
      'Junk',
      'Trash',
    ]);
    const tree = (await page.getByTestId('folder-tree').innerText()).replace(/\s+/g, ' ');
    for (const name of [
      'Boîte de réception',
      'Brouillons',
      'Envoyés',
      'Archives',
      'Indésirables',
      'Corbeille',
    ]) {
      expect(tree).toContain(name);
    }
    await screenshot(page, '03-courrier-dossiers');

    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('account-list').innerText()).toContain(alice.email);
    await screenshot(page, '04-reglages');
  });

  it('says in French that the password was refused, and saves nothing', async () => {
    const page = await openApp({ trustStackCa: true });
    await fillIdentity(page, 'mauvais-mot-de-passe');
    await page.getByTestId('wizard-connect').click();
    const problem = page.getByTestId('wizard-problem').first();
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.getAttribute('data-code')).toBe('AUTH_FAILED');
    expect(await page.getByTestId('wizard-error').innerText()).toMatch(/mot de passe/i);
    expect(await page.getByTestId('check-imap').getAttribute('data-state')).toBe('failed');
    await screenshot(page, '05-mot-de-passe-refuse');
    expect(await app?.core.client.invoke('accounts.list', {})).toEqual([]);
  });

  it('shows an untrusted certificate’s fingerprint and connects once the person trusts it', async () => {
    const page = await openApp({ trustStackCa: false });
    await fillIdentity(page, alice.password);
    await page.getByTestId('wizard-connect').click();
    const fingerprint = page.getByTestId('fingerprint').first();
    await fingerprint.waitFor({ timeout: 30_000 });
    expect(await fingerprint.getAttribute('data-fingerprint')).toBe(serverFingerprint());
    expect(await page.getByTestId('wizard-problem').first().getAttribute('data-code')).toBe('TLS_UNTRUSTED');
    await screenshot(page, '06-certificat-inconnu');

    // One confirmation covers IMAP, SMTP and DAV: the same certificate on three ports.
    await page.getByTestId('trust-certificate').first().click();
    const paths = await folderPathsShown(page);
    expect(paths[0]).toBe('INBOX');
    const [account] = (await app?.core.client.invoke('accounts.list', {})) ?? [];
    expect(account?.tlsPins.map((pin) => pin.port).sort()).toEqual([1465, 1993, 20443]);
  });

  it('switches to English from Réglages', async () => {
    const page = await openApp({ trustStackCa: true });
    await fillIdentity(page, alice.password);
    await page.getByTestId('wizard-connect').click();
    await folderPathsShown(page);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('language-select').selectOption('en');
    await page.getByTestId('nav-mail').click();
    await expect.poll(() => page.getByTestId('folder-tree').innerText()).toContain('Inbox');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, '07-english');
  });
});
