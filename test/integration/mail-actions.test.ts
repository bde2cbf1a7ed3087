/**
 * Mail actions against the real Dovecot: each action is applied locally,
 * replayed by the task queue, and afterwards the server and the database
 * (after a resync) agree. Folders live under `Actions/`; Trash and Junk are
 * test folders marked as such in the database, so the account's real ones
 * are never touched.
 */
import { sessionsOf } from '../support/mail/sessions.ts';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CartableError } from '../../shared/contract/index.ts';
import { createConsoleLogger } from '../../electron/core/log.ts';
import { registerActionTasks } from '../../electron/core/mail/actions/replay.ts';
import { ActionService } from '../../electron/core/mail/actions/service.ts';
import { systemClock } from '../../electron/core/ports.ts';
import { TaskQueue } from '../../electron/core/tasks/queue.ts';
import { generateCorpus, type GeneratedMessage } from '../support/mail/corpus.ts';
import {
  append,
  connect,
  createTestFolder,
  deleteTestFolders,
  serverState,
  withMailbox,
} from '../support/mail/imap-admin.ts';
import { signIn, startTestCore } from '../support/core.ts';
import { startEngine, type Engine } from '../support/mail/engine.ts';
import { caPem, user } from '../support/stack.ts';

const PREFIX = 'Actions';
const alice = user('alice');
let admin: ImapFlow;

beforeAll(async () => {
  admin = await connect(alice);
});
afterAll(async () => {
  await deleteTestFolders(admin, PREFIX);
  await admin.logout();
});

/** Polls (no timing threshold in the assertion): the undo window is real time in the core. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Rig {
  engine: Engine;
  queue: TaskQueue;
  actions: ActionService;
  folderId(path: string): string;
  ids(path: string): number[];
  /** Paths the replay asked to sync. */
  syncRequests: string[][];
  /** What the replay logged at warn level and above. */
  warnings: string[];
}

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.queue.close();
  await rig?.engine.close();
  rig = undefined;
});

interface RigOptions {
  undoMs?: number;
  useMove?: boolean;
  afterCopy?: (uids: readonly number[]) => void;
}

async function startRig(paths: string[], options: RigOptions = {}): Promise<Rig> {
  const engine = await startEngine(alice);
  const syncRequests: string[][] = [];
  const warnings: string[] = [];
  for (const path of paths) await engine.sync(path);
  const folderId = (path: string): string =>
    engine.db.prepare<[string], { id: string }>('SELECT id FROM folders WHERE path = ?').get(path)?.id ?? '';
  const logger = createConsoleLogger('error', () => undefined);
  const queue = new TaskQueue({ db: engine.db, clock: systemClock, logger, onChanged: () => undefined });
  registerActionTasks(queue, {
    db: engine.db,
    logger: createConsoleLogger('warn', (line) => void warnings.push(line)),
    withSession: sessionsOf(alice),
    onChanged: () => undefined,
    requestSync: (_accountId, paths) => void syncRequests.push(paths),
    ...(options.useMove === undefined ? {} : { useMove: options.useMove }),
    ...(options.afterCopy ? { afterCopy: options.afterCopy } : {}),
  });
  const actions = new ActionService({
    db: engine.db,
    clock: systemClock,
    kick: () => queue.kick(),
    onChanged: () => undefined,
    undoMs: options.undoMs ?? 0,
  });
  queue.start();
  const ids = (path: string) =>
    engine.db
      .prepare<[string], { id: number }>('SELECT id FROM messages WHERE folder_id = ? ORDER BY uid')
      .all(folderId(path))
      .map((row) => row.id);
  return { engine, queue, actions, folderId, ids, syncRequests, warnings };
}

async function folderWith(count: number, seed: number): Promise<string> {
  const path = await createTestFolder(admin, PREFIX);
  await append(admin, path, generateCorpus(count, seed));
  return path;
}

async function expectSynced(current: Rig, path: string): Promise<void> {
  await current.engine.sync(path);
  expect(current.engine.rows(path)).toEqual(await freshState(path));
}

