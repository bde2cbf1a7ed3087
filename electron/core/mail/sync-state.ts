/**
 * Per-folder sync state (migration 4). Modseqs are read as BigInt: RFC 7162
 * allows 63-bit values that a JavaScript number would round.
 */
import type { Database } from '../db/database.ts';

export interface FolderSyncState {
  uidValidity: bigint | undefined;
  highestModseq: bigint | undefined;
  /** HIGHESTMODSEQ seen when the first sync started: what is safe to store once it ends. */
  initialModseq: bigint | undefined;
  /** Lowest UID the first sync has written; it continues below it after a restart. */
  initialLowUid: number | undefined;
  initialDone: boolean;
}

interface Row {
  uid_validity: bigint | null;
  highest_modseq: bigint | null;
  initial_modseq: bigint | null;
  initial_low_uid: bigint | null;
  initial_done: bigint;
}

export class SyncStateRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  get(folderId: string): FolderSyncState {
    const row = this.#db
      .prepare<[string], Row>(
        'SELECT uid_validity, highest_modseq, initial_modseq, initial_low_uid, initial_done FROM folders WHERE id = ?',
      )
      .safeIntegers(true)
      .get(folderId);
    return {
      uidValidity: row?.uid_validity ?? undefined,
      highestModseq: row?.highest_modseq ?? undefined,
      initialModseq: row?.initial_modseq ?? undefined,
      initialLowUid:
        row?.initial_low_uid === null || row === undefined ? undefined : Number(row.initial_low_uid),
      initialDone: row?.initial_done === 1n,
    };
  }

  /** A new UIDVALIDITY (or a first sync): everything known about the folder's messages starts over. */
  startInitial(folderId: string, uidValidity: bigint, modseq: bigint | undefined): void {
    this.#db
      .prepare(
        `UPDATE folders SET uid_validity = ?, highest_modseq = NULL, initial_modseq = ?, initial_low_uid = NULL,
           initial_done = 0 WHERE id = ?`,
      )
      .run(uidValidity, modseq ?? null, folderId);
  }

  progressInitial(folderId: string, lowUid: number): void {
    this.#db.prepare('UPDATE folders SET initial_low_uid = ? WHERE id = ?').run(lowUid, folderId);
  }

  finishInitial(folderId: string): void {
    this.#db
      .prepare(
        'UPDATE folders SET initial_done = 1, highest_modseq = initial_modseq, initial_low_uid = NULL WHERE id = ?',
      )
      .run(folderId);
  }

  /** Called in the same transaction as the last change it covers. */
  setHighestModseq(folderId: string, modseq: bigint | undefined): void {
    this.#db.prepare('UPDATE folders SET highest_modseq = ? WHERE id = ?').run(modseq ?? null, folderId);
  }

  setServerCount(folderId: string, count: number): void {
    this.#db.prepare('UPDATE folders SET server_count = ? WHERE id = ?').run(count, folderId);
  }
}
