/**
 * New mail in Chromium against the real stack: carol's window is in the
 * background; a mail delivered to her inbox arrives by IDLE, the page shows a
 * system notification (sender and subject, no body) and the badge and the
 * window title count one more unread. The Notification API is recorded by an
 * init script (a headless browser has no notification centre to look at).
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/server/host.ts';
import { launchChromium } from '../support/browser.ts';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { ensureRendererBuilt, rendererDir } from '../support/renderer-build.ts';
import { caPem, stackPreset, user } from '../support/stack.ts';

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

interface Notice {
  title: string;
  body: string;
}

/** A granted Notification API that records, and a window that is not in front. */
function recordNotices(): void {
  const notices: Notice[] = [];
  Object.assign(window, { recordedNotices: notices });
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission = () => Promise.resolve('granted');
    onclick: (() => void) | null = null;
    constructor(title: string, options?: { body?: string }) {
      notices.push({ title, body: options?.body ?? '' });
    }
    close(): void {}
  }
  Object.assign(window, { Notification: RecordingNotification });
  Document.prototype.hasFocus = () => false;
}

async function deliverToCarol(subject: string, body: string): Promise<void> {
  // Port 1025: the stack's local injection port (no AUTH, loopback only).
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: 1025,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: 'Vie scolaire <vie.scolaire@example.test>',
    to: carol.email,
    subject,
    text: body,
  });
  transport.close();
}

describe('new mail in Chromium', () => {
  it('notifies with sender and subject only, and counts it in the badge and the title', async () => {
    // IDLE on, polling far away: the watcher brings the mail.
    const core = startTestCore({
      extraPresets: [stackPreset],
      extraCaPem: [caPem()],
      pollIntervalMs: 3_600_000,
    });
    const accountId = await signIn(core, carol);
    const host = await startBrowserHost({ core: core.core, rendererDir });
    app = { core, host };
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    app.page = page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript(recordNotices);
    await page.goto(host.url);
    await page.getByTestId('folder-tree').waitFor();

    const inboxUnseen = async () =>
      (await core.client.invoke('mail.listFolders', { accountId })).find((f) => f.specialUse === 'inbox')
        ?.unseen ?? 0;
    const before = await inboxUnseen();
    const titleFor = (count: number) => (count > 0 ? `(${count}) Cartable` : 'Cartable');
    await expect.poll(() => page.title()).toBe(titleFor(before));

    const subject = `Absence du professeur ${randomUUID().slice(0, 8)}`;
    const secret = `corps${randomUUID().slice(0, 8)}`;
    await deliverToCarol(subject, `Bonjour, ${secret}.`);

    const notices = () =>
      page.evaluate(() => (window as unknown as { recordedNotices: Notice[] }).recordedNotices);
    await expect.poll(notices, { timeout: 30_000 }).toContainEqual({
      title: 'Nouveau message',
      body: `De Vie scolaire\n${subject}`,
    });
    expect(JSON.stringify(await notices())).not.toContain(secret);
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe(titleFor(before + 1));
    expect(await page.getByTestId('nav-mail-badge').innerText()).toBe(String(before + 1));
  });
});
