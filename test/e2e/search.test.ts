/**
 * The search bar in Chromium against the real stack: bob sends alice a mail
 * whose one unusual word is in the body only; alice types that word, the
 * message is among the results within the list area, and it opens in the
 * reader. Escape brings the folder's list back. Screenshots land in
 * .artifacts/e2e/.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.ts';
import { folderRow, useE2eApps } from '../support/e2e-app.ts';
import { serverHas, submitAs } from '../support/mail/deliver.ts';
import { user } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');

const apps = useE2eApps();

/** Alice signed in on a fresh profile: the first sync fetches and indexes the bodies of recent mail. */
async function openAliceApp(): Promise<Page> {
  return (await apps.open({ user: alice })).page;
}

/** Bob's own mail client, through the stack's authenticated submission port. */
async function bobSends(subject: string, text: string): Promise<void> {
  await submitAs(bob, { from: `Bob Durand <${bob.email}>`, to: alice.email, subject, text });
}

const inboxHas = (subject: string) => serverHas(alice, 'INBOX', subject);

describe('the search bar in Chromium', () => {
  it('finds bob’s mail by a word of its body only, and opens it in the reader', async () => {
    const tag = randomUUID().slice(0, 8);
    // Letters only: the word must be one token for the index, and appear nowhere else.
    const word = `zephyrin${tag.replace(/[^a-f]/gu, 'q')}`;
    const subject = `Sortie au musée ${tag}`;
    await bobSends(
      subject,
      `Bonjour Alice,\n\nle car partira à 8 h. Mot de passe du vestiaire : ${word}.\n\nBob`,
    );
    await expect.poll(() => inboxHas(subject), { timeout: 20_000 }).toBe(true);

    const page = await openAliceApp();
    await folderRow(page, 'INBOX').click();
    await page.getByTestId('message-grid').waitFor();

    // `/` reaches the bar from the list, as in the shortcuts overlay.
    await page.getByTestId('message-grid').focus();
    await page.keyboard.press('/');
    const input = page.getByTestId('search-input');
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
    await input.pressSequentially(word, { delay: 20 });

    const results = page.getByTestId('search-results');
    const found = results.locator('[data-testid="message-row"]', { hasText: subject });
    await found.waitFor();
    expect(await results.locator('[data-testid="message-row"]').count()).toBe(1);
    expect(await found.innerText()).toContain('Bob Durand');
    await screenshot(page, '30-recherche-resultats');

    // Enter opens the result under the cursor in the reader.
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.getByTestId('reader-subject').filter({ hasText: subject }).waitFor();
    await expect.poll(() => page.getByTestId('plain-text').innerText()).toContain(word);
    await screenshot(page, '31-recherche-lecture');

    // Escape clears the search and the folder's own list is back.
    await input.focus();
    await input.press('Escape');
    await page.getByTestId('message-list').waitFor();
    expect(await page.getByTestId('search-results').count()).toBe(0);
    expect(await input.inputValue()).toBe('');
  });
});
