/**
 * The message list in Chromium against the real stack, as a secretary uses
 * it: alice sees the mail bob sent her, unread; sorting by sender reorders
 * the list as the core sorts; a message dragged onto a folder moves, and the
 * toast's Annuler brings it back (checked on the server over IMAP); a 100k
 * folder scrolls to its last message with a bounded DOM. Screenshots land in
 * .artifacts/e2e/.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import type { TestCore } from '../support/core.ts';
import { folderRow, rowWith, useE2eApps } from '../support/e2e-app.ts';
import { serverHas as userServerHas, submitAs } from '../support/mail/deliver.ts';
import { connect, createTestFolder } from '../support/mail/imap-admin.ts';
import { seedSyntheticFolder } from '../support/mail/synthetic-folder.ts';
import { user, type StackUser } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');
const carol = user('carol');

const apps = useE2eApps();

/** Alice signed in on a fresh profile; no background sync, so synthetic folders stay as written. */
async function openAliceApp(): Promise<{ page: Page; core: TestCore; accountId: string }> {
  const { page, core, accountId } = await apps.open({ user: alice });
  if (!accountId) throw new Error('not signed in');
  return { page, core, accountId };
}

/** Through the stack's submission port, authenticated, as the sender's own mail client would. */
async function send(from: StackUser, name: string, subject: string): Promise<void> {
  await submitAs(from, {
    from: `${name} <${from.email}>`,
    to: alice.email,
    subject,
    text: 'Bonjour Alice, la sortie scolaire est confirmée pour jeudi.',
  });
}

/** Whether alice's folder on the server holds a message with this subject. */
const serverHas = (folder: string, subject: string) => userServerHas(alice, folder, subject);

async function shownIds(page: Page, count: number): Promise<number[]> {
  return page
    .locator('[data-testid="message-row"][data-message-id]')
    .evaluateAll(
      (rows, n) => rows.slice(0, n).map((row) => Number(row.getAttribute('data-message-id'))),
      count,
    );
}