function markSpecial(current: Rig, path: string, specialUse: 'trash' | 'junk'): void {
  current.engine.db.prepare('UPDATE folders SET special_use = ? WHERE path = ?').run(specialUse, path);
}

/** Lets the tasks held back by a long undo window run now. */
async function runQueue(current: Rig): Promise<void> {
  current.engine.db
    .prepare("UPDATE tasks SET next_at = ? WHERE state = 'pending'")
    .run(new Date().toISOString());
  current.queue.kick();
  await current.queue.idle();
}

function taskStates(current: Rig): string[] {
  return current.engine.db
    .prepare<[], { state: string }>('SELECT state FROM tasks ORDER BY created_at')
    .all()
    .map((row) => row.state);
}

/**
 * Closes what the admin client has selected first: a server does not report expunges
 * while answering FETCH (RFC 3501 §7.4.1), so a session kept open would show a stale view.
 */
async function reselect(): Promise<void> {
  if (admin.mailbox) await admin.mailboxClose();
}

async function freshState(path: string): ReturnType<typeof serverState> {
  await reselect();
  return serverState(admin, path);
}

async function messageIdsAt(path: string): Promise<string[]> {
  await reselect();
  const lock = await admin.getMailboxLock(path);
  try {
    if (admin.mailbox && admin.mailbox.exists === 0) return [];
    const messages = await admin.fetchAll('1:*', { envelope: true });
    return messages.map((m) => m.envelope?.messageId ?? '').sort();
  } finally {
    lock.release();
  }
}

