/**
 * "You have new mail": what an inbox sync brought that the user has not seen.
 * Only a sync that continues a finished first sync counts (a first sync, or a
 * new UIDVALIDITY that starts the folder over, would announce the whole
 * mailbox). Only the envelope's sender and subject leave the core with it,
 * never the body: a notification is shown on screens others may see.
 */
import type { Database } from '../db/database.ts';
import type { SyncStateRepository } from './sync-state.ts';

export interface NewMail {
  count: number;
  latest?: { from: string; subject: string };
}

/** Where the inbox stood before a sync: what "new" is measured against. */
export interface InboxMark {
  folderId: string;
  uidValidity: bigint | undefined;
  maxUid: number;
}

/** Undefined while the folder's first sync is not done: nothing it brings is news. */
export function markInbox(db: Database, state: SyncStateRepository, folderId: string): InboxMark | undefined {
  const before = state.get(folderId);
  if (!before.initialDone) return undefined;
  const row = db
    .prepare<[string], { max: number | null }>('SELECT max(uid) AS max FROM messages WHERE folder_id = ?')
    .get(folderId);
  return { folderId, uidValidity: before.uidValidity, maxUid: row?.max ?? 0 };
}

interface Row {
  n: number;
  from_name: string | null;
  from_address: string | null;
  subject: string | null;
}

/** Unseen messages above the mark, and the newest of them; undefined when there are none. */
export function newMailSince(db: Database, state: SyncStateRepository, mark: InboxMark): NewMail | undefined {
  const now = state.get(mark.folderId);
  // A new UIDVALIDITY renumbered the folder: its UIDs cannot be compared with the mark.
  if (!now.initialDone || now.uidValidity !== mark.uidValidity) return undefined;
  // The bare columns come from the row holding max(uid) (SQLite's documented min/max rule).
  const row = db
    .prepare<[string, number], Row>(
      `SELECT count(*) AS n, max(uid), from_name, from_address, subject
         FROM messages WHERE folder_id = ? AND uid > ? AND seen = 0`,
    )
    .get(mark.folderId, mark.maxUid);
  if (!row || row.n === 0) return undefined;
  const from = row.from_name?.trim() || row.from_address || '';
  return { count: row.n, latest: { from, subject: row.subject ?? '' } };
}
