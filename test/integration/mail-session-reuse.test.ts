/**
 * Sync tasks borrow the account's kept IMAP session instead of logging in
 * every time: counted as connections through a relay in front of Dovecot.
 * A kept session the network or the server dropped is replaced, not retried.
 */
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, withMailbox } from '../support/mail/imap-admin.ts';
import { startImapRelay, type ImapRelay } from '../support/mail/imap-relay.ts';
import { startTestCore, type TestCore } from '../support/core.ts';
import { caPem, endpoints, user } from '../support/stack.ts';

const bob = user('bob');
let admin: ImapFlow;
let relay: ImapRelay;
let app: TestCore | undefined;
/** UIDs of the mail newMail() put in the inbox, by subject (APPENDUID, RFC 4315). */
const uids = new Map<string, number>();

beforeAll(async () => {
  admin = await connect(bob);
  relay = await startImapRelay();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(async () => {
  await admin.logout();
  await relay.close();
});

/** New mail in bob's inbox, as another device or a delivery would put it there; its subject. */
async function newMail(): Promise<string> {
  const subject = `Réunion ${randomUUID().slice(0, 8)}`;
  const raw = [
    'From: Secretariat <ce.0590001a@example.test>',
    `To: ${bob.email}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: <${randomUUID()}@example.test>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'La réunion est avancée à 8 h.',
    '',
  ].join('\r\n');
  const appended = await admin.append('INBOX', raw);
  if (appended && appended.uid !== undefined) uids.set(subject, appended.uid);
  return subject;
}

/** Bob signed in with IMAP through the relay; returns his account and inbox ids. */
async function signInThroughRelay(started: TestCore): Promise<{ accountId: string; inboxId: string }> {
  const outcome = await started.client.invoke('accounts.add', {
    settings: {
      email: bob.email,
      displayName: bob.login,
      login: bob.login,
      imap: { ...endpoints.imaps, port: relay.port },
      smtp: endpoints.submissions,
    },
    password: bob.password,
  });
  const accountId = outcome.account?.id ?? '';
  await started.core.idle();
  const folders = await started.client.invoke('mail.listFolders', { accountId });
  return { accountId, inboxId: folders.find((f) => f.specialUse === 'inbox')?.id ?? '' };
}

async function inboxSubjects(started: TestCore, inboxId: string): Promise<string[]> {
  const page = await started.client.invoke('mail.listMessages', { folderId: inboxId, limit: 20 });
  return page.messages.map((m) => m.subject);
}

async function syncNow(started: TestCore, accountId: string) {
  const { taskId } = await started.client.invoke('mail.syncAccount', { accountId });
  await started.core.idle();
  return (await started.client.invoke('tasks.list', {})).find((t) => t.id === taskId);
}

describe('the kept IMAP session of sync tasks', () => {
  it('is reused by the next syncs, which still see mail that came while it had the inbox selected', async () => {
    app = startTestCore({ extraCaPem: [caPem()], watchMail: false });
    const { accountId, inboxId } = await signInThroughRelay(app);
    const before = relay.connections;

    const first = await newMail();
    await syncNow(app, accountId);
    expect(await inboxSubjects(app, inboxId)).toContain(first);
    // That sync left the inbox selected on the kept session: Dovecot would answer its
    // LIST-STATUS from the stale view if the session did not leave the mailbox first.
    const second = await newMail();
    await syncNow(app, accountId);
    expect(await inboxSubjects(app, inboxId)).toContain(second);
    expect(relay.connections).toBe(before);
  });

  it('is lent to reading messages and replaying actions too: none of them logs in again', async () => {
    // No bodies fetched during the sync: opening a message asks the server.
    app = startTestCore({ extraCaPem: [caPem()], watchMail: false, recentBodies: false });
    const started = app;
    const subjects = [await newMail(), await newMail()];
    const { inboxId } = await signInThroughRelay(started);
    const before = relay.connections;

    const mine = (
      await started.client.invoke('mail.listMessages', { folderId: inboxId, limit: 50 })
    ).messages.filter((m) => subjects.includes(m.subject));
    expect(mine).toHaveLength(2);
    for (const message of mine) {
      const body = await started.client.invoke('mail.getBody', { messageId: message.id });
      expect(body.text).toContain('La réunion est avancée à 8 h.');
    }
    await started.client.invoke('mail.act', {
      messageIds: mine.map((m) => m.id),
      action: { kind: 'markRead', value: true },
    });
    // The replay runs once the undo delay is over.
    await expect
      .poll(
        async () => {
          const flags = await withMailbox(admin, 'INBOX', () =>
            admin.fetchAll(mine.map((m) => m.uid).join(','), { flags: true }, { uid: true }),
          );
          return flags.length === 2 && flags.every((m) => m.flags?.has('\\Seen') === true);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await started.core.idle();
    expect(relay.connections).toBe(before);
  });

  it('is replaced after the connection dropped, and the next sync succeeds at its first try', async () => {
    app = startTestCore({ extraCaPem: [caPem()], watchMail: false });
    const { accountId, inboxId } = await signInThroughRelay(app);
    const before = relay.connections;

    relay.cut();
    const subject = await newMail();
    const task = await syncNow(app, accountId);
    expect(task).toMatchObject({ state: 'done', attempts: 1 });
    expect(await inboxSubjects(app, inboxId)).toContain(subject);
    expect(relay.connections).toBeGreaterThan(before);
  });

  it('serves the inbox syncs IDLE asks for on the inbox it keeps open, new mail, flags and expunges alike', async () => {
    // Polling far in the future: only IDLE brings the changes in.
    app = startTestCore({ extraCaPem: [caPem()], pollIntervalMs: 3_600_000 });
    const started = app;
    const { accountId, inboxId } = await signInThroughRelay(started);
    const inbox = async () =>
      (await started.client.invoke('mail.listMessages', { folderId: inboxId, limit: 20 })).messages;
    const settled = async (check: (messages: Awaited<ReturnType<typeof inbox>>) => boolean) => {
      await expect.poll(async () => check(await inbox()), { timeout: 30_000 }).toBe(true);
      await started.core.idle();
    };
    const inboxCount = async () =>
      (await started.client.invoke('mail.listFolders', { accountId })).find((f) => f.id === inboxId)
        ?.messages ?? 0;
    // The first IDLE wake-up: the watcher's connection is up, a sync session kept.
    const first = await newMail();
    await settled((messages) => messages.some((m) => m.subject === first));
    const before = { connections: relay.connections, messages: await inboxCount() };

    const second = await newMail();
    await settled((messages) => messages.some((m) => m.subject === second));
    const third = await newMail();
    await settled((messages) => messages.some((m) => m.subject === third));
    // No folder list was read, yet the inbox's counters followed.
    expect(await inboxCount()).toBeGreaterThanOrEqual(before.messages + 2);

    // Another device reads the first and deletes the second: a NOOP on the open inbox must see both.
    await withMailbox(admin, 'INBOX', async () => {
      await admin.messageFlagsAdd(String(uids.get(first)), ['\\Seen'], { uid: true });
      await admin.messageDelete(String(uids.get(second)), { uid: true });
    });
    await settled(
      (messages) =>
        messages.some((m) => m.subject === first && m.seen) && !messages.some((m) => m.subject === second),
    );
    expect(relay.connections).toBe(before.connections);
  });
});
