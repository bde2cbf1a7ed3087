/**
 * Folder create, rename and delete as a person does them: shown at once,
 * done on the real Dovecot by the queue, messages kept across a rename, and
 * kept too (with their ids) by an account sync that runs before the replay.
 */
import { sessionsOf } from '../support/mail/sessions.ts';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/contract/index.ts';
import { openDatabase } from '../../electron/core/db/database.ts';
import { createConsoleLogger } from '../../electron/core/log.ts';
import { syncAccount } from '../../electron/core/mail/account-sync.ts';
import { inlineSyncWriter, syncStore } from '../../electron/core/mail/sync-writer/index.ts';
import { replayFolderOp } from '../../electron/core/mail/folder-op-replay.ts';
import { FOLDER_OP_TASK, FolderOps, folderOpPayload } from '../../electron/core/mail/folder-ops.ts';
import { FolderRepository } from '../../electron/core/mail/folder-repository.ts';
import { MessageRepository } from '../../electron/core/mail/message-repository.ts';
import { SyncStateRepository } from '../../electron/core/mail/sync-state.ts';
import { openImap } from '../../electron/core/imap/client.ts';
import { trustedAuthorities } from '../../electron/core/net/trust.ts';
import { systemClock } from '../../electron/core/ports.ts';
import { insertTaskRow, TaskQueue } from '../../electron/core/tasks/queue.ts';
import { signIn, startTestCore, type TestCore } from '../support/core.ts';
import { append, connect, deleteTestFolders } from '../support/mail/imap-admin.ts';
import { generateCorpus } from '../support/mail/corpus.ts';
import { caPem, endpoints, user } from '../support/stack.ts';

const bob = user('bob');
let admin: ImapFlow;
let app: TestCore;
let accountId = '';

async function serverPaths(): Promise<string[]> {
  return (await admin.list()).map((f) => f.path).filter((p) => p === 'Tests' || p.startsWith('Tests/'));
}

async function localPaths(): Promise<string[]> {
  return (await app.client.invoke('mail.listFolders', { accountId }))
    .map((f) => f.path)
    .filter((p) => p === 'Tests' || p.startsWith('Tests/'));
}

beforeAll(async () => {
  admin = await connect(bob);
  await deleteTestFolders(admin, 'Tests');
  app = startTestCore({ extraCaPem: [caPem()], watchMail: false });
  accountId = await signIn(app, bob);
});
afterAll(async () => {
  await deleteTestFolders(admin, 'Tests');
  await admin.logout();
  await app.close();
});

describe('folders', () => {
  it('creates, renames (keeping its messages) and deletes folders on the server', async () => {
    const parent = await app.client.invoke('mail.createFolder', { accountId, name: 'Tests' });
    const child = await app.client.invoke('mail.createFolder', {
      accountId,
      parentId: parent.folderId,
      name: 'Conseil élèves',
    });
    // Shown before the server was even asked.
    expect(await localPaths()).toEqual(['Tests', 'Tests/Conseil élèves']);
    await app.core.idle();
    expect((await serverPaths()).sort()).toEqual(['Tests', 'Tests/Conseil élèves']);

    await append(admin, 'Tests/Conseil élèves', generateCorpus(3, 40));
    await app.client.invoke('mail.syncAccount', { accountId });
    await app.core.idle();
    const before = await app.client.invoke('mail.listMessages', { folderId: child.folderId });
    expect(before.total).toBe(3);

    await app.client.invoke('mail.renameFolder', { folderId: child.folderId, name: 'Conseil 3e' });
    expect(await localPaths()).toEqual(['Tests', 'Tests/Conseil 3e']);
    await app.core.idle();
    expect((await serverPaths()).sort()).toEqual(['Tests', 'Tests/Conseil 3e']);
    await app.client.invoke('mail.syncAccount', { accountId });
    await app.core.idle();
    const after = await app.client.invoke('mail.listMessages', { folderId: child.folderId });
    expect(after.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));

    await app.client.invoke('mail.deleteFolder', { folderId: parent.folderId });
    expect(await localPaths()).toEqual([]);
    await app.core.idle();
    expect(await serverPaths()).toEqual([]);
  });

  it('refuses what would confuse the server or the user, with a reason', async () => {
    const inbox = (await app.client.invoke('mail.listFolders', { accountId })).find(
      (f) => f.specialUse === 'inbox',
    );
    await expect(app.client.invoke('mail.deleteFolder', { folderId: inbox?.id ?? '' })).rejects.toMatchObject(
      {
        code: 'INVALID_PARAMS',
        details: { reason: 'SPECIAL_FOLDER' },
      },
    );
    await expect(app.client.invoke('mail.createFolder', { accountId, name: 'a/b' })).rejects.toMatchObject({
      details: { reason: 'FOLDER_NAME' },
    });
    await expect(app.client.invoke('mail.createFolder', { accountId, name: 'Sent' })).rejects.toMatchObject({
      details: { reason: 'FOLDER_EXISTS' },
    });
  });
});

