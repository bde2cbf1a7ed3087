/**
 * The folder list of each account. A sync replaces the whole list in one
 * transaction, keeping each folder's id stable across syncs (by path), except
 * for the paths of folder operations not replayed yet: those rows stay as the
 * user left them until the replay re-reads the list.
 */
import { randomUUID } from 'node:crypto';
import { folderSchema, type Folder, type SpecialUse } from '../../../shared/contract/index.ts';
import type { Database } from '../db/database.ts';
import { heldFolderPaths } from './folder-ops-pending.ts';

export interface RemoteFolder {
  path: string;
  name: string;
  parentPath: string | undefined;
  delimiter: string;
  specialUse: SpecialUse | undefined;
  subscribed: boolean;
  messages: number | undefined;
  unseen: number | undefined;
}

interface FolderRow {
  id: string;
  account_id: string;
  path: string;
  name: string;
  parent_path: string | null;
  delimiter: string;
  special_use: string | null;
  subscribed: number;
  messages: number | null;
  unseen: number | null;
  initial_done: number;
  /** Migration 13's kept counts of the visible rows. */
  local_messages: number | null;
  local_unseen: number | null;
}

export class FolderRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  get(folderId: string): Folder | undefined {
    const row = this.#db
      .prepare<[string], { account_id: string }>('SELECT account_id FROM folders WHERE id = ?')
      .get(folderId);
    return row ? this.list(row.account_id).find((folder) => folder.id === folderId) : undefined;
  }

  list(accountId: string): Folder[] {
    return this.#db
      .prepare<[string], FolderRow>(
        `SELECT f.*, c.messages AS local_messages, c.unseen AS local_unseen
         FROM folders f LEFT JOIN folder_counts c ON c.folder_id = f.id
         WHERE f.account_id = ? ORDER BY f.path`,
      )
      .all(accountId)
      .map((row) => this.#withLocalCounts(row))
      .map((row) =>
        folderSchema.parse({
          id: row.id,
          accountId: row.account_id,
          path: row.path,
          name: row.name,
          delimiter: row.delimiter,
          subscribed: row.subscribed === 1,
          ...(row.parent_path === null ? {} : { parentPath: row.parent_path }),
          ...(row.special_use === null ? {} : { specialUse: row.special_use }),
          ...(row.messages === null ? {} : { messages: row.messages }),
          ...(row.unseen === null ? {} : { unseen: row.unseen }),
        }),
      );
  }

  /**
   * Once a folder's first sync is done, its counts are the rows we hold: a mark read or a move
   * shows at once instead of at the next STATUS. Before, the server's STATUS says more.
   */
  #withLocalCounts(row: FolderRow): FolderRow {
    if (row.initial_done !== 1 || row.local_messages === null) return row;
    return { ...row, messages: row.local_messages, unseen: row.local_unseen };
  }

  exists(folderId: string): boolean {
    return this.#db.prepare('SELECT 1 FROM folders WHERE id = ?').get(folderId) !== undefined;
  }

  /**
   * Returns true when anything the user sees changed. `holdRunningOps: false` is for the replay
   * of the account's last folder operation, whose own task row is the one still running.
   */
  replace(
    accountId: string,
    folders: readonly RemoteFolder[],
    options: { holdRunningOps?: boolean } = {},
  ): boolean {
    const upsert = this.#db.prepare(
      `INSERT INTO folders (id, account_id, path, name, parent_path, delimiter, special_use, subscribed, messages, unseen)
       VALUES (@id, @accountId, @path, @name, @parentPath, @delimiter, @specialUse, @subscribed, @messages, @unseen)
       ON CONFLICT (account_id, path) DO UPDATE SET
         name = excluded.name, parent_path = excluded.parent_path, delimiter = excluded.delimiter,
         special_use = excluded.special_use, subscribed = excluded.subscribed,
         messages = excluded.messages, unseen = excluded.unseen
       WHERE (name, parent_path, delimiter, special_use, subscribed, messages, unseen)
         IS NOT (excluded.name, excluded.parent_path, excluded.delimiter, excluded.special_use,
                 excluded.subscribed, excluded.messages, excluded.unseen)`,
    );
    const existing = this.#db.prepare<[string], { path: string; delimiter: string }>(
      'SELECT path, delimiter FROM folders WHERE account_id = ?',
    );
    const remove = this.#db.prepare('DELETE FROM folders WHERE account_id = ? AND path = ?');
    const accountExists = this.#db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM accounts WHERE id = ?',
    );
    return this.#db.transaction(() => {
      // A sync that finishes after its account was removed has nothing left to write.
      if (!accountExists.get(accountId)) return false;
      // Read in the same transaction as the writes: an operation is either seen or not yet made.
      const held = heldFolderPaths(this.#db, accountId, { includeRunning: options.holdRunningOps ?? true });
      let changes = 0;
      const seen = new Set<string>();
      for (const folder of folders) {
        seen.add(folder.path);
        if (held(folder.path, folder.delimiter)) continue;
        changes += upsert.run({
          id: randomUUID(),
          accountId,
          path: folder.path,
          name: folder.name,
          parentPath: folder.parentPath ?? null,
          delimiter: folder.delimiter,
          specialUse: folder.specialUse ?? null,
          subscribed: folder.subscribed ? 1 : 0,
          messages: folder.messages ?? null,
          unseen: folder.unseen ?? null,
        }).changes;
      }
      for (const { path, delimiter } of existing.all(accountId)) {
        if (!seen.has(path) && !held(path, delimiter)) changes += remove.run(accountId, path).changes;
      }
      return changes > 0;
    })();
  }

  /** The server's counts of a folder, read outside a LIST-STATUS; true when they changed. */
  setCounters(folderId: string, messages: number | undefined, unseen: number | undefined): boolean {
    return (
      this.#db
        .prepare(
          'UPDATE folders SET messages = ?, unseen = ? WHERE id = ? AND (messages, unseen) IS NOT (?, ?)',
        )
        .run(messages ?? null, unseen ?? null, folderId, messages ?? null, unseen ?? null).changes > 0
    );
  }
}
