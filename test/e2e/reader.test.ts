/**
 * The reader against hostile mail, end to end: bob's "school" sends alice
 * mail through Postfix; the real core syncs it; Debian's Chromium shows it
 * through the browser host. A loopback HTTP logger stands for the tracker:
 * nothing may reach it, nor appear in the browser's request log, until
 * alice asks to see this message's images, and then only images.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../shared/contract/index.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/server/host.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { caPem, user } from '../support/stack.ts';
import { buildReaderHarness } from './reader-harness.ts';

const alice = user('alice');
const tag = randomUUID().slice(0, 8);
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let browser: Browser;
let app: TestCore;
let host: BrowserHost;
let logger: Server;
let loggerBase: string;
const loggerHits: string[] = [];
let accountId: string;

function hostileHtml(base: string): string {
  return `<html><head>
<link rel="stylesheet" href="${base}/style.css">
<style>@import url(${base}/import.css); h1 { background: url(${base}/bg.png) }</style>
<meta http-equiv="refresh" content="0;url=${base}/refresh">
<base href="${base}/base/">
</head><body>
<h1>Bulletin du trimestre</h1>
<img src="${base}/pixel.gif" width="1" height="1" alt="">
<script>fetch('${base}/script'); parent.document.title = 'pwned';</script>
<img src="x" onerror="fetch('${base}/onerror'); parent.document.title = 'pwned'">
<p><a id="js" href="javascript:fetch('${base}/js-link')">Voir le bulletin</a></p>
<p><a id="phish" href="${base}/phish">www.ac-lyon.fr</a></p>
<svg onload="fetch('${base}/svg-onload')"><script>fetch('${base}/svg-script')</script><image href="${base}/svg-image.png"/></svg>
<form action="${base}/form" method="post"><input name="password"><button id="send">Envoyer</button></form>
</body></html>`;
}

async function deliver(mail: SendMailOptions): Promise<void> {
  // Port 1025: the stack's local injection port (no AUTH, loopback only), as another school's server would.
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: 1025,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({ from: 'Rectorat <no-reply@rectorat.example.test>', to: alice.email, ...mail });
  transport.close();
}

/** Syncs until the three test messages are in alice's inbox (Postfix delivers asynchronously). */
async function inboxMessages(): Promise<MessageSummary[]> {
  const inbox = (await app.client.invoke('mail.listFolders', { accountId })).find(
    (f) => f.specialUse === 'inbox',
  );
  if (!inbox) throw new Error('no inbox');
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await app.client.invoke('mail.syncAccount', { accountId });
    await app.core.idle();
    const page = await app.client.invoke('mail.listMessages', {
      folderId: inbox.id,
      sort: 'date',
      order: 'desc',
      offset: 0,
      limit: 200,
    });
    const ours = page.messages.filter((message) => message.subject.includes(tag));
    if (ours.length >= 3) return ours;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('test mail not delivered');
}

beforeAll(async () => {
  logger = createServer((req, res) => {
    loggerHits.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.from(PNG_1X1, 'base64'));
  });
  await new Promise<void>((resolve) => logger.listen(0, '127.0.0.1', resolve));
  loggerBase = `http://127.0.0.1:${(logger.address() as AddressInfo).port}`;

  const [rendererDir] = await Promise.all([
    buildReaderHarness(),
    (async () => (browser = await launchChromium()))(),
  ]);
  app = startTestCore({ watchMail: false, recentBodies: false, extraCaPem: [caPem()] });
  accountId = await signIn(app, alice);
  await deliver({ subject: `Bulletin piégé ${tag}`, html: hostileHtml(loggerBase), text: 'version texte' });
  await deliver({
    subject: `Texte seul ${tag}`,
    text: 'Bonjour Alice,\n\nLe conseil est jeudi : https://www.ac-lyon.fr/conseil\n\n> Message précédent\n> cité',
  });
  await deliver({
    subject: `Logo ${tag}`,
    html: '<p>Notre logo :</p><img id="logo" src="cid:logo@ecole.example" alt="logo">',
    attachments: [
      { filename: 'logo.png', content: Buffer.from(PNG_1X1, 'base64'), cid: 'logo@ecole.example' },
    ],
  });
  host = await startBrowserHost({ core: app.core, rendererDir });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
  logger?.close();
});

/** Opens the reader on one message; returns the page and every URL the page requested. */
async function openReader(
  message: MessageSummary,
): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({
    locale: 'fr-FR',
    colorScheme: 'light',
    viewport: { width: 1000, height: 900 },
  });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(host.url);
  // A new query, so this is a new document and not a fragment change of the first one.
  await page.goto(`${host.origin}/?reader#${encodeURIComponent(JSON.stringify(message))}`);
  await page.getByTestId('reader-subject').waitFor();
  return { page, requests, errors };
}

