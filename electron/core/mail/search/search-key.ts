/**
 * Date filters as ranges of `messages.search_key`, the FTS rowid in arrival order, newest
 * smallest. Mirrors the formula frozen in migration 11 (search-key.test.ts checks the two
 * agree). Bound as bigints: better-sqlite3 binds every JS number as REAL.
 */
import type { Database } from '../../db/database.ts';

const PER_SECOND = 2n ** 20n;
const MAX_SECOND = 2 ** 33 - 1;
const OVERFLOW_BASE = BigInt(MAX_SECOND + 1) * PER_SECOND;

/** First key of the second holding `date` (ms), clamped as the trigger clamps it. */
export function secondStartKey(date: number): bigint {
  const second = Math.max(0, Math.min(MAX_SECOND, Math.trunc(date / 1000)));
  return BigInt(MAX_SECOND - second) * PER_SECOND;
}

/** Every message that arrived strictly before `date` has a key at or above this. */
export function lowestKeyBefore(date: number): bigint {
  return secondStartKey(date - 1);
}

/** Every message that arrived at or after `date` has a key below this. */
export function keyLimitFrom(date: number): bigint {
  return secondStartKey(date) + PER_SECOND;
}

/**
 * True when some key spilled past a full second (see migration 11): those keys are out of date
 * order, so date bounds on keys would miss them. An index seek, in practice always false.
 */
export function hasSpilledKeys(db: Database): boolean {
  return (
    db
      .prepare<[bigint], { one: number }>('SELECT 1 AS one FROM messages WHERE search_key >= ? LIMIT 1')
      .get(OVERFLOW_BASE) !== undefined
  );
}
