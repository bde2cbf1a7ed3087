/**
 * The database side of mail actions: what a selection is, the flag edit,
 * the marker that hides a leaving row, and the task rows an action waits
 * on. Every function here runs inside the caller's transaction.
 */
import type { Database } from '../../db/database.ts';

export interface TargetRow {
  id: number;
  folder_id: string;
  uid: number;
  flags: string;
  message_id: string | null;
  pending_action: string | null;
  account_id: string;
  path: string;
  special_use: string | null;
  uid_validity: number | null;
}

export function loadTargets(db: Database, messageIds: readonly number[]): TargetRow[] {
  return db
    .prepare<[string], TargetRow>(
      `SELECT m.id, m.folder_id, m.uid, m.flags, m.message_id, m.pending_action,
              f.account_id, f.path, f.special_use, f.uid_validity
       FROM messages m JOIN folders f ON f.id = m.folder_id
       WHERE m.id IN (SELECT value FROM json_each(?))
       ORDER BY m.folder_id, m.uid`,
    )
    .all(JSON.stringify(messageIds));
}

export function hasFlag(flags: readonly string[], flag: string): boolean {
  return flags.some((f) => f.toLowerCase() === flag.toLowerCase());
}

/** Flags with `flag` set or cleared, sorted like the sync stores them. */
export function withFlag(flags: readonly string[], flag: string, value: boolean): string[] {
  const others = flags.filter((f) => f.toLowerCase() !== flag.toLowerCase());
  return (value ? [...others, flag] : others).sort();
}

export function writeFlags(db: Database, messageId: number, flags: readonly string[]): void {
  db.prepare('UPDATE messages SET flags = ?, seen = ?, flagged = ? WHERE id = ?').run(
    JSON.stringify(flags),
    hasFlag(flags, '\\Seen') ? 1 : 0,
    hasFlag(flags, '\\Flagged') ? 1 : 0,
    messageId,
  );
}

export function hide(db: Database, messageIds: readonly number[], actionId: string): void {
  db.prepare('UPDATE messages SET pending_action = ? WHERE id IN (SELECT value FROM json_each(?))').run(
    actionId,
    JSON.stringify(messageIds),
  );
}

/** Shows again the rows an action hid in one folder (or in all, without `folderId`). */
export function release(db: Database, actionId: string, folderId?: string): void {
  db.prepare(
    'UPDATE messages SET pending_action = NULL WHERE pending_action = ? AND (? IS NULL OR folder_id = ?)',
  ).run(actionId, folderId ?? null, folderId ?? null);
}

/** Puts back the flags an action changed in one folder (its replay failed for good). */
export function revertFlags(db: Database, actionId: string, folderId: string): void {
  const row = db
    .prepare<[string], { revert_json: string }>('SELECT revert_json FROM mail_actions WHERE id = ?')
    .get(actionId);
  const inFolder = db.prepare<[number, string], { id: number }>(
    'SELECT id FROM messages WHERE id = ? AND folder_id = ?',
  );
  for (const [messageId, flags] of JSON.parse(row?.revert_json ?? '[]') as Array<[number, string[]]>)
    if (inFolder.get(messageId, folderId)) writeFlags(db, messageId, flags);
}

/** The server confirmed the rows left `folderId`: they leave the database too. */
export function removeLeft(db: Database, actionId: string, folderId: string, uids: readonly number[]): void {
  db.prepare(
    `DELETE FROM messages WHERE pending_action = ? AND folder_id = ?
       AND uid IN (SELECT value FROM json_each(?))`,
  ).run(actionId, folderId, JSON.stringify(uids));
}

export function setActionState(
  db: Database,
  actionId: string,
  state: 'applied' | 'dropped' | 'undone',
): void {
  db.prepare("UPDATE mail_actions SET state = ? WHERE id = ? AND state = 'pending'").run(state, actionId);
}

/** Deletes the tasks if every one is still waiting; false when one already started. */
export function cancelTasks(db: Database, taskIds: readonly string[]): boolean {
  const ids = JSON.stringify(taskIds);
  const waiting =
    db
      .prepare<[string], { n: number }>(
        "SELECT count(*) AS n FROM tasks WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending'",
      )
      .get(ids)?.n ?? 0;
  if (waiting !== taskIds.length) return false;
  db.prepare('DELETE FROM tasks WHERE id IN (SELECT value FROM json_each(?))').run(ids);
  return true;
}
