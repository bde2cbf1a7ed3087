/**
 * The composer in Chromium against the real stack: alice answers the mail
 * bob sent her and bob's inbox (read over IMAP) receives exactly one reply,
 * carrying the quote; a draft typed and left survives a page reload, is in
 * Brouillons on the server, and reopens in the composer with its text; a
 * file attached in the page is uploaded to the core and reaches bob intact.
 * Screenshots land in .artifacts/e2e/.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import PostalMime from 'postal-mime';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/server/host.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { connect } from '../support/mail/imap-admin.ts';
import { ensureRendererBuilt, rendererDir } from '../support/renderer-build.ts';
import { caPem, endpoints, stackPreset, user, type StackUser } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');
const carol = user('carol');

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

async function openAliceApp(): Promise<{ page: Page; core: TestCore; accountId: string }> {
  const core = startTestCore({ extraPresets: [stackPreset], extraCaPem: [caPem()] });
  const accountId = await signIn(core, alice);
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
  return { page, core, accountId };
}

async function sendToAlice(from: StackUser, name: string, subject: string, text: string): Promise<void> {
  const transport = nodemailer.createTransport({
    host: endpoints.submissions.host,
    port: endpoints.submissions.port,
    secure: true,
    tls: { ca: [caPem()] },
    auth: { user: from.login, pass: from.password },
  });
  await transport.sendMail({ from: `${name} <${from.email}>`, to: alice.email, subject, text });
  transport.close();
}

/** The full sources of the messages of `owner`'s folder whose subject contains `subject`. */
async function sources(owner: StackUser, folder: string, subject: string): Promise<string[]> {
  const client = await connect(owner);
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      const uids = await client.search({ subject }, { uid: true });
      if (!Array.isArray(uids) || uids.length === 0) return [];
      const found: string[] = [];
      for await (const message of client.fetch(uids, { source: true }, { uid: true })) {
        found.push(message.source?.toString('utf8') ?? '');
      }
      return found;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** Quoted-printable undone (as UTF-8) and whitespace collapsed, enough to look for words in a body. */
const decoded = (source: string): string => {
  const joined = source.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = /^=([0-9A-F]{2})/.exec(joined.slice(i, i + 3));
    if (hex?.[1]) {
      bytes.push(parseInt(hex[1], 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
};
const readable = (source: string): string => decoded(source).replace(/\s+/g, ' ');

const folderRow = (page: Page, folderPath: string) =>
  page.locator(`[data-testid="folder"][data-path="${folderPath}"] > .row`);
const rowWith = (page: Page, text: string) =>
  page.locator('[data-testid="message-row"]', { hasText: text }).first();

describe('the composer in Chromium', () => {
  it('alice replies to bob, and bob receives exactly one reply with the quote', async () => {
    const tag = randomUUID().slice(0, 8);
    const subject = `Sortie au musée ${tag}`;
    await sendToAlice(bob, 'Bob Durand', subject, `Bonjour Alice, le car part à 8 h 15 (${tag}).`);
    await expect.poll(async () => (await sources(alice, 'INBOX', tag)).length, { timeout: 20_000 }).toBe(1);

    const { page, core, accountId } = await openAliceApp();
    await core.client.invoke('mail.setSignatures', {
      accountId,
      signatureNew: 'Alice Martin',
      signatureReply: 'Alice Martin\nSecrétariat du collège',
    });
    await core.client.invoke('mail.syncAccount', { accountId });
    await folderRow(page, 'INBOX').click();
    await rowWith(page, subject).click();
    await page.getByTestId('reply').click();
    const composer = page.getByTestId('composer');
    await composer.waitFor();
    await expect.poll(() => composer.getByTestId('chip-label').allInnerTexts()).toEqual(['Bob Durand']);
    expect(await page.getByTestId('composer-subject').inputValue()).toMatch(new RegExp(`^RE ?: ${subject}$`));
    const body = page.getByTestId('composer-body');
    await expect.poll(() => body.innerText()).toContain('le car part à 8 h 15');
    // The cursor starts above the quote: what alice types comes first.
    await body.click({ position: { x: 20, y: 10 } });
    await page.keyboard.type('Merci Bob, c’est noté.');
    await page.getByTestId('format-bold').click();
    await page.keyboard.type(' À jeudi !');
    await screenshot(page, '30-reponse-en-cours');

    // Envoyer, then Annuler within the undo delay: the message comes back as it was, and never leaves.
    await page.getByTestId('composer-send').click();
    await page.getByTestId('send-undo').click();
    await page.getByTestId('composer').waitFor();
    await expect.poll(() => page.getByTestId('composer-body').innerText()).toContain('À jeudi !');
    expect(await page.getByTestId('send-outcome').innerText()).toContain('Envoi annulé');
    expect(await page.getByTestId('composer-subject').inputValue()).toMatch(/^RE ?: /);

    await page.getByTestId('composer-send').click();
    await page.getByTestId('send-toast').waitFor();
    await expect.poll(() => page.getByTestId('composer').count()).toBe(0);
    expect(await page.getByTestId('outbox-button').innerText()).toMatch(/1 en attente/);
    await screenshot(page, '31-envoi-annulable');

    // Past the engine's undo delay (10 s), the message leaves once: bob has one reply, quoting him.
    await expect.poll(async () => (await sources(bob, 'INBOX', tag)).length, { timeout: 40_000 }).toBe(1);
    await page.waitForTimeout(2_000);
    const replies = await sources(bob, 'INBOX', tag);
    expect(replies).toHaveLength(1);
    const reply = readable(replies[0] ?? '');
    expect(reply).toContain('Merci Bob, c’est noté.');
    expect(reply).toMatch(/> Bonjour Alice, le car part à 8 h 15/);
    // The reply signature, after the "-- " line, between the text and the quote.
    // Exactly "-- " on its line (RFC 3676 §4.3), so mail clients recognise and fold the signature.
    expect(decoded(replies[0] ?? '')).toMatch(/\n-- \r?\nAlice Martin\r?\nSecrétariat du collège\r?\n/);
    const text = reply.slice(0, reply.indexOf('text/html'));
    expect(text).toMatch(/À jeudi ! -- Alice Martin Secrétariat du collège Le \d\d\/\d\d\/\d{4} à/);
    expect(reply).toMatch(/<blockquote[^>]*>/);
    expect(reply).toMatch(/<strong>\s*À jeudi !\s*<\/strong>/);
    expect(replies[0]).toMatch(/\nIn-Reply-To: <[^>]+>/);
    await expect.poll(() => page.getByTestId('outbox').count(), { timeout: 10_000 }).toBe(0);
  }, 120_000);

  it('a file set in the browser is uploaded to the core in chunks, and bob receives it intact', async () => {
    const tag = randomUUID().slice(0, 8);
    const { page } = await openAliceApp();
    await page.getByTestId('compose-new').click();
    await page.getByTestId('composer').waitFor();
    await page.getByTestId('composer-to-input').pressSequentially(bob.email);
    await page.keyboard.press(',');
    await expect.poll(() => page.getByTestId('chip').getAttribute('title')).toBe(bob.email);
    await page.getByTestId('composer-subject').fill(`Emploi du temps ${tag}`);
    // Three chunks of 512 KiB at most: the page knows no path, so the composer uploads it.
    const content = Buffer.from(Array.from({ length: 1_200_000 }, (_, index) => (index * 31) % 256));
    await page
      .getByTestId('attach-input')
      .setInputFiles([{ name: 'emploi-du-temps.pdf', mimeType: 'application/pdf', buffer: content }]);
    await expect.poll(() => page.getByTestId('attachment').innerText()).toMatch(/emploi-du-temps\.pdf/);
    await expect.poll(() => page.getByTestId('attachment-progress').count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('attachment-failed').count()).toBe(0);
    await screenshot(page, '37-piece-jointe-televersee');
    await page.getByTestId('composer-send').click();
    await page.getByTestId('send-toast').waitFor();

    await expect.poll(async () => (await sources(bob, 'INBOX', tag)).length, { timeout: 40_000 }).toBe(1);
    const [received] = await sources(bob, 'INBOX', tag);
    const parsed = await PostalMime.parse(received ?? '');
    expect(parsed.attachments.map((file) => file.filename)).toEqual(['emploi-du-temps.pdf']);
    expect(Buffer.from(parsed.attachments[0]?.content as ArrayBuffer).equals(content)).toBe(true);
  }, 120_000);

  it('keeps a draft typed and left across a reload, on the server in Brouillons', async () => {
    const tag = randomUUID().slice(0, 8);
    const subject = `Conseil de classe ${tag}`;
    // Carol wrote to alice once: her address is one the composer suggests.
    await sendToAlice(carol, 'Carol Petit', `Ordre du jour ${tag}`, 'Voici l’ordre du jour.');
    await expect.poll(async () => (await sources(alice, 'INBOX', tag)).length, { timeout: 20_000 }).toBe(1);
    const { page, core, accountId } = await openAliceApp();
    await core.client.invoke('mail.syncAccount', { accountId });
    await folderRow(page, 'INBOX').click();
    await rowWith(page, `Ordre du jour ${tag}`).waitFor();
    await page.getByTestId('compose-new').click();
    await page.getByTestId('composer').waitFor();
    // A typed address that is not one stays as a red chip; Backspace takes it back.
    await page.getByTestId('composer-to-input').pressSequentially('carol@,');
    expect(await page.locator('[data-testid="chip"].invalid').count()).toBe(1);
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.getByTestId('chip').count()).toBe(0);
    await page.getByTestId('composer-to-input').pressSequentially('carol');
    await page.locator('[data-testid="suggestion"]', { hasText: carol.email }).first().waitFor();
    await screenshot(page, '36-suggestions-adresses');
    while (
      (await page.locator('[role="option"][aria-selected="true"]').innerText()).includes(carol.email) ===
      false
    )
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chip').getAttribute('title')).toBe(carol.email);
    await page.getByTestId('composer-subject').fill(subject);
    await page.getByTestId('composer-body').click({ position: { x: 20, y: 10 } });
    await page.keyboard.type(`Bonjour Carol, le conseil est avancé à 17 h (${tag}).`);
    // No click anywhere: the autosave alone keeps it.
    await expect
      .poll(() => page.getByTestId('composer-save-status').innerText(), { timeout: 15_000 })
      .toBe('Brouillon enregistré');
    await screenshot(page, '32-brouillon-enregistre');

    // Attachments: listed with name and size; past the server's SIZE limit (base64 counted), a warning.
    const { maxMessageBytes = 25 * 1024 * 1024 } = await core.client.invoke('mail.getComposeSettings', {
      accountId,
    });
    await page.getByTestId('attach-input').setInputFiles([
      { name: 'compte-rendu.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(200 * 1024, 1) },
      {
        name: 'photos-sortie.zip',
        mimeType: 'application/zip',
        // Under the limit as a file, over it once encoded in base64 (×1.37).
        buffer: Buffer.alloc(Math.ceil(maxMessageBytes / 1.3), 1),
      },
    ]);
    await expect.poll(() => page.getByTestId('attachment').allInnerTexts()).toHaveLength(2);
    expect((await page.getByTestId('attachment').allInnerTexts()).join(' ')).toMatch(
      /compte-rendu\.pdf\s+200 Ko/,
    );
    expect(await page.getByTestId('size-warning').innerText()).toMatch(
      /le serveur refusera tout message de plus de \d+ Mo/,
    );
    await screenshot(page, '35-pieces-jointes-trop-lourdes');
    await page.getByRole('button', { name: 'Retirer photos-sortie.zip' }).click();
    await expect.poll(() => page.getByTestId('size-warning').count()).toBe(0);
    await page.getByRole('button', { name: 'Retirer compte-rendu.pdf' }).click();
    await expect.poll(() => page.getByTestId('attachment').count()).toBe(0);

    await page.reload();
    await page.getByTestId('folder-tree').waitFor();
    // On the server, in the Drafts folder (Brouillons), once the upload task ran.
    await expect
      .poll(async () => readable((await sources(alice, 'Drafts', tag))[0] ?? ''), { timeout: 20_000 })
      .toContain(`le conseil est avancé à 17 h (${tag})`);
    expect(await sources(alice, 'Drafts', tag)).toHaveLength(1);

    // And in Brouillons in the app: reopened, it has its recipients, subject and text.
    await core.client.invoke('mail.syncAccount', { accountId });
    await folderRow(page, 'Drafts').click();
    await rowWith(page, subject).click();
    await page.getByTestId('resume-draft').click();
    await page.getByTestId('composer').waitFor();
    await expect.poll(() => page.getByTestId('composer-subject').inputValue()).toBe(subject);
    expect(await page.getByTestId('chip').getAttribute('title')).toBe(carol.email);
    expect(await page.getByTestId('composer-body').innerText()).toContain(
      `le conseil est avancé à 17 h (${tag})`,
    );
    await screenshot(page, '33-brouillon-repris');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, '34-brouillon-repris-sombre');

    // Tidy: the draft leaves the server too.
    await page.getByTestId('composer-discard').click();
    await expect.poll(async () => (await sources(alice, 'Drafts', tag)).length, { timeout: 20_000 }).toBe(0);
  }, 120_000);
});
