/**
 * The sync's writer thread, seen from the core: `write()` hands a request to
 * sync-writer-worker.ts and resolves once its last transaction committed, so
 * what the core reads next includes it. The core's own connection is guarded
 * by the same write turn (db/guarded-writes.ts).
 *
 * Why a thread: a first sync stores thousands of headers a second, each with
 * its search index, thread links and list counters. Even cut in 10 ms
 * transactions, the core's thread was blocked 100–500 ms at a time in write()
 * calls while the disk was busy (issue 4 measured it: none of that on tmpfs).
 *
 * If the thread cannot start or dies, the requests it held fail (the sync task
 * is retried by the queue) and later ones run on the core's connection:
 * slower, never unsafe.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../ports.ts';
import type { WriterData, WriterReport, WriterRequest } from './protocol.ts';
import type { SyncWrite, SyncWriter } from './sync-write.ts';

export interface ThreadedSyncWriter extends SyncWriter {
  /** Whether requests still go to the thread (tests check the fallback). */
  readonly threaded: boolean;
  stop(): Promise<void>;
}

interface Pending {
  onCommitted: () => void;
  resolve: (count: number) => void;
  reject: (error: Error) => void;
}

/** The worker as a file beside this one: .ts when run from source, .js in the bundle (build/bundle-electron.ts). */
function workerUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./sync-writer-worker.${extension}`, import.meta.url);
}

export function startSyncWriter(
  data: WriterData,
  fallback: SyncWriter,
  logger: Logger,
  options: { url?: URL; onFallback?: () => void } = {},
): ThreadedSyncWriter {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let running = true;
  let stopping = false;
  const worker = new Worker(options.url ?? workerUrl(), { workerData: data });
  const send = (request: WriterRequest) => worker.postMessage(request);

  const fallBack = (reason: string) => {
    const wasRunning = running;
    running = false;
    for (const { reject } of pending.values())
      reject(new Error(`le fil d’écriture de la synchronisation s’est arrêté (${reason})`));
    pending.clear();
    if (!wasRunning || stopping) return;
    logger.warn('sync writer thread stopped: writing on the core thread', { reason });
    options.onFallback?.();
  };

  worker.on('message', (report: WriterReport) => {
    if (report.kind === 'takeover') {
      logger.warn('sync writer took the write turn over after a long wait');
      return;
    }
    const job = pending.get(report.id);
    if (!job) return;
    if (report.kind === 'committed') {
      job.onCommitted();
      return;
    }
    pending.delete(report.id);
    if (report.kind === 'done') job.resolve(report.count);
    else job.reject(Object.assign(new Error(report.message), report.code ? { code: report.code } : {}));
  });
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`exit ${code}`));
  // Never what keeps a closing core alive.
  worker.unref();

  return {
    get threaded() {
      return running;
    },
    write(request: SyncWrite, onCommitted = () => undefined) {
      if (!running) return fallback.write(request, onCommitted);
      const id = nextId++;
      return new Promise<number>((resolve, reject) => {
        pending.set(id, { onCommitted, resolve, reject });
        send({ kind: 'write', id, write: request });
      });
    },
    async stop() {
      if (!running) return;
      stopping = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Unref'd, the worker would let the process end before it closed its connection.
      worker.ref();
      // Queued after every request already sent: those finish first.
      send({ kind: 'stop' });
      await exited;
    },
  };
}
