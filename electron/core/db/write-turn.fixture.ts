/**
 * A second thread for write-turn.test.ts and guarded-writes.test.ts: takes the
 * write turn in a loop, each time for `holdMs` (busy, as a transaction is), and
 * when `file` is given writes a row to it inside the turn. It counts its turns
 * in cell 2 of the buffer and stops when cell 3 becomes 1. `neverRelease` holds
 * one turn forever: a writer thread that died inside a transaction.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { WriteTurn } from './write-turn.ts';

export interface TurnFixtureData {
  turn: SharedArrayBuffer;
  /** [0] turns taken, [1] stop flag. */
  counters: SharedArrayBuffer;
  holdMs: number;
  file?: string;
  neverRelease?: boolean;
}

const data = workerData as TurnFixtureData;
const counters = new Int32Array(data.counters);
const turn = new WriteTurn(data.turn, 'writer');
const db = data.file ? new BetterSqlite3(data.file) : undefined;
db?.pragma('busy_timeout = 5000');
const insert = db?.prepare('INSERT INTO log (who) VALUES (?)');

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

parentPort?.postMessage('ready');
while (Atomics.load(counters, 1) === 0) {
  turn.hold(() => {
    Atomics.add(counters, 0, 1);
    if (data.neverRelease) {
      parentPort?.postMessage('holding');
      Atomics.wait(counters, 1, 0);
      return;
    }
    db?.transaction(() => {
      insert?.run('writer');
      busy(data.holdMs);
    })();
    if (!db) busy(data.holdMs);
  });
}
db?.close();
