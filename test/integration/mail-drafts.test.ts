/**
 * Drafts against the real Dovecot: saved here at once, replicated to alice's Drafts folder as
 * exactly one copy (the newest) through quick saves, a restart, a connection cut after the
 * APPEND, a crash between the APPEND and the removal of the old copy, a network that is down
 * and a mailbox that is full; sent drafts and deleted drafts leave the folder.
 */
import { sessionsOf } from '../support/mail/sessions.ts';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CartableError, type Account, type DraftMessage } from '../../shared/contract/index.ts';
import { openDatabase } from '../../electron/core/db/database.ts';
import { createConsoleLogger } from '../../electron/core/log.ts';
import { DraftRepository } from '../../electron/core/mail/drafts/draft-repository.ts';
import { DraftService } from '../../electron/core/mail/drafts/draft-service.ts';
import { registerDraftTasks } from '../../electron/core/mail/drafts/draft-upload.ts';
import { systemClock } from '../../electron/core/ports.ts';
import { TaskQueue } from '../../electron/core/tasks/queue.ts';
import type { TestCore } from '../support/core.ts';
import { connect, createTestFolder, specialFolderPath, withMailbox } from '../support/mail/imap-admin.ts';
import {
  startImapFaultProxy,
  type ImapFaultMode,
  type ImapFaultProxy,
} from '../support/mail/imap-fault-proxy.ts';
import { addAlice, coreOpener, waitFor, waitForCopies } from '../support/mail/send-setup.ts';
import { endpoints, user } from '../support/stack.ts';

const alice = user('alice');
const bob = user('bob');
const DRAFT_HEADER = 'x-cartable-draft';
let aliceAdmin: ImapFlow;
let bobAdmin: ImapFlow;
let draftsPath: string;
const cores = coreOpener({ recentBodies: false });
const start = cores.start;
const proxies: ImapFaultProxy[] = [];

/** Every copy Cartable made in alice's Drafts (tests of this file, or a run killed earlier). */
async function removeTestDrafts(): Promise<void> {
  await withMailbox(aliceAdmin, draftsPath, async () => {
    // A zero-length string matches every message that has the field (RFC 3501 §6.4.4).
    const uids = (await aliceAdmin.search({ header: { [DRAFT_HEADER]: '' } }, { uid: true })) || [];
    if (uids.length > 0) await aliceAdmin.messageDelete(uids, { uid: true });
  });
}

beforeAll(async () => {
  aliceAdmin = await connect(alice);
  bobAdmin = await connect(bob);
  draftsPath = await specialFolderPath(aliceAdmin, '\\Drafts', 'alice');
  await removeTestDrafts();
});
afterAll(async () => {
  await cores.closeAll();
  for (const proxy of proxies) await proxy.close();
  await removeTestDrafts();
  await aliceAdmin.logout();
  await bobAdmin.logout();
});

async function proxy(mode: ImapFaultMode = 'forward'): Promise<ImapFaultProxy> {
  const started = await startImapFaultProxy(mode);
  proxies.push(started);
  return started;
}

/** A version of the draft; the text is ASCII so the MIME source can be searched for it. */
/** A core with alice signed in through a fault proxy of her own (forwarding until told otherwise). */
async function aliceBehindProxy(): Promise<{ gate: ImapFaultProxy; app: TestCore; accountId: string }> {
  const gate = await proxy();
  const app = start();
  const accountId = await addAlice(app, { imap: { host: '127.0.0.1', port: gate.port, security: 'tls' } });
  return { gate, app, accountId };
}

/** Draft uploads still waiting in the queue. */
async function pendingUploads(app: TestCore) {
  return (await app.client.invoke('tasks.list', {})).filter(
    (task) => task.kind === 'mail.uploadDraft' && task.state === 'pending',
  );
}

function version(tag: string, n: number, to: DraftMessage['to'] = []): DraftMessage {
  return {
    to,
    cc: [],
    bcc: [],
    subject: `Brouillon ${tag}`,
    text: `Bonjour,\nversion ${n} of ${tag}\n`,
    attachments: [],
  };
}

interface Copy {
  uid: number;
  flags: string[];
  source: string;
}

/** alice's copies of one draft, read fresh: the admin session leaves the folder first. */
function copies(draftId: string): Promise<Copy[]> {
  return folderCopies(draftsPath, draftId);
}

