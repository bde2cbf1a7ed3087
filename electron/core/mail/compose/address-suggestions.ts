/**
 * Address suggestions for the compose window, from the correspondents table (migration 14).
 * FTS5 does the accent- and case-insensitive prefix match on the words of the name and of the
 * address; the table's counts do the ranking.
 */
import type { Database } from 'better-sqlite3';
import type { ParsedParams, Result } from '../../../../shared/contract/index.ts';
import { CORRESPONDENT_SLICE, type CorrespondentIndex } from './correspondent-index.ts';

/**
 * Messages folded in before answering, so mail that just arrived is suggested at once. A queue
 * longer than this (a first sync still being folded) is left to the background: a keystroke
 * must not wait for 200k messages. Four slices are ~45 ms (bench/address-suggestions.ts).
 */
const FRESH_MESSAGES = 4 * CORRESPONDENT_SLICE;

/** A query is typed by a person: a few words. More are noise, and each is one more index term. */
const MAX_QUERY_WORDS = 8;

/**
 * The FTS5 query: every word of what was typed must start a word of the name or the address.
 * Words are quoted, so FTS5 syntax typed by the user (NEAR, "-", ":") stays plain text; the
 * tokenizer folds accents and case of the query as it did of the index.
 */
export function correspondentMatch(query: string): string | undefined {
  const words = query.match(/[\p{L}\p{N}]+/gu)?.slice(0, MAX_QUERY_WORDS) ?? [];
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word}"*`).join(' ');
}

export function suggestAddresses(
  db: Database,
  index: CorrespondentIndex,
  { query, limit }: ParsedParams<'mail.suggestAddresses'>,
): Result<'mail.suggestAddresses'> {
  const match = correspondentMatch(query);
  if (match === undefined) return { suggestions: [] };
  if (index.catchUp(FRESH_MESSAGES) === FRESH_MESSAGES) index.schedule();
  const suggestions = db
    .prepare<[string, number], { name: string; address: string }>(
      `SELECT c.name, c.address FROM correspondent_search s JOIN correspondents c ON c.id = s.rowid
       WHERE correspondent_search MATCH ?
         -- The user's own addresses are in every message they received: never worth suggesting.
         AND c.address NOT IN (SELECT lower(email) FROM accounts)
       ORDER BY c.written DESC, c.seen DESC, c.last_seen DESC
       LIMIT ?`,
    )
    .all(match, limit);
  return { suggestions };
}