describe('mail actions replayed to Dovecot', () => {
  it('marks read and flags on the server as in the database', async () => {
    const path = await folderWith(6, 901);
    rig = await startRig([path]);
    const ids = rig.ids(path);
    rig.actions.act(ids.slice(0, 3), { kind: 'markRead', value: true });
    rig.actions.act(ids.slice(2, 5), { kind: 'flag', value: true });
    rig.actions.act(ids.slice(5), { kind: 'markRead', value: false });
    await rig.queue.idle();
    expect(taskStates(rig).every((state) => state === 'done')).toBe(true);
    const server = await freshState(path);
    const uids = [...server.keys()].sort((a, b) => a - b);
    for (const uid of uids.slice(0, 3)) expect(server.get(uid)?.flags).toContain('\\Seen');
    for (const uid of uids.slice(2, 5)) expect(server.get(uid)?.flags).toContain('\\Flagged');
    expect(server.get(uids[5] ?? 0)?.flags).not.toContain('\\Seen');
    // What the database showed at once is what a resync reads back.
    expect(rig.engine.rows(path)).toEqual(server);
    await expectSynced(rig, path);
  });

  for (const useMove of [true, false]) {
    it(`moves ${useMove ? 'with MOVE' : 'with COPY, verify and UID EXPUNGE'}`, async () => {
      const source = await folderWith(5, useMove ? 902 : 903);
      const destination = await createTestFolder(admin, PREFIX);
      rig = await startRig([source, destination], { useMove });
      const moving = rig.ids(source).slice(0, 3);
      const expected = (await messageIdsAt(source)).slice(0, 3);
      rig.actions.act(moving, { kind: 'move', folderId: rig.folderId(destination) });
      // The rows leave the source's list before the server hears of it.
      const hidden = rig.engine.db
        .prepare<[], { n: number }>('SELECT count(*) AS n FROM messages WHERE pending_action IS NOT NULL')
        .get();
      expect(hidden?.n).toBe(3);
      await rig.queue.idle();
      expect(taskStates(rig)).toEqual(['done']);
      expect((await freshState(source)).size).toBe(2);
      expect(await messageIdsAt(destination)).toEqual(expected);
      expect(rig.engine.rows(source).size).toBe(2);
      await expectSynced(rig, source);
      await expectSynced(rig, destination);
    });
  }

  it('deletes to Trash, junks to Junk, and deletes inside Trash for good', async () => {
    const source = await folderWith(4, 904);
    const trash = await createTestFolder(admin, PREFIX);
    const junk = await createTestFolder(admin, PREFIX);
    rig = await startRig([source, trash, junk]);
    markSpecial(rig, trash, 'trash');
    markSpecial(rig, junk, 'junk');
    const [a, b, c] = rig.ids(source);
    rig.actions.act([a ?? 0, b ?? 0], { kind: 'delete' });
    rig.actions.act([c ?? 0], { kind: 'junk' });
    await rig.queue.idle();
    expect((await freshState(trash)).size).toBe(2);
    expect((await freshState(junk)).size).toBe(1);
    expect((await freshState(source)).size).toBe(1);
    await expectSynced(rig, trash);
    await expectSynced(rig, junk);

    const [inTrash] = rig.ids(trash);
    rig.actions.act([inTrash ?? 0], { kind: 'delete' });
    await rig.queue.idle();
    expect((await freshState(trash)).size).toBe(1);
    await expectSynced(rig, trash);

    rig.actions.emptyTrash('acc');
    await rig.queue.idle();
    expect((await freshState(trash)).size).toBe(0);
    await expectSynced(rig, trash);
  });

  it('leaves the server untouched when undone within the window', async () => {
    const source = await folderWith(3, 905);
    const destination = await createTestFolder(admin, PREFIX);
    rig = await startRig([source, destination], { undoMs: 60_000 });
    const before = await freshState(source);
    const ids = rig.ids(source);
    const read = rig.actions.act(ids, { kind: 'markRead', value: true });
    const moved = rig.actions.act(ids.slice(0, 1), { kind: 'move', folderId: rig.folderId(destination) });
    expect(rig.actions.undo(moved.actionId)).toEqual({ undone: true });
    expect(rig.actions.undo(read.actionId)).toEqual({ undone: true });
    await rig.queue.idle();
    expect(taskStates(rig)).toEqual([]);
    expect(await freshState(source)).toEqual(before);
    expect((await freshState(destination)).size).toBe(0);
    expect(rig.engine.rows(source)).toEqual(before);
  });

  it('re-runs a move killed between COPY and EXPUNGE without a second copy', async () => {
    const source = await folderWith(3, 906);
    const destination = await createTestFolder(admin, PREFIX);
    let crash = true;
    rig = await startRig([source, destination], {
      useMove: false,
      afterCopy: () => {
        if (!crash) return;
        crash = false;
        // A lost connection right after COPY: the queue keeps the task for a retry.
        throw new CartableError('NETWORK', { reason: 'injected after COPY' });
      },
    });
    const expected = await messageIdsAt(source);
    rig.actions.act(rig.ids(source), { kind: 'move', folderId: rig.folderId(destination) });
    await rig.queue.idle();
    expect(taskStates(rig)).toEqual(['pending']);
    expect(await messageIdsAt(destination)).toEqual(expected);
    expect((await freshState(source)).size).toBe(3);

    // The retry, due now instead of after its backoff.
    rig.engine.db.prepare('UPDATE tasks SET next_at = ?').run(new Date().toISOString());
    rig.queue.kick();
    await rig.queue.idle();
    expect(taskStates(rig)).toEqual(['done']);
    expect(await messageIdsAt(destination)).toEqual(expected);
    expect((await freshState(source)).size).toBe(0);
    await expectSynced(rig, source);
    await expectSynced(rig, destination);
  });
});

