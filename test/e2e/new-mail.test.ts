/**
 * New mail in Chromium against the real stack: carol's window is in the
 * background; a mail delivered to her inbox arrives by IDLE, the page shows a
 * system notification (sender and subject, no body) and the badge and the
 * window title count one more unread. The Notification API is recorded by an
 * init script (a headless browser has no notification centre to look at).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useE2eApps } from '../support/e2e-app.ts';
import { injectMail } from '../support/mail/deliver.ts';
import { user } from '../support/stack.ts';

const carol = user('carol');

const apps = useE2eApps();

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
  await injectMail({
    from: 'Vie scolaire <vie.scolaire@example.test>',
    to: carol.email,
    subject,
    text: body,
  });
}

describe('new mail in Chromium', () => {
  it('notifies with sender and subject only, and counts it in the badge and the title', async () => {
    // IDLE on, polling far away: the watcher brings the mail.
    const { page, core, accountId } = await apps.open({
      user: carol,
      core: { watchMail: true },
      window: { locale: 'fr-FR', viewport: { width: 1280, height: 800 } },
      consoleErrors: false,
      initScript: recordNotices,
    });
    if (!accountId) throw new Error('not signed in');

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
