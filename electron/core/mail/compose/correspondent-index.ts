/**
 * Folds newly stored messages into the correspondents table (migration 14) in slices, off the
 * sync's hot path: the insert trigger only queued their ids. One upsert per distinct address of
 * a slice, rather than one per header, because a mailbox names the same few people over and over
 * (the user's own address is in nearly every To).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';

/**
 * Messages per slice: about 10 ms of work on a school workstation, so a background catch-up
 * after a 200k first sync never holds the core past the ~50 ms the sync itself keeps to.
 */
export const CORRESPONDENT_SLICE = 200;

/**
 * One slice's people, aggregated by address. `written` counts recipients of messages in the
 * Sent folder (special_use 'sent', RFC 6154 \Sent); the sender of a sent message is the user and
 * is skipped. Addresses are compared lowercased: the local part is case-sensitive in theory
 * (RFC 5321 §2.4) but never in practice, and one person written two ways would show twice. The
 * name kept is the newest non-empty one.
 */
const FOLD_SLICE = `
  WITH slice AS (
    SELECT m.from_name, m.from_address, m.to_json, m.cc_json, m.internal_date,
           (SELECT special_use FROM folders f WHERE f.id = m.folder_id) IS 'sent' AS sent
    -- CROSS JOIN keeps this order: driven by messages, SQLite walked every message up to @upTo,
    -- folded or not, so each slice cost more than the last (O(n²) over a first sync).
    FROM correspondents_pending p CROSS JOIN messages m ON m.id = p.message_id
    WHERE p.message_id <= @upTo),
  people AS (
    SELECT from_address AS address, from_name AS name, 0 AS written, internal_date AS seen_at
    FROM slice WHERE NOT sent
    UNION ALL
    SELECT j.value ->> '$.address', j.value ->> '$.name', sent, internal_date FROM slice, json_each(slice.to_json) j
    UNION ALL
    SELECT j.value ->> '$.address', j.value ->> '$.name', sent, internal_date FROM slice, json_each(slice.cc_json) j),
  clean AS (
    SELECT lower(trim(address)) AS address, trim(coalesce(name, '')) AS name, written, seen_at FROM people
    -- An RFC 5321 path is at most 256 octets; longer is garbage from a hostile header.
    WHERE address IS NOT NULL AND instr(address, '@') > 1 AND length(address) <= 320),
  picked AS (
    SELECT address, name, sum(written) OVER byAddress AS written, count(*) OVER byAddress AS seen,
           max(seen_at) OVER byAddress AS last_seen,
           row_number() OVER (PARTITION BY address ORDER BY name <> '' DESC, seen_at DESC) AS rank
    FROM clean WINDOW byAddress AS (PARTITION BY address))
  INSERT INTO correspondents (address, name, written, seen, last_seen)
  SELECT address, name, written, seen, last_seen FROM picked WHERE rank = 1
  ON CONFLICT (address) DO UPDATE SET
    written = written + excluded.written,
    seen = seen + excluded.seen,
    name = CASE WHEN excluded.name <> '' AND (name = '' OR excluded.last_seen >= last_seen)
                THEN excluded.name ELSE name END,
    last_seen = max(last_seen, excluded.last_seen)`;

export class CorrespondentIndex {
  readonly #db: Database;
  readonly #background: () => Promise<unknown>;
  /** A background fold is running, and another was asked meanwhile. */
  #folding = false;
  #again = false;
  #closed = false;

  /**
   * `background` folds the whole queue; by default here, a slice per turn of the event loop.
   * The core passes its sync writer thread (mail/sync-writer/): the fold writes, and writes on
   * the core's thread wait for that thread's transactions during a sync.
   */
  constructor(db: Database, background?: () => Promise<unknown>) {
    this.#db = db;
    this.#background = background ?? (() => this.#foldHere());
  }

  /** Folds at most `maxMessages` queued messages, oldest first; returns how many were folded. */
  catchUp(maxMessages: number): number {
    let folded = 0;
    while (folded < maxMessages) {
      const count = this.#foldSlice(Math.min(CORRESPONDENT_SLICE, maxMessages - folded));
      folded += count;
      if (count === 0) break;
    }
    return folded;
  }

  /**
   * Folds the whole queue in the background. One fold at a time: asked again meanwhile, it
   * runs once more afterwards, as it does while messages still wait (a fold that stopped early
   * because a sync's write came first). A failed one leaves its messages queued for the next
   * time mail changes.
   */
  schedule(): void {
    if (this.#closed) return;
    if (this.#folding) {
      this.#again = true;
      return;
    }
    this.#folding = true;
    this.#again = false;
    this.#background()
      .then(
        () => this.#pending(),
        () => false,
      )
      .then(
        (pending) => {
          this.#folding = false;
          if (pending || this.#again) this.schedule();
        },
        () => undefined,
      );
  }

  /**
   * Forgets everyone and folds again what the database still holds: after an account is
   * removed, the people only its mail named must not be suggested any more (the table is
   * shared by all accounts and keeps no per-message trace to subtract).
   */
  rebuild(): void {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM correspondents').run();
      this.#db
        .prepare('INSERT OR IGNORE INTO correspondents_pending (message_id) SELECT id FROM messages')
        .run();
    })();
    this.schedule();
  }

  close(): void {
    this.#closed = true;
  }

  /** The default background: a slice per turn of the event loop, until the queue is empty or the core closes. */
  async #foldHere(): Promise<void> {
    do await yieldToEventLoop();
    while (!this.#closed && this.#foldSlice(CORRESPONDENT_SLICE) === CORRESPONDENT_SLICE);
  }

  #pending(): boolean {
    return (
      !this.#closed && this.#db.prepare('SELECT 1 FROM correspondents_pending LIMIT 1').get() !== undefined
    );
  }

  #foldSlice(size: number): number {
    return this.#db.transaction(() => {
      const slice = this.#db
        .prepare<[number], { upTo: number | null; count: number }>(
          `SELECT max(message_id) AS upTo, count(*) AS count
           FROM (SELECT message_id FROM correspondents_pending ORDER BY message_id LIMIT ?)`,
        )
        .get(size);
      if (!slice || slice.upTo === null) return 0;
      this.#db.prepare(FOLD_SLICE).run({ upTo: slice.upTo });
      this.#db.prepare('DELETE FROM correspondents_pending WHERE message_id <= ?').run(slice.upTo);
      return slice.count;
    })();
  }
}
