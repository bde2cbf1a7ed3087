/**
 * The folder pane in Chromium against the real stack: alice sees her quota
 * gauge, creates a folder from the context menu, renames it with F2 and
 * deletes it with Suppr after confirming; each step is checked on the
 * server over IMAP. Screenshots land in .artifacts/e2e/.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/server/host.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { connect } from '../support/mail/imap-admin.ts';
import { ensureRendererBuilt, rendererDir } from '../support/renderer-build.ts';
import { caPem, stackPreset, user } from '../support/stack.ts';

const alice = user('alice');

let browser: Browser;
let app: { core: TestCore; host: BrowserHost; page?: Page } | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
}, 120_000);
afterAll(() => browser.close());
afterEach(async () => {
  await app?.page?.close();
  await app?.host.close();
  await app?.core.close();
  app = undefined;
  expect(pageErrors.splice(0), 'erreurs dans la page').toEqual([]);
});

async function openAliceApp(): Promise<Page> {
  const core = startTestCore({
    extraPresets: [stackPreset],
    extraCaPem: [caPem()],
    watchMail: false,
    pollIntervalMs: 3_600_000,
  });
  await signIn(core, alice);
  const host = await startBrowserHost({ core: core.core, rendererDir });
  app = { core, host };
  const page = await browser.newPage({
    locale: 'fr-FR',
    colorScheme: 'light',
    viewport: { width: 1440, height: 900 },
  });
  app.page = page;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(host.url);
  await page.getByTestId('folder-tree').waitFor();
  return page;
}

async function serverFolders(): Promise<string[]> {
  const client = await connect(alice);
  try {
    return (await client.list()).map((mailbox) => mailbox.path);
  } finally {
    await client.logout();
  }
}

const folderItem = (page: Page, path: string) => page.locator(`[data-testid="folder"][data-path="${path}"]`);

describe('the folder pane in Chromium', () => {
  it('shows the quota, and creates, renames and deletes a folder on the server', async () => {
    const tag = randomUUID().slice(0, 6);
    const created = `Sorties ${tag}`;
    const renamed = `Voyages ${tag}`;
    const page = await openAliceApp();

    const meter = page.getByRole('meter', { name: 'Espace utilisé sur le serveur' });
    await meter.waitFor();
    expect(await meter.getAttribute('aria-valuetext')).toMatch(/% utilisés, .* sur .*/u);

    // A new folder at the top, from the + of the account.
    await page.getByTestId('folder-new').click();
    await page.getByLabel('Nom du dossier').fill(created);
    await screenshot(page, '40-dossier-nouveau');
    await page.getByTestId('folder-dialog-submit').click();
    await folderItem(page, created).waitFor();
    await expect.poll(serverFolders, { timeout: 20_000 }).toContain(created);

    // F2 renames; the delimiter is refused in French first.
    await folderItem(page, created).locator('> .row').click();
    await page.keyboard.press('F2');
    const field = page.getByLabel('Nom du dossier');
    await field.fill('a/b');
    expect(await page.getByTestId('folder-name-problem').innerText()).toContain('ne peut pas contenir');
    await field.fill(renamed);
    await page.keyboard.press('Enter');
    await folderItem(page, renamed).waitFor();
    await expect.poll(serverFolders, { timeout: 20_000 }).toContain(renamed);
    // The open folder follows its new name.
    expect(await folderItem(page, renamed).getAttribute('aria-selected')).toBe('true');

    // The context menu's delete asks first.
    await folderItem(page, renamed).locator('> .row').click({ button: 'right' });
    await screenshot(page, '41-dossier-menu');
    await page.getByTestId('folder-menu-delete').click();
    await page.getByRole('alertdialog').waitFor();
    await screenshot(page, '42-dossier-suppression');
    await page.getByTestId('folder-dialog-submit').click();
    await expect.poll(() => folderItem(page, renamed).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(serverFolders, { timeout: 20_000 }).not.toContain(renamed);
  });
});
