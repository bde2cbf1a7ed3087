/**
 * The search bar in Chromium against the real stack: bob sends alice a mail
 * whose one unusual word is in the body only; alice types that word, the
 * message is among the results within the list area, and it opens in the
 * reader. Escape brings the folder's list back. Screenshots land in
 * .artifacts/e2e/.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/server/host.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { connect } from '../support/mail/imap-admin.ts';
import { ensureRendererBuilt, rendererDir } from '../support/renderer-build.ts';
import { caPem, endpoints, stackPreset, user } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');

let browser: Browser;
let app: { core: TestCore; host: BrowserHost; page?: Page } | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
}, 120_000);
afterAll(() => browser.close());
afterEach(async () => {
  // The page first: a page outliving its host logs its reconnection attempts as errors.
  await app?.page?.close();
  await app?.host.close();
  await app?.core.close();
  app = undefined;
  expect(pageErrors.splice(0), 'erreurs dans la page').toEqual([]);
});

/** Alice signed in on a fresh profile: the first sync fetches and indexes the bodies of recent mail. */
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

/** Bob's own mail client, through the stack's authenticated submission port. */
async function bobSends(subject: string, text: string): Promise<void> {
  const transport = nodemailer.createTransport({
    host: endpoints.submissions.host,
    port: endpoints.submissions.port,
    secure: true,
    tls: { ca: [caPem()] },
    auth: { user: bob.login, pass: bob.password },
  });
  await transport.sendMail({ from: `Bob Durand <${bob.email}>`, to: alice.email, subject, text });
  transport.close();
}

async function inboxHas(subject: string): Promise<boolean> {
  const client = await connect(alice);
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const found = await client.search({ subject }, { uid: true });
      return Array.isArray(found) && found.length > 0;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

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
    await page.locator('[data-testid="folder"][data-path="INBOX"] > .row').click();
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
