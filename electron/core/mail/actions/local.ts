/**
 * The database side of mail actions: what a selection is, the flag edit,
 * the marker that hides a leaving row, and the task rows an action waits
 * on. Every function here runs inside the caller's transaction.
 */
import type { Database } from '../../db/database.ts';
import { actionTaskKinds } from './model.ts';

export interface TargetRow {
  id: number;
  folder_id: string;
  uid: number;
  flags: string;
  message_id: string | null;
  size: number;
  internal_date: number;
  pending_action: string | null;
  account_id: string;
  path: string;
  special_use: string | null;
  uid_validity: number | null;
}

export function loadTargets(db: Database, messageIds: readonly number[]): TargetRow[] {
  return db
    .prepare<[string], TargetRow>(
      `SELECT m.id, m.folder_id, m.uid, m.flags, m.message_id, m.size, m.internal_date, m.pending_action,
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

interface HeldIdentity {
  action_id: string;
  message_id: string | null;
  size: number | null;
  internal_date: number | null;
}

/**
 * Hides again the rows a sync inserts into `folderId` for messages that a queued move or
 * delete of that folder is still taking away, when the folder was renumbered (new
 * UIDVALIDITY) since that action was queued: the sync dropped the rows the action had
 * hidden, and without this the message would show again, or twice, until the replay.
 * Matched by the identities in the task's payload, as the replay will (./identity.ts).
 * Hiding too much is safe: the replay's end shows again whatever it did not take away.
 * Call inside the sync's own transaction, so those rows are never seen.
 */
export function holdRenumbered(db: Database, folderId: string): void {
  // Almost always empty: only a queued action from before the renumbering yields rows.
  const held = db
    .prepare<{ folderId: string; move: string; expunge: string }, HeldIdentity>(
      `SELECT a.id AS action_id, i.value ->> '$.messageId' AS message_id,
              i.value ->> '$.size' AS size, i.value ->> '$.internalDate' AS internal_date
       FROM tasks t
       JOIN mail_actions a ON a.id = t.payload_json ->> '$.actionId' AND a.state = 'pending'
       JOIN json_each(t.payload_json, '$.identities') i
       WHERE t.state IN ('pending', 'running') AND t.kind IN (@move, @expunge)
         AND t.payload_json ->> '$.folderId' = @folderId
         AND t.payload_json ->> '$.uidValidity' IS NOT (SELECT uid_validity FROM folders WHERE id = @folderId)`,
    )
    .all({ folderId, move: actionTaskKinds.move, expunge: actionTaskKinds.expunge });
  if (held.length === 0) return;
  const byMessageId = db.prepare(
    `UPDATE messages SET pending_action = ?
     WHERE folder_id = ? AND message_id = ? AND pending_action IS NULL`,
  );
  const bySizeAndDate = db.prepare(
    `UPDATE messages SET pending_action = ?
     WHERE folder_id = ? AND message_id IS NULL AND size = ? AND internal_date = ? AND pending_action IS NULL`,
  );
  for (const identity of held) {
    if (identity.message_id) byMessageId.run(identity.action_id, folderId, identity.message_id);
    else if ((identity.size ?? 0) > 0 && (identity.internal_date ?? 0) > 0)
      bySizeAndDate.run(identity.action_id, folderId, identity.size, identity.internal_date);
  }
}