describe('the message list in Chromium', () => {
  it('shows bob’s mail unread, sorts by sender, and undoes a move made by drag and drop', async () => {
    const tag = randomUUID().slice(0, 8);
    const subjects = {
      bob: `Sortie scolaire ${tag}`,
      carol: `Conseil de classe ${tag}`,
      zoe: `Réunion parents ${tag}`,
    };
    await send(bob, 'Bob Durand', subjects.bob);
    await send(carol, 'Carol Petit', subjects.carol);
    await send(bob, 'Zoé Secrétariat', subjects.zoe);
    const admin = await connect(alice);
    const target = await createTestFolder(admin, 'Tests');
    await admin.logout();
    // Delivery through Postfix and Dovecot's LMTP is quick but not instant.
    await expect.poll(() => serverHas('INBOX', subjects.zoe), { timeout: 20_000 }).toBe(true);

    const { page, core, accountId } = await openAliceApp();
    await folderRow(page, 'INBOX').click();
    const fromBob = rowWith(page, subjects.bob);
    await fromBob.waitFor();
    expect(await fromBob.innerText()).toContain('Bob Durand');
    expect(await fromBob.getAttribute('class')).toContain('unread');
    expect(await fromBob.getByTestId('unread-marker').count()).toBe(1);
    await screenshot(page, '10-liste-boite-de-reception');

    // Sorting by sender: the rows follow the core's order for that sort, which is not the date order.
    const inbox = (await core.client.invoke('mail.listFolders', { accountId })).find(
      (f) => f.path === 'INBOX',
    );
    const conversations = await page.getByTestId('conversation-switch').isChecked();
    const coreOrder = async (sort: 'date' | 'from') => {
      const params = {
        folderId: inbox?.id ?? '',
        sort,
        order: sort === 'date' ? 'desc' : 'asc',
        offset: 0,
        limit: 8,
      } as const;
      return conversations
        ? (await core.client.invoke('mail.listConversations', params)).conversations.map((c) => c.id)
        : (await core.client.invoke('mail.listMessages', params)).messages.map((m) => m.id);
    };
    const byDate = await coreOrder('date');
    expect(await shownIds(page, byDate.length)).toEqual(byDate);
    await page.getByTestId('sort-from').click();
    const byFrom = await coreOrder('from');
    expect(byFrom).not.toEqual(byDate);
    await expect.poll(() => shownIds(page, byFrom.length)).toEqual(byFrom);
    expect(await page.locator('[role="columnheader"][aria-sort="ascending"]').innerText()).toContain(
      'Expéditeur',
    );
    await screenshot(page, '11-liste-triee-par-expediteur');
    // Newest first again for the rest: on a stack that kept the mail of earlier runs, sorting by
    // sender puts this run's message from Bob after all his older ones, past the rows drawn.
    const dateHeader = page.locator('[role="columnheader"].date');
    await page.getByTestId('sort-date').click();
    if ((await dateHeader.getAttribute('aria-sort')) !== 'descending')
      await page.getByTestId('sort-date').click();
    await expect.poll(() => dateHeader.getAttribute('aria-sort')).toBe('descending');
    await fromBob.waitFor();
    await fromBob.click({ button: 'right' });
    await page.getByTestId('message-menu').waitFor();
    await screenshot(page, '11b-menu-contextuel');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('message-menu').count()).toBe(0);

    // Drag and drop onto the test folder, then Annuler: the message is back, and the server never moved it.
    await fromBob.dragTo(folderRow(page, target));
    await page.getByTestId('undo-toast').waitFor();
    expect(await page.getByTestId('undo-toast').innerText()).toMatch(/Message déplacé vers/);
    await expect.poll(() => rowWith(page, subjects.bob).count()).toBe(0);
    await screenshot(page, '12-deplacement-annulable');
    await page.getByTestId('undo').click();
    await rowWith(page, subjects.bob).waitFor();
    // Past the core's undo window (5 s): nothing was replayed to the server.
    await page.waitForTimeout(6_000);
    expect(await serverHas('INBOX', subjects.bob)).toBe(true);
    expect(await serverHas(target, subjects.bob)).toBe(false);

    // Without Annuler the move reaches the server once the window closes.
    await rowWith(page, subjects.carol).dragTo(folderRow(page, target));
    await page.getByTestId('undo-toast').waitFor();
    // The moved message left the reader too: the next message is selected, as after a delete.
    await expect.poll(() => page.getByTestId('reader-column').innerText()).not.toContain(subjects.carol);
    await expect
      .poll(() => page.locator('[data-testid="message-row"][aria-selected="true"]').count())
      .toBe(1);
    await expect.poll(() => serverHas(target, subjects.carol), { timeout: 20_000 }).toBe(true);
    expect(await serverHas('INBOX', subjects.carol)).toBe(false);
    await expect.poll(() => page.getByTestId('undo-toast').count(), { timeout: 10_000 }).toBe(0);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, '14-liste-sombre');
  }, 120_000);

  it('scrolls a 100k-message folder to its last message with a bounded DOM', async () => {
    const { page, core, accountId } = await openAliceApp();
    seedSyntheticFolder(path.join(core.profileDir, 'cartable.sqlite'), accountId, 'Archives 100k', 100_000);
    seedSyntheticFolder(path.join(core.profileDir, 'cartable.sqlite'), accountId, 'Archives 1k', 1_000);
    await page.reload();
    await page.getByTestId('folder-tree').waitFor();

    // How fast the first screen comes is the bench's (bench/renderer.ts): no timing in a test.
    await folderRow(page, 'Archives 1k').click();
    await rowWith(page, 'Message n° 1000').waitFor();
    await folderRow(page, 'Archives 100k').click();
    await rowWith(page, 'Message n° 100000').waitFor();
    expect(await page.getByTestId('list-total').innerText()).toMatch(/100\s000/);
    expect(await page.getByTestId('message-grid').getAttribute('aria-rowcount')).toBe('100001');

    const rowCount = () => page.locator('[data-testid="message-row"]').count();
    expect(await rowCount()).toBeLessThanOrEqual(200);
    const viewport = page.getByTestId('list-viewport');
    // A few wheel turns, then the scrollbar dragged to the bottom.
    for (let i = 0; i < 5; i++) await viewport.hover().then(() => page.mouse.wheel(0, 4000));
    expect(await rowCount()).toBeLessThanOrEqual(200);
    await viewport.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    const lastRow = page.locator('[data-testid="message-row"][data-index="99999"]');
    await lastRow.waitFor();
    await expect.poll(() => lastRow.innerText()).toMatch(/Message n° 1(?!\d)/);
    expect(await rowCount()).toBeLessThanOrEqual(200);
    expect(await page.locator('[data-index="99999"]').getAttribute('aria-rowindex')).toBe('100001');
    await screenshot(page, '13-dossier-100k-fin');

    // The keyboard reaches the top again: Home selects the newest message.
    await page.getByTestId('message-grid').focus();
    await page.keyboard.press('Home');
    await expect
      .poll(() => page.locator('[data-testid="message-row"][aria-selected="true"]').innerText())
      .toContain('Message n° 100000');
    expect(await rowCount()).toBeLessThanOrEqual(200);
  }, 180_000);
});