async function folderCopies(folder: string, draftId: string): Promise<Copy[]> {
  if (aliceAdmin.mailbox) await aliceAdmin.mailboxClose();
  return withMailbox(aliceAdmin, folder, async () => {
    const uids = (await aliceAdmin.search({ header: { [DRAFT_HEADER]: draftId } }, { uid: true })) || [];
    if (uids.length === 0) return [];
    const fetched = await aliceAdmin.fetchAll(uids, { uid: true, flags: true, source: true }, { uid: true });
    return fetched.map((m) => ({
      uid: m.uid,
      flags: [...(m.flags ?? [])],
      source: m.source?.toString('latin1') ?? '',
    }));
  });
}

/** Exactly one copy on the server, holding version `n`. */
async function expectOneCopyOf(draftId: string, tag: string, n: number): Promise<Copy> {
  const found = await copies(draftId);
  expect(found).toHaveLength(1);
  const [copy] = found as [Copy];
  expect(copy.source).toContain(`version ${n} of ${tag}`);
  return copy;
}

async function draftState(app: TestCore, draftId: string) {
  return (await app.client.invoke('mail.listDrafts', {})).find((draft) => draft.id === draftId);
}

function onServer(app: TestCore, draftId: string) {
  return waitFor(async () => ((await draftState(app, draftId))?.onServer ? true : undefined), 'the upload');
}

