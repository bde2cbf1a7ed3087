/**
 * Runs in a worker thread (checkpointer.ts): copies the WAL into the database
 * file on a connection of its own, so the copy and its fsync never hold the
 * thread that answers the UI. PASSIVE never waits for readers or the writer.
 * A round runs when the main thread asks (between two write slices, while the
 * writer waits, so the round copies every frame and the next commit restarts
 * the WAL) and on a slow timer for the writes nobody paces.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

export interface CheckpointData {
  file: string;
  intervalMs: number;
}

export type CheckpointRequest = { kind: 'checkpoint'; id: number } | { kind: 'stop' };

export interface CheckpointReport {
  /** The request this round answers; absent for a timer round. */
  id?: number;
  /** Frames in the WAL, and frames of it now in the database file. */
  log: number;
  checkpointed: number;
}

const { file, intervalMs } = workerData as CheckpointData;
const db = new BetterSqlite3(file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');

function checkpoint(id?: number): void {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
  const report: CheckpointReport = { log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  if (id !== undefined) parentPort?.postMessage({ ...report, id });
  else if (report.checkpointed > 0) parentPort?.postMessage(report);
}

const timer = setInterval(() => checkpoint(), intervalMs);
parentPort?.on('message', (message: CheckpointRequest) => {
  if (message.kind === 'checkpoint') {
    checkpoint(message.id);
    return;
  }
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
