/**
 * The sync's writer thread (sync-writer.ts): stores headers, flag changes and
 * expunges on a connection of its own, so the SQLite work of a sync and the
 * disk writes under it never hold the thread that answers the UI.
 *
 * Requests run one at a time, in the order they came. Every transaction takes
 * the write turn, which a waiting core thread gets first. This thread also
 * checkpoints the WAL itself between slices: while it writes, nobody else
 * does, so each checkpoint copies every frame and the WAL restarts instead of
 * growing (db/checkpointer.ts explains why that matters).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { PACED_INTERVAL_MS, WAL_SIZE_LIMIT } from '../../db/checkpointer.ts';
import { configureConnection } from '../../db/database.ts';
import { WriteTurn } from '../../db/write-turn.ts';
import type { WriterData, WriterReport, WriterRequest } from './protocol.ts';
import { syncStore } from './slice-writes.ts';
import { SyncWriteRunner } from './sync-write.ts';

const { file, turn: turnBuffer } = workerData as WriterData;
const report = (message: WriterReport) => parentPort?.postMessage(message);

const db = new BetterSqlite3(file, { fileMustExist: true });
// The core's connection migrated the schema before starting this thread; the rest is per connection.
configureConnection(db);
db.pragma('wal_autocheckpoint = 0');
// The connection that restarts the WAL after a checkpoint truncates it: a slow ftruncate on a busy
// disk (640 ms measured), which belongs here and not on the core's thread (see index.ts).
db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);

const turn = new WriteTurn(turnBuffer, 'writer', { onTakeover: () => report({ kind: 'takeover' }) });
let lastCheckpoint = performance.now();
let stopping = false;
/** Requests received and not started yet. */
let waiting = 0;
const runner = new SyncWriteRunner(syncStore(db), {
  hold: (write) => turn.hold(write),
  async pause() {
    if (performance.now() - lastCheckpoint >= PACED_INTERVAL_MS) {
      db.pragma('wal_checkpoint(PASSIVE)');
      lastCheckpoint = performance.now();
    }
    await yieldToEventLoop();
  },
  yieldNow: () => stopping || waiting > 0,
});

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: WriterRequest) => {
  if (request.kind === 'stop') {
    stopping = true;
    queue = queue.then(() => {
      db.close();
      parentPort?.close();
    });
    return;
  }
  const { id, write } = request;
  waiting++;
  queue = queue.then(async () => {
    waiting--;
    try {
      const count = await runner.run(write, () => report({ kind: 'committed', id }));
      report({ kind: 'done', id, count });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      report({
        kind: 'failed',
        id,
        message: error instanceof Error ? error.message : String(error),
        code: typeof code === 'string' ? code : undefined,
      });
    }
  });
});
