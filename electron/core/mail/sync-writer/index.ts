/**
 * The sync's writer for a core: a thread of its own when the database is a
 * file, the core's own connection for an in-memory one (tests). Call before
 * anything prepares a statement on `db`: from here on, its writes take the
 * write turn they share with the thread.
 */
import { WAL_SIZE_LIMIT, type Checkpointer } from '../../db/checkpointer.ts';
import type { Database } from '../../db/database.ts';
import { guardWrites } from '../../db/guarded-writes.ts';
import { createWriteTurnBuffer, WriteTurn } from '../../db/write-turn.ts';
import type { Logger } from '../../ports.ts';
import { syncStore } from './slice-writes.ts';
import { inlineSyncWriter, type SyncWriter } from './sync-write.ts';
import { startSyncWriter } from './sync-writer.ts';

export type { SyncWrite, SyncWriter } from './sync-write.ts';
export { inlineSyncWriter } from './sync-write.ts';
export { syncStore } from './slice-writes.ts';

export interface CoreSyncWriter extends SyncWriter {
  /** Whether requests go to the writer thread (false for an in-memory database, or after a fallback). */
  readonly threaded: boolean;
  stop(): Promise<void>;
}

export function openSyncWriter(
  db: Database,
  file: string,
  logger: Logger,
  checkpoints: Checkpointer | undefined,
): CoreSyncWriter {
  const pause = checkpoints ? () => checkpoints.pause() : undefined;
  if (file === ':memory:') {
    const inline = inlineSyncWriter(syncStore(db), pause);
    return {
      threaded: false,
      write: (request, onCommitted) => inline.write(request, onCommitted),
      stop: () => Promise.resolve(),
    };
  }
  const turn = createWriteTurnBuffer();
  guardWrites(
    db,
    new WriteTurn(turn, 'main', {
      onTakeover: () => logger.warn('core took the write turn over after a long wait'),
    }),
  );
  // Made behind the guard, so the fallback takes the turn too.
  const fallback = inlineSyncWriter(syncStore(db), pause);
  // Whichever connection writes first after a checkpoint restarts the WAL and cuts the file back
  // to journal_size_limit. On a busy disk that ftruncate took 640 ms on the core's thread: leave
  // it to the writer thread, and take it back only if that thread is gone.
  db.pragma('journal_size_limit = -1');
  return startSyncWriter({ file, turn }, fallback, logger, {
    onFallback: () => {
      if (db.open) db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    },
  });
}