describe('mail actions that cannot be replayed', () => {
  const hidden = (current: Rig) =>
    current.engine.db
      .prepare<[], { n: number }>('SELECT count(*) AS n FROM messages WHERE pending_action IS NOT NULL')
      .get()?.n;

  it('drops an action queued without identities when its folder changed UIDVALIDITY', async () => {
    const source = await folderWith(2, 908);
    rig = await startRig([source], { undoMs: 60_000 });
    markSpecial(rig, source, 'trash');
    const before = await freshState(source);
    rig.engine.db.prepare('UPDATE folders SET uid_validity = 1 WHERE path = ?').run(source);
    rig.actions.act(rig.ids(source), { kind: 'delete' });
    // As an older version queued it: UIDs only, which name other messages after a renumbering.
    rig.engine.db.prepare("UPDATE tasks SET payload_json = json_remove(payload_json, '$.identities')").run();
    await runQueue(rig);
    expect(taskStates(rig)).toEqual(['done']);
    expect(await freshState(source)).toEqual(before);
    expect(hidden(rig)).toBe(0);
    expect(rig.syncRequests).toEqual([[source]]);
  });

  it('gives the rows back when the server refuses the move', async () => {
    const source = await folderWith(2, 909);
    const destination = await createTestFolder(admin, PREFIX);
    rig = await startRig([source, destination]);
    await admin.mailboxDelete(destination);
    rig.actions.act(rig.ids(source), { kind: 'move', folderId: rig.folderId(destination) });
    await rig.queue.idle();
    expect(taskStates(rig)).toEqual(['failed']);
    expect((await freshState(source)).size).toBe(2);
    expect(hidden(rig)).toBe(0);
  });
});

describe('mail actions across a UIDVALIDITY change', () => {
  /** Message-IDs of the folder's rows, those the list shows or those a pending action hides. */
  const localIds = (current: Rig, path: string, pending: boolean): string[] =>
    current.engine.db
      .prepare<[string], { message_id: string }>(
        `SELECT message_id FROM messages WHERE folder_id = ? AND (pending_action IS NOT NULL) = ${pending ? 1 : 0}
         ORDER BY message_id`,
      )
      .all(current.folderId(path))
      .map((row) => row.message_id);

  async function flagsById(path: string): Promise<Map<string, string[]>> {
    await reselect();
    const messages = await withMailbox(admin, path, () =>
      admin.fetchAll('1:*', { envelope: true, flags: true }),
    );
    return new Map(messages.map((m) => [m.envelope?.messageId ?? '', [...(m.flags ?? [])]]));
  }

  /**
   * Deletes and recreates the folder (Dovecot gives it a new UIDVALIDITY), then another client
   * puts mail back, unread and in reverse order: every old UID now names another message.
   */
  async function renumber(path: string, messages: readonly GeneratedMessage[]): Promise<void> {
    await reselect();
    const uidValidity = async () => {
      const status = await admin.status(path, { uidValidity: true });
      return status ? status.uidValidity : undefined;
    };
    const before = await uidValidity();
    await admin.mailboxDelete(path);
    await admin.mailboxCreate(path);
    for (const message of [...messages].reverse())
      await admin.append(path, message.raw, [], message.internalDate);
    expect(await uidValidity()).not.toBe(before);
  }

  for (const resyncFirst of [true, false]) {
    it(`replays read, move and delete on the messages found again, ${resyncFirst ? 'after' : 'before'} the folder's resync`, async () => {
      const corpus = generateCorpus(5, resyncFirst ? 910 : 911);
      const id = (i: number) => corpus[i]?.messageId ?? '';
      const source = await createTestFolder(admin, PREFIX);
      await append(
        admin,
        source,
        corpus.map((message) => ({ ...message, flags: [] })),
      );
      const destination = await createTestFolder(admin, PREFIX);
      const trash = await createTestFolder(admin, PREFIX);
      // The undo window holds the replay back until runQueue.
      rig = await startRig([source, destination, trash], { undoMs: 60_000 });
      markSpecial(rig, trash, 'trash');
      const [m0, m1, m2, m3] = rig.ids(source);
      rig.actions.act([m0 ?? 0], { kind: 'markRead', value: true });
      rig.actions.act([m1 ?? 0, m3 ?? 0], { kind: 'move', folderId: rig.folderId(destination) });
      rig.actions.act([m2 ?? 0], { kind: 'delete' });

      // m3 disappears meanwhile (another device deleted it), and the folder is renumbered.
      await renumber(
        source,
        corpus.filter((_, i) => i !== 3),
      );
      if (resyncFirst) {
        await rig.engine.sync(source);
        // Re-inserted under new UIDs, the moved and deleted messages stay out of the list.
        expect(localIds(rig, source, false)).toEqual([id(0), id(4)].sort());
        expect(localIds(rig, source, true)).toEqual([id(1), id(2)].sort());
      }

      await runQueue(rig);
      expect(taskStates(rig)).toEqual(['done', 'done', 'done']);
      // Exactly the intended messages, each once; the missing one skipped and logged.
      expect(await messageIdsAt(destination)).toEqual([id(1)]);
      expect(await messageIdsAt(trash)).toEqual([id(2)]);
      expect(await messageIdsAt(source)).toEqual([id(0), id(4)].sort());
      const flags = await flagsById(source);
      expect(flags.get(id(0))).toContain('\\Seen');
      expect(flags.get(id(4))).not.toContain('\\Seen');
      expect(rig.warnings.filter((line) => line.includes('not found again'))).toHaveLength(1);
      expect(rig.syncRequests.filter((paths) => paths.includes(source)).length).toBeGreaterThan(0);

      expect(localIds(rig, source, true)).toEqual([]);
      await expectSynced(rig, source);
      await expectSynced(rig, destination);
      await expectSynced(rig, trash);
      expect(localIds(rig, source, false)).toEqual([id(0), id(4)].sort());
    });
  }
});

