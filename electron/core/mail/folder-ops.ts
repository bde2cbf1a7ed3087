/**
 * Creating, renaming and deleting folders: applied to the folder list at once
 * (a rename keeps ids, so messages and subfolders follow), replayed to the
 * server by a persisted task, which then re-reads the folder list so the
 * server's truth wins whatever happened. Special folders cannot be renamed
 * or deleted: SOGo and Dovecot would simply recreate them, confusingly.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CartableError, type Folder } from '../../../shared/contract/index.ts';
import type { Database } from '../db/database.ts';

/** Longer names are refused by servers anyway (Dovecot: 255 bytes per level). */
export const MAX_FOLDER_NAME_CHARS = 200;

/** The persisted task that replays one operation (see folder-op-replay.ts). */
export const FOLDER_OP_TASK = 'mail.folderOp';

export const folderOpPayload = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create'), accountId: z.string(), path: z.string() }),
  z.object({ op: z.literal('rename'), accountId: z.string(), from: z.string(), to: z.string() }),
  /** Deepest first: IMAP DELETE never removes a folder's subfolders (RFC 3501 §6.3.4). */
  z.object({ op: z.literal('delete'), accountId: z.string(), paths: z.array(z.string()).min(1) }),
]);
export type FolderOp = z.infer<typeof folderOpPayload>;

export interface FolderOpsDeps {
  db: Database;
  folder(folderId: string): Folder | undefined;
  schedule(op: FolderOp): string;
  onChanged(accountId: string): void;
}

function checkedName(name: string, delimiter: string): string {
  const trimmed = name.trim();
  // Control characters and the LIST wildcards * and % have no place in a folder name.
  const forbidden = [...trimmed].some((c) => c.charCodeAt(0) < 0x20 || c === '*' || c === '%');
  if (trimmed === '' || trimmed.length > MAX_FOLDER_NAME_CHARS || trimmed.includes(delimiter) || forbidden) {
    throw new CartableError('INVALID_PARAMS', { path: 'name', reason: 'FOLDER_NAME' });
  }
  return trimmed;
}

function requireOrdinary(folder: Folder | undefined, id: string): Folder {
  if (!folder) throw new CartableError('FOLDER_NOT_FOUND', { id });
  if (folder.specialUse)
    throw new CartableError('INVALID_PARAMS', { path: 'folderId', reason: 'SPECIAL_FOLDER' });
  return folder;
}

export class FolderOps {
  readonly #deps: FolderOpsDeps;

  constructor(deps: FolderOpsDeps) {
    this.#deps = deps;
  }

  create(
    accountId: string,
    parentId: string | undefined,
    name: string,
  ): { folderId: string; taskId: string } {
    const parent = parentId === undefined ? undefined : this.#deps.folder(parentId);
    if (parentId !== undefined && !parent) throw new CartableError('FOLDER_NOT_FOUND', { id: parentId });
    if (parent && parent.accountId !== accountId)
      throw new CartableError('FOLDER_NOT_FOUND', { id: parentId ?? '' });
    const delimiter = parent?.delimiter ?? '/';
    const leaf = checkedName(name, delimiter);
    const path = parent ? `${parent.path}${parent.delimiter}${leaf}` : leaf;
    const taken = this.#deps.db
      .prepare('SELECT 1 FROM folders WHERE account_id = ? AND path = ?')
      .get(accountId, path);
    if (taken) throw new CartableError('INVALID_PARAMS', { path: 'name', reason: 'FOLDER_EXISTS' });
    const folderId = randomUUID();
    const taskId = this.#deps.db.transaction(() => {
      this.#deps.db
        .prepare(
          `INSERT INTO folders (id, account_id, path, name, parent_path, delimiter, subscribed)
           VALUES (?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(folderId, accountId, path, leaf, parent?.path ?? null, delimiter);
      return this.#deps.schedule({ op: 'create', accountId, path });
    })();
    this.#deps.onChanged(accountId);
    return { folderId, taskId };
  }

  rename(folderId: string, name: string): { taskId: string } {
    const folder = requireOrdinary(this.#deps.folder(folderId), folderId);
    const leaf = checkedName(name, folder.delimiter);
    const to = folder.parentPath === undefined ? leaf : `${folder.parentPath}${folder.delimiter}${leaf}`;
    const taskId = this.#deps.db.transaction(() => {
      const prefix = `${folder.path}${folder.delimiter}`;
      // The folder, then its subfolders: their paths (and parents) start with the old path.
      this.#deps.db.prepare('UPDATE folders SET path = ?, name = ? WHERE id = ?').run(to, leaf, folderId);
      this.#deps.db
        .prepare(
          `UPDATE folders SET path = ? || substr(path, ?), parent_path = ? || substr(parent_path, ?)
           WHERE account_id = ? AND substr(path, 1, ?) = ?`,
        )
        .run(to, folder.path.length + 1, to, folder.path.length + 1, folder.accountId, prefix.length, prefix);
      return this.#deps.schedule({ op: 'rename', accountId: folder.accountId, from: folder.path, to });
    })();
    this.#deps.onChanged(folder.accountId);
    return { taskId };
  }

  delete(folderId: string): { taskId: string } {
    const folder = requireOrdinary(this.#deps.folder(folderId), folderId);
    const taskId = this.#deps.db.transaction(() => {
      const prefix = `${folder.path}${folder.delimiter}`;
      const inside = this.#deps.db
        .prepare<[string, number, string], { path: string }>(
          'SELECT path FROM folders WHERE account_id = ? AND substr(path, 1, ?) = ?',
        )
        .all(folder.accountId, prefix.length, prefix)
        .map((row) => row.path)
        .sort((a, b) => b.length - a.length);
      this.#deps.db
        .prepare('DELETE FROM folders WHERE account_id = ? AND (id = ? OR substr(path, 1, ?) = ?)')
        .run(folder.accountId, folderId, prefix.length, prefix);
      return this.#deps.schedule({
        op: 'delete',
        accountId: folder.accountId,
        paths: [...inside, folder.path],
      });
    })();
    this.#deps.onChanged(folder.accountId);
    return { taskId };
  }
}
