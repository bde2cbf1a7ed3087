/**
 * Collects a FETCH answer row by row, giving the event loop a turn whenever
 * parsing has held it for PARSE_TURN_MS.
 *
 * imapflow parses a FETCH in lockstep with its consumer: each untagged
 * response waits for the previous row to be taken. Everything on that path is
 * promise and nextTick work, and imapflow itself only yields to the event loop
 * every ten 64 KB input chunks, about 300 header responses: 30–250 ms in which
 * the core answered nothing (measured on a 100,000-message first sync). Parking
 * the consumer on `setImmediate` parks the parser with it, so the UI's requests
 * get their turn; the bytes wait in the socket meanwhile.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FetchMessageObject, FetchQueryObject } from 'imapflow';
import type { ImapSession } from './client.ts';

/** Well under the 50 ms "never blocks the UI" budget of issue 4, leaving room for a write slice. */
export const PARSE_TURN_MS = 8;

export interface TurnClock {
  now(): number;
}

const monotonic: TurnClock = { now: () => performance.now() };

/** A function to await between units of work: it yields only once `turnMs` have passed since the last turn. */
export function turnTaker(turnMs = PARSE_TURN_MS, clock: TurnClock = monotonic): () => Promise<void> {
  let since = clock.now();
  return async () => {
    if (clock.now() - since < turnMs) return;
    await yieldToEventLoop();
    since = clock.now();
  };
}

/** `client.fetchAll`, paced; `map` runs on each row as it arrives so the raw objects can be dropped. */
export async function fetchPaced<T>(
  session: ImapSession,
  range: string,
  query: FetchQueryObject,
  options: { uid: true; changedSince?: bigint },
  map: (message: FetchMessageObject) => T,
): Promise<T[]> {
  const rows: T[] = [];
  const turn = turnTaker();
  for await (const message of session.client.fetch(range, query, options)) {
    rows.push(map(message));
    await turn();
  }
  return rows;
}
