/**
 * The folder paths that operations not replayed yet (mail.folderOp rows pending or running)
 * changed locally. Until the replay, the server's list is stale for them and their subfolders:
 * reconciling it would drop a folder just created, bring back one just deleted, or both for one
 * just renamed, and the folder would then come back under a new id.
 */
import type { Database } from '../db/database.ts';
import { FOLDER_OP_TASK, folderOpPayload, type FolderOp } from './folder-ops.ts';

/** True when a sync must leave this path (and the row holding it) as it is. */
export type HeldFolderPath = (path: string, delimiter: string) => boolean;

export const nothingHeld: HeldFolderPath = () => false;

function touched(op: FolderOp): string[] {
  if (op.op === 'create') return [op.path];
  if (op.op === 'rename') return [op.from, op.to];
  return op.paths;
}

/**
 * `includeRunning: false` is for the replay itself: its own row is the one running, and once it
 * has run the server's list is the truth for its paths.
 */
export function heldFolderPaths(
  db: Database,
  accountId: string,
  options: { includeRunning: boolean },
): HeldFolderPath {
  const states = options.includeRunning ? ['pending', 'running'] : ['pending'];
  const roots = db
    .prepare<[string, string, string], { payload_json: string }>(
      `SELECT payload_json FROM tasks WHERE kind = ? AND state IN (SELECT value FROM json_each(?))
         AND json_extract(payload_json, '$.accountId') = ?`,
    )
    .all(FOLDER_OP_TASK, JSON.stringify(states), accountId)
    .flatMap((row) => {
      const op = folderOpPayload.safeParse(JSON.parse(row.payload_json));
      return op.success ? touched(op.data) : [];
    });
  if (roots.length === 0) return nothingHeld;
  return (path, delimiter) => roots.some((root) => path === root || path.startsWith(`${root}${delimiter}`));
}
