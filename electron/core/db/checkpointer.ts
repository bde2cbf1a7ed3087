/**
 * WAL checkpoints off the core's main thread.
 *
 * SQLite checkpoints automatically when a commit leaves the WAL past 1000
 * pages, inside that commit: it copies the pages into the database file and
 * fsyncs it. During a first sync that made one commit in a few hundred take
 * 100 ms to 1.1 s on these machines (measured on a 100,000-message inbox),
 * while issue 4 allows the sync to hold the UI for 50 ms at most. So the main
 * connection never checkpoints; a worker thread with its own connection does.
 *
 * A checkpoint that runs while the writer keeps appending never catches up,
 * and SQLite only restarts the WAL once every frame was copied: a free-running
 * worker let the WAL grow past a gigabyte, and every commit slowed with it. So
 * a long write (a sync) calls `pause()` between its slices: every
 * PACED_INTERVAL_MS it waits, without blocking the event loop, for one round to
 * copy everything. If the worker cannot run, automatic checkpoints come back:
 * slower, never unsafe.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../ports.ts';
import type { CheckpointData, CheckpointReport, CheckpointRequest } from './checkpoint-worker.ts';
import type { Database } from './database.ts';

/** SQLite's default automatic checkpoint, restored if the worker fails. */
const SQLITE_AUTOCHECKPOINT = 1000;
/** SQLite truncates the WAL file back to this when it restarts it. */
export const WAL_SIZE_LIMIT = 16 * 1024 * 1024;
/** How much writing a paced writer does between two rounds (a few MB of WAL during a first sync). */
export const PACED_INTERVAL_MS = 250;
/** The worker's own rounds, for writes that are not paced (actions, small syncs). */
const TIMER_INTERVAL_MS = 1000;

export interface Checkpointer {
  /** Frames copied into the database file so far (tests watch it). */
  readonly checkpointed: number;
  /** Between two write transactions: a turn of the event loop, and now and then a full checkpoint. */
  pause(): Promise<void>;
  stop(): Promise<void>;
}

/** The worker as a file beside this one: .ts when run from source, .js in the bundle (build/bundle-electron.ts). */
function workerUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./checkpoint-worker.${extension}`, import.meta.url);
}

export interface CheckpointerOptions {
  url?: URL;
  pacedIntervalMs?: number;
  timerIntervalMs?: number;
}

export function startCheckpointer(
  db: Database,
  file: string,
  logger: Logger,
  options: CheckpointerOptions = {},
): Checkpointer {
  const pacedInterval = options.pacedIntervalMs ?? PACED_INTERVAL_MS;
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  db.pragma('wal_autocheckpoint = 0');
  let checkpointed = 0;
  let running = true;
  let lastPaced = performance.now();
  let nextId = 0;
  const waiting = new Map<number, () => void>();
  const data: CheckpointData = { file, intervalMs: options.timerIntervalMs ?? TIMER_INTERVAL_MS };
  const worker = new Worker(options.url ?? workerUrl(), { workerData: data });
  const send = (request: CheckpointRequest) => worker.postMessage(request);
  const release = () => {
    for (const resolve of waiting.values()) resolve();
    waiting.clear();
  };
  const fallBack = (reason: string) => {
    release();
    if (!running) return;
    running = false;
    logger.warn('checkpoint worker stopped: automatic checkpoints again', { reason });
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
  };
  worker.on('message', (report: CheckpointReport) => {
    checkpointed += report.checkpointed;
    if (report.id === undefined) return;
    waiting.get(report.id)?.();
    waiting.delete(report.id);
  });
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`exit ${code}`));
  // Never what keeps a closing core alive.
  worker.unref();
  return {
    get checkpointed() {
      return checkpointed;
    },
    async pause() {
      const now = performance.now();
      if (!running || now - lastPaced < pacedInterval) return yieldToEventLoop();
      lastPaced = now;
      const id = nextId++;
      const done = new Promise<void>((resolve) => waiting.set(id, resolve));
      send({ kind: 'checkpoint', id });
      await done;
    },
    async stop() {
      if (!running) return;
      running = false;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Unref'd, the worker would let the process end before it closed its connection.
      worker.ref();
      send({ kind: 'stop' });
      await exited;
      release();
    },
  };
}