describe('drafts', () => {
  it('four quick saves leave one copy in Drafts, the last, flagged \\Draft \\Seen', async () => {
    const app = start();
    const accountId = await addAlice(app);
    const tag = randomUUID();
    const { draftId } = await app.client.invoke('mail.saveDraft', { accountId, message: version(tag, 1) });
    await app.core.idle();
    await expectOneCopyOf(draftId, tag, 1);

    for (const n of [2, 3, 4])
      await app.client.invoke('mail.saveDraft', { accountId, draftId, message: version(tag, n) });
    await app.core.idle();
    const copy = await expectOneCopyOf(draftId, tag, 4);
    expect(copy.flags).toEqual(expect.arrayContaining(['\\Draft', '\\Seen']));
    expect(copy.source).toMatch(new RegExp(`^X-Cartable-Draft: ${draftId}\\r$`, 'im'));
    expect(await draftState(app, draftId)).toMatchObject({ onServer: true, subject: `Brouillon ${tag}` });
    expect((await app.client.invoke('mail.getDraft', { draftId })).message.text).toContain('version 4');
  });

  it('a restart between the save and its upload still ends with one copy, the newest', async () => {
    const { gate, app, accountId } = await aliceBehindProxy();
    const tag = randomUUID();
    const { draftId } = await app.client.invoke('mail.saveDraft', { accountId, message: version(tag, 1) });
    await app.core.idle();
    await expectOneCopyOf(draftId, tag, 1);

    // The network goes: the next versions wait in the queue, then Cartable is closed.
    gate.mode = 'refuse';
    await app.client.invoke('mail.saveDraft', { accountId, draftId, message: version(tag, 2) });
    await app.core.idle();
    await app.client.invoke('mail.saveDraft', { accountId, draftId, message: version(tag, 3) });
    await app.core.idle();
    const waiting = await pendingUploads(app);
    expect(waiting).toHaveLength(1);
    const databasePath = path.join(app.profileDir, 'cartable.sqlite');
    await app.close();
    await expectOneCopyOf(draftId, tag, 1);

    gate.mode = 'forward';
    const again = start({ databasePath, from: app });
    await onServer(again, draftId);
    await expectOneCopyOf(draftId, tag, 3);
    const uploads = await pendingUploads(again);
    expect(uploads).toEqual([]);
  });

  it('a connection cut after the server stored the APPEND: the re-run appends nothing more and removes the old copy', async () => {
    const { gate: cutter, app, accountId } = await aliceBehindProxy();
    const tag = randomUUID();
    const { draftId } = await app.client.invoke('mail.saveDraft', { accountId, message: version(tag, 1) });
    await app.core.idle();
    await expectOneCopyOf(draftId, tag, 1);

    cutter.mode = 'cutAfterAppend';
    await app.client.invoke('mail.saveDraft', { accountId, draftId, message: version(tag, 2) });
    await app.core.idle();
    expect(cutter.cuts).toBe(1);
    // Both versions are there now: the old one must not go before the new one is known.
    expect(await copies(draftId)).toHaveLength(2);
    expect((await draftState(app, draftId))?.error?.code).toMatch(/NETWORK|TIMEOUT/);

    cutter.mode = 'forward';
    await onServer(app, draftId);
    await expectOneCopyOf(draftId, tag, 2);
  });

  it('offline, the draft is kept here and reaches the server once the network is back', async () => {
    const { gate, app, accountId } = await aliceBehindProxy();
    gate.mode = 'refuse';
    const tag = randomUUID();
    const { draftId } = await app.client.invoke('mail.saveDraft', { accountId, message: version(tag, 1) });
    await app.core.idle();
    const waiting = await draftState(app, draftId);
    expect(waiting?.onServer).toBe(false);
    // The kept session was cut with the network, or a new one refused: a network failure either way.
    expect(['NETWORK', 'PORT_CLOSED', 'TIMEOUT']).toContain(waiting?.error?.code);
    expect((await app.client.invoke('mail.getDraft', { draftId })).message.text).toContain('version 1');
    expect(await copies(draftId)).toEqual([]);

    gate.mode = 'forward';
    await onServer(app, draftId);
    await expectOneCopyOf(draftId, tag, 1);
    expect((await draftState(app, draftId))?.error).toBeUndefined();
  });

  it('a full mailbox refuses the APPEND: the text is kept, the old copy too, and the task says why', async () => {
    const { gate, app, accountId } = await aliceBehindProxy();
    const tag = randomUUID();
    const { draftId } = await app.client.invoke('mail.saveDraft', { accountId, message: version(tag, 1) });
    await app.core.idle();

    gate.mode = 'overquota';
    await app.client.invoke('mail.saveDraft', { accountId, draftId, message: version(tag, 2) });
    await app.core.idle();
    expect(gate.overquota).toBe(1);
    const failed = (await app.client.invoke('tasks.list', {})).find(
      (task) => task.kind === 'mail.uploadDraft' && task.state === 'failed',
    );
    expect(failed?.error?.code).toBe('QUOTA_EXCEEDED');
    expect(await draftState(app, draftId)).toMatchObject({
      onServer: false,
      error: { code: 'QUOTA_EXCEEDED' },
    });
    expect((await app.client.invoke('mail.getDraft', { draftId })).message.text).toContain('version 2');
    await expectOneCopyOf(draftId, tag, 1);

    // Room again (the user emptied the trash); the next save goes through.
    gate.mode = 'forward';
    await app.client.invoke('mail.saveDraft', { accountId, draftId, message: version(tag, 3) });
    await app.core.idle();
    await expectOneCopyOf(draftId, tag, 3);
    expect((await draftState(app, draftId))?.error).toBeUndefined();
  });

  it('a sent draft reaches bob once and leaves Drafts and the drafts list', async () => {
    const app = start();
    const accountId = await addAlice(app);
    const tag = randomUUID();
    const to = [{ name: 'Bob Martin', address: bob.email }];
    const { draftId } = await app.client.invoke('mail.saveDraft', {
      accountId,
      message: version(tag, 1, to),
    });
    await app.core.idle();
    await expectOneCopyOf(draftId, tag, 1);

    const { message } = await app.client.invoke('mail.getDraft', { draftId });
    const { outboxId } = await app.client.invoke('mail.send', {
      accountId,
      message,
      draftId,
      undoDelayMs: 0,
    });
    await waitFor(async () => {
      const item = (await app.client.invoke('mail.outbox', {})).find((entry) => entry.id === outboxId);
      return item?.state === 'sent' ? item : undefined;
    }, 'the send');
    await app.core.idle();
    expect(await app.client.invoke('mail.listDrafts', { accountId })).toEqual([]);
    await expect(app.client.invoke('mail.getDraft', { draftId })).rejects.toMatchObject({
      code: 'DRAFT_NOT_FOUND',
    });
    expect(await copies(draftId)).toEqual([]);
    const delivered = await waitForCopies(bobAdmin, 'INBOX', tag, 'delivery');
    expect(delivered).toHaveLength(1);
  });

  it('a deleted draft is gone here at once and from the server after its task', async () => {
    const app = start();
    const accountId = await addAlice(app);
    const tag = randomUUID();
    const { draftId } = await app.client.invoke('mail.saveDraft', { accountId, message: version(tag, 1) });
    await app.core.idle();
    await expectOneCopyOf(draftId, tag, 1);

    expect(await app.client.invoke('mail.deleteDraft', { draftId })).toEqual({ deleted: true });
    expect(await app.client.invoke('mail.listDrafts', { accountId })).toEqual([]);
    await app.core.idle();
    expect(await copies(draftId)).toEqual([]);
    expect(await app.client.invoke('mail.deleteDraft', { draftId })).toEqual({ deleted: false });
  });
});

async function uidValidityOf(folder: string): Promise<bigint | undefined> {
  const status = await aliceAdmin.status(folder, { uidValidity: true });
  return status ? status.uidValidity : undefined;
}