const byLogger = (urls: readonly string[]) => urls.filter((url) => url.startsWith(loggerBase));

describe('the reader in Chromium, against hostile mail', () => {
  it('loads nothing remote and runs nothing until asked, then only this message’s images', async () => {
    const message = (await inboxMessages()).find((m) => m.subject.startsWith('Bulletin piégé'));
    if (!message) throw new Error('hostile message missing');
    const { page, requests, errors } = await openReader(message);
    const frame = page.frameLocator('[data-testid="mail-frame"]');
    await frame.locator('h1').waitFor();
    await page.getByTestId('remote-bar').waitFor();
    // Time for anything that would fire on load: images, scripts, refresh, handlers.
    await page.waitForTimeout(1500);
    expect(loggerHits).toEqual([]);
    expect(byLogger(requests)).toEqual([]);
    expect(await page.title()).toBe('Lecteur');
    expect(await frame.locator('script, form, svg, meta[http-equiv="refresh"], base, link').count()).toBe(0);
    // The real address is on screen, not only the display name.
    expect(await page.getByTestId('reader-from-address').textContent()).toBe(
      '<no-reply@rectorat.example.test>',
    );
    await screenshot(page, 'reader-hostile-blocked');

    // A javascript: link is inert; a disguised link asks first and tells the truth.
    await frame.locator('#js').click();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('link-confirm').count()).toBe(0);
    await frame.locator('#phish').click();
    const dialog = page.getByTestId('link-confirm');
    await dialog.waitFor();
    expect(await dialog.getByTestId('link-target').textContent()).toBe(`${loggerBase}/phish`);
    expect(await dialog.getByTestId('link-mismatch').textContent()).toContain(
      'Le texte affiche ac-lyon.fr mais le lien mène à 127.0.0.1',
    );
    await screenshot(page, 'reader-link-confirm');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(page.frames().map((f) => f.url())).not.toContain(`${loggerBase}/phish`);

    await page.getByRole('button', { name: 'Afficher pour ce message' }).click();
    await expect.poll(() => loggerHits.includes('/pixel.gif'), { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(1000);
    const forbidden = ['/style.css', '/import.css', '/refresh', '/script', '/onerror', '/js-link', '/phish'];
    const alsoForbidden = ['/svg-onload', '/svg-script', '/svg-image.png', '/form'];
    for (const url of [...forbidden, ...alsoForbidden]) expect(loggerHits).not.toContain(url);
    expect(loggerHits.every((url) => url === '/pixel.gif' || url === '/bg.png')).toBe(true);
    expect(await page.title()).toBe('Lecteur');
    expect(await page.getByTestId('remote-bar').count()).toBe(0);
    expect(errors).toEqual([]);
    await screenshot(page, 'reader-hostile-shown');
    await page.close();
  });

  it('shows a plain-text mail as text, quotes set apart, links that ask first', async () => {
    const message = (await inboxMessages()).find((m) => m.subject.startsWith('Texte seul'));
    if (!message) throw new Error('plain message missing');
    const { page, errors } = await openReader(message);
    const text = page.getByTestId('plain-text');
    await text.waitFor();
    expect(await text.textContent()).toContain('Le conseil est jeudi');
    expect(await page.getByTestId('mail-frame').count()).toBe(0);
    await text.getByRole('link', { name: 'https://www.ac-lyon.fr/conseil' }).click();
    expect(await page.getByTestId('link-target').textContent()).toBe('https://www.ac-lyon.fr/conseil');
    expect(errors).toEqual([]);
    await screenshot(page, 'reader-plain-text');
    await page.close();
  });

  it('shows a cid: image from the message itself, with no request', async () => {
    const message = (await inboxMessages()).find((m) => m.subject.startsWith('Logo'));
    if (!message) throw new Error('cid message missing');
    const hitsBefore = loggerHits.length;
    const { page, requests, errors } = await openReader(message);
    const logo = page.frameLocator('[data-testid="mail-frame"]').locator('#logo');
    await logo.waitFor();
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    expect(await logo.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId('remote-bar').count()).toBe(0);
    expect(requests.filter((url) => !url.startsWith(host.origin) && !url.startsWith('data:'))).toEqual([]);
    expect(loggerHits.length).toBe(hitsBefore);
    expect(errors).toEqual([]);
    await screenshot(page, 'reader-cid-image');
    await page.close();
  });
});
