/**
 * The mail engine on a throwaway database, with one IMAP session to the real
 * stack: the pieces core.ts wires, used directly so a test can sync one
 * folder and look at exactly what was written.
 */
import { openDatabase, type Database } from '../../../electron/core/db/database.ts';
import { createConsoleLogger } from '../../../electron/core/log.ts';
import { openImap, type ImapSession } from '../../../electron/core/imap/client.ts';
import { FolderRepository } from '../../../electron/core/mail/folder-repository.ts';
import { MessageRepository } from '../../../electron/core/mail/message-repository.ts';
import { syncFolderMessages, type MessageSyncResult } from '../../../electron/core/mail/message-sync.ts';
import type { SyncExtensions } from '../../../electron/core/mail/model.ts';
import { SyncStateRepository } from '../../../electron/core/mail/sync-state.ts';
import { openSyncWriter } from '../../../electron/core/mail/sync-writer/index.ts';
import { trustedAuthorities } from '../../../electron/core/net/trust.ts';
import { caPem, endpoints, type StackUser } from '../stack.ts';
import type { ServerMessage } from './imap-admin.ts';

export interface Engine {
  db: Database;
  session: ImapSession;
  progress: Array<{ synced: number; total: number }>;
  changed: number;
  sync(path: string): Promise<MessageSyncResult>;
  rows(path: string): Map<number, ServerMessage>;
  close(): Promise<void>;
}

export interface EngineOptions {
  extensions?: SyncExtensions;
  databasePath?: string;
  batchSizes?: { first: number; rest: number };
  onProgress?: (synced: number, total: number) => void;
}

export async function startEngine(user: StackUser, options: EngineOptions = {}): Promise<Engine> {
  const { extensions = { qresync: true, condstore: true }, databasePath = ':memory:' } = options;
  const db = openDatabase(databasePath);
  // As in the core: on a file, the sync writes from its own thread.
  const writer = openSyncWriter(db, databasePath, createConsoleLogger('warn'), undefined);
  db.prepare("INSERT OR IGNORE INTO accounts VALUES ('acc', ?, '{}', NULL, 'now', NULL)").run(user.email);
  const folders = new FolderRepository(db);
  const messages = new MessageRepository(db);
  const state = new SyncStateRepository(db);
  const session = await openImap(
    { endpoint: endpoints.imaps, login: user.login, password: user.password, pins: [] },
    { authorities: trustedAuthorities([caPem()]), timeoutMs: 15_000 },
    'test',
  );
  const folderId = (path: string): string => {
    const known = folders.list('acc').find((f) => f.path === path);
    if (known) return known.id;
    const existing = folders.list('acc').map((f) => ({
      path: f.path,
      name: f.name,
      parentPath: f.parentPath,
      delimiter: f.delimiter,
      specialUse: f.specialUse,
      subscribed: f.subscribed,
      messages: undefined,
      unseen: undefined,
    }));
    folders.replace('acc', [
      ...existing,
      {
        path,
        name: path,
        parentPath: undefined,
        delimiter: '/',
        specialUse: undefined,
        subscribed: true,
        messages: undefined,
        unseen: undefined,
      },
    ]);
    return folderId(path);
  };
  const engine: Engine = {
    db,
    session,
    progress: [],
    changed: 0,
    sync: (path) =>
      syncFolderMessages(
        session,
        { id: folderId(path), path },
        {
          db,
          messages,
          state,
          writer,
          extensions,
          ...(options.batchSizes ? { batchSizes: options.batchSizes } : {}),
          onChanged: () => void engine.changed++,
          onProgress: (_id, synced, total) => {
            engine.progress.push({ synced, total });
            options.onProgress?.(synced, total);
          },
        },
      ),
    rows(path) {
      const rows = db
        .prepare<[string], { uid: number; flags: string; size: number }>(
          'SELECT uid, flags, size FROM messages WHERE folder_id = ?',
        )
        .all(folderId(path));
      return new Map(
        rows.map((r) => [r.uid, { uid: r.uid, flags: JSON.parse(r.flags) as string[], size: r.size }]),
      );
    },
    async close() {
      await session.close();
      await writer.stop();
      db.close();
    },
  };
  return engine;
}
