/**
 * The folder pane in Chromium against the real stack: alice sees her quota
 * gauge, creates a folder from the context menu, renames it with F2 and
 * deletes it with Suppr after confirming; each step is checked on the
 * server over IMAP. Screenshots land in .artifacts/e2e/.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { folderItem, useE2eApps } from '../support/e2e-app.ts';
import { connect } from '../support/mail/imap-admin.ts';
import { user } from '../support/stack.ts';

const alice = user('alice');

const apps = useE2eApps();

async function openAliceApp(): Promise<Page> {
  return (await apps.open({ user: alice })).page;
}

async function serverFolders(): Promise<string[]> {
  const client = await connect(alice);
  try {
    return (await client.list()).map((mailbox) => mailbox.path);
  } finally {
    await client.logout();
  }
}

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