describe('mail actions through the contract', () => {
  it('acts, undoes within the window, and replays to the server after it', async () => {
    const bob = user('bob');
    const bobAdmin = await connect(bob);
    const app = startTestCore({ extraCaPem: [caPem()], watchMail: false });
    try {
      const path = await createTestFolder(bobAdmin, PREFIX);
      await append(bobAdmin, path, generateCorpus(2, 907));
      // Unread at first, so the replay's \\Seen is what the server shows at the end.
      await withMailbox(bobAdmin, path, () => bobAdmin.messageFlagsRemove('1:*', ['\\Seen']));
      const accountId = await signIn(app, bob);
      const folders = await app.client.invoke('mail.listFolders', { accountId });
      const folderId = folders.find((f) => f.path === path)?.id ?? '';
      const page = await app.client.invoke('mail.listMessages', { folderId });
      const ids = page.messages.map((m) => m.id);
      expect(ids).toHaveLength(2);
      const flaggedBefore = page.messages.map((m) => m.flagged);
      const flaggedOnServer = async () =>
        (await withMailbox(bobAdmin, path, () => bobAdmin.fetchAll('1:*', { flags: true, uid: true })))
          .sort((a, b) => b.uid - a.uid)
          .map((m) => m.flags?.has('\\Flagged') === true);
      const serverBefore = await flaggedOnServer();

      await expect(
        app.client.invoke('mail.act', { messageIds: ids, action: { kind: 'shred' } } as never),
      ).rejects.toMatchObject({ code: 'INVALID_PARAMS' });

      const first = await app.client.invoke('mail.act', {
        messageIds: ids,
        action: { kind: 'flag', value: true },
      });
      expect(
        (await app.client.invoke('mail.listMessages', { folderId })).messages.every((m) => m.flagged),
      ).toBe(true);
      expect(await app.client.invoke('mail.undo', { actionId: first.actionId })).toEqual({ undone: true });
      expect(
        (await app.client.invoke('mail.listMessages', { folderId })).messages.map((m) => m.flagged),
      ).toEqual(flaggedBefore);

      const read = await app.client.invoke('mail.act', {
        messageIds: ids,
        action: { kind: 'markRead', value: true },
      });
      await eventually(async () => {
        await bobAdmin.noop();
        const server = await withMailbox(bobAdmin, path, () => bobAdmin.fetchAll('1:*', { flags: true }));
        return server.every((m) => m.flags?.has('\\Seen') === true);
      });
      // The server has it now: undo is refused with a code the interface can explain.
      await expect(app.client.invoke('mail.undo', { actionId: read.actionId })).rejects.toMatchObject({
        code: 'UNDO_EXPIRED',
      });
      // The undone flag never reached the server.
      expect(await flaggedOnServer()).toEqual(serverBefore);
    } finally {
      await app.close();
      await deleteTestFolders(bobAdmin, PREFIX);
      await bobAdmin.logout();
    }
  });
});