interface Rig {
  db: ReturnType<typeof openDatabase>;
  tasks: TaskQueue;
  drafts: DraftService;
  /** UIDs the upload verified, one per run that got that far. */
  appended: number[];
  /** The next upload throws right after its new copy is verified. */
  crashAfterAppend(): void;
  uploadStates(): string[];
}

/** The draft pieces core.ts wires, on their own database, so a test can inject a fault. */
function startRig(draftsFolder?: string): Rig {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('acc', ?, '{}', NULL, 'now', NULL)").run(alice.email);
  if (draftsFolder !== undefined)
    db.prepare(
      `INSERT INTO folders (id, account_id, path, name, delimiter, special_use, subscribed)
       VALUES ('f', 'acc', ?, ?, '/', 'drafts', 1)`,
    ).run(draftsFolder, draftsFolder);
  const account: Account = {
    id: 'acc',
    email: alice.email,
    displayName: 'Alice Dupré',
    login: alice.login,
    imap: endpoints.imaps,
    smtp: endpoints.submissions,
    tlsPins: [],
    createdAt: 'now',
  };
  const logger = createConsoleLogger('error', () => undefined);
  const repository = new DraftRepository(db);
  const tasks = new TaskQueue({ db, clock: systemClock, logger, onChanged: () => undefined });
  let crash = false;
  const appended: number[] = [];
  registerDraftTasks(tasks, {
    repository,
    logger,
    account: () => account,
    withSession: sessionsOf(alice),
    onChanged: () => undefined,
    afterAppend: (uid) => {
      appended.push(uid);
      if (!crash) return;
      crash = false;
      // A lost connection right after the new copy was verified: the queue keeps the task.
      throw new CartableError('NETWORK', { reason: 'injected after APPEND' });
    },
  });
  const drafts = new DraftService({
    repository,
    clock: systemClock,
    account: () => account,
    kickTasks: () => tasks.kick(),
    onChanged: () => undefined,
  });
  tasks.start();
  return {
    db,
    tasks,
    drafts,
    appended,
    crashAfterAppend: () => void (crash = true),
    uploadStates: () =>
      db
        .prepare<[], { state: string }>(
          "SELECT state FROM tasks WHERE kind = 'mail.uploadDraft' ORDER BY rowid",
        )
        .all()
        .map((row) => row.state),
  };
}

describe('drafts, the upload on its own', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.tasks.close();
    rig?.db.close();
    rig = undefined;
  });

  it('a fault between the APPEND and the removal of the old copy: the re-run leaves exactly the newest', async () => {
    const current = (rig = startRig());
    const tag = randomUUID();
    const { draftId } = current.drafts.save('acc', undefined, version(tag, 1));
    await current.tasks.idle();
    await expectOneCopyOf(draftId, tag, 1);

    current.crashAfterAppend();
    current.drafts.save('acc', draftId, version(tag, 2));
    await current.tasks.idle();
    expect(current.uploadStates()).toEqual(['done', 'pending']);
    expect(await copies(draftId)).toHaveLength(2);

    // The retry, due now instead of after its backoff.
    current.db.prepare('UPDATE tasks SET next_at = ?').run(new Date().toISOString());
    current.tasks.kick();
    await current.tasks.idle();
    expect(current.uploadStates()).toEqual(['done', 'done']);
    const copy = await expectOneCopyOf(draftId, tag, 2);
    // The re-run found the copy it had made instead of appending another one.
    expect(current.appended.slice(1)).toEqual([copy.uid, copy.uid]);
    expect(current.drafts.open(draftId)).toMatchObject({ onServer: true });
  });

  it('a Drafts folder recreated under a new UIDVALIDITY loses no draft: the next save is the one copy', async () => {
    const folder = await createTestFolder(aliceAdmin);
    try {
      const current = (rig = startRig(folder));
      const tag = randomUUID();
      const { draftId } = current.drafts.save('acc', undefined, version(tag, 1));
      await current.tasks.idle();
      const before = await uidValidityOf(folder);
      expect(await folderCopies(folder, draftId)).toHaveLength(1);

      await aliceAdmin.mailboxDelete(folder);
      await aliceAdmin.mailboxCreate(folder);
      expect(await uidValidityOf(folder)).not.toBe(before);
      current.drafts.save('acc', draftId, version(tag, 2));
      await current.tasks.idle();
      const found = await folderCopies(folder, draftId);
      expect(found).toHaveLength(1);
      expect(found[0]?.source).toContain(`version 2 of ${tag}`);
      expect(current.drafts.open(draftId).message.text).toContain('version 2');
    } finally {
      if (aliceAdmin.mailbox) await aliceAdmin.mailboxClose();
      await aliceAdmin.mailboxDelete(folder).catch(() => undefined);
    }
  });
});