/**
 * The pieces core.ts wires, with the task queue built but not started: the folder operations'
 * replay is held back while a periodic sync runs, as when IDLE or the timer fires first.
 */
function startHeldBackEngine() {
  const db = openDatabase(':memory:');
  const account: Account = {
    id: 'acc',
    email: bob.email,
    displayName: bob.login,
    login: bob.login,
    imap: endpoints.imaps,
    smtp: endpoints.submissions,
    tlsPins: [],
    createdAt: new Date().toISOString(),
  };
  db.prepare("INSERT INTO accounts VALUES ('acc', ?, '{}', NULL, 'now', NULL)").run(bob.email);
  const logger = createConsoleLogger('error', () => undefined);
  const network = { authorities: trustedAuthorities([caPem()]), timeoutMs: 15_000 };
  const folders = new FolderRepository(db);
  const messages = new MessageRepository(db);
  const ops = new FolderOps({
    db,
    folder: (id) => folders.get(id),
    schedule: (op) => insertTaskRow(db, FOLDER_OP_TASK, op, new Date(), new Date()),
    onChanged: () => undefined,
  });
  const queue = new TaskQueue({ db, clock: systemClock, logger, onChanged: () => undefined });
  queue.register(FOLDER_OP_TASK, folderOpPayload, (op) =>
    replayFolderOp(op, {
      db,
      folders,
      accountExists: () => true,
      withSession: sessionsOf(bob),
      onFoldersChanged: () => undefined,
    }),
  );
  /** One periodic sync of the whole folder list, and of the messages of `paths`. */
  const sync = (paths: string[]) =>
    syncAccount(
      account,
      {
        db,
        folders,
        messages,
        state: new SyncStateRepository(db),
        writer: inlineSyncWriter(syncStore(db)),
        logger,
        extensions: { qresync: true, condstore: true },
        withSession: async (_accountId, work) => {
          const session = await openImap(
            { endpoint: endpoints.imaps, login: bob.login, password: bob.password, pins: [] },
            network,
            'test',
          );
          try {
            await work(session);
          } finally {
            await session.close();
          }
        },
        onFoldersChanged: () => undefined,
        onMessagesChanged: () => undefined,
        onProgress: () => undefined,
        onQuota: () => undefined,
      },
      { paths },
    );
  const ids = (): Record<string, string> =>
    Object.fromEntries(
      folders
        .list('acc')
        .filter((f) => f.path === 'Tests' || f.path.startsWith('Tests/'))
        .map((f) => [f.path, f.id]),
    );
  const messageCount = (folderId: string) =>
    db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE folder_id = ?')
      .get(folderId)?.n;
  return { db, ops, queue, sync, ids, messageCount };
}

describe('folder operations racing a background sync', () => {
  it('a sync before the replay neither drops, resurrects nor re-creates a folder under a new id', async () => {
    await deleteTestFolders(admin, 'Tests');
    await admin.mailboxCreate('Tests');
    await admin.mailboxCreate('Tests/Ancien');
    await admin.mailboxCreate('Tests/Fermé');
    await append(admin, 'Tests/Ancien', generateCorpus(2, 41));
    const engine = startHeldBackEngine();
    try {
      await engine.sync(['Tests/Ancien']);
      const before = engine.ids();
      const ancien = before['Tests/Ancien'] ?? '';
      expect(engine.messageCount(ancien)).toBe(2);

      const created = engine.ops.create('acc', before.Tests, 'Nouveau');
      engine.ops.rename(ancien, 'Renommé');
      engine.ops.delete(before['Tests/Fermé'] ?? '');
      const shown = {
        Tests: before.Tests,
        'Tests/Nouveau': created.folderId,
        'Tests/Renommé': ancien,
      };
      expect(engine.ids()).toEqual(shown);

      // IDLE or the timer fires before the queue replays anything; the new paths are in its
      // scope too, so their messages are looked for on a server that does not have them yet.
      await engine.sync(['Tests/Nouveau', 'Tests/Renommé', 'Tests/Fermé']);
      expect(engine.ids()).toEqual(shown);
      expect(engine.messageCount(ancien)).toBe(2);
      expect((await serverPaths()).sort()).toEqual(['Tests', 'Tests/Ancien', 'Tests/Fermé']);

      engine.queue.start();
      await engine.queue.idle();
      expect(engine.queue.list().map((t) => t.state)).toEqual(['done', 'done', 'done']);
      expect((await serverPaths()).sort()).toEqual(['Tests', 'Tests/Nouveau', 'Tests/Renommé']);
      expect(engine.ids()).toEqual(shown);

      // And the next sync finds the server agreeing, under the same ids.
      await engine.sync(['Tests/Nouveau', 'Tests/Renommé']);
      expect(engine.ids()).toEqual(shown);
      expect(engine.messageCount(ancien)).toBe(2);
    } finally {
      await engine.queue.close();
      engine.db.close();
    }
  });
});
