/**
 * The sync's writes, one transaction each, on whichever connection runs them:
 * the writer thread's own (sync-writer-worker.ts) or the core's
 * (inlineSyncWriter in sync-write.ts). Keeping them
 * here means both run the very same SQL, triggers and threading.
 */
import type { Database } from '../../db/database.ts';
import { holdRenumbered } from '../actions/local.ts';
import { CORRESPONDENT_SLICE, CorrespondentIndex } from '../compose/correspondent-index.ts';
import { MessageRepository } from '../message-repository.ts';
import type { FlagChange, MessageHeaders } from '../model.ts';
import { SyncStateRepository } from '../sync-state.ts';

export interface SyncStore {
  db: Database;
  messages: MessageRepository;
  state: SyncStateRepository;
  correspondents: CorrespondentIndex;
}

export function syncStore(db: Database): SyncStore {
  return {
    db,
    messages: new MessageRepository(db),
    state: new SyncStateRepository(db),
    correspondents: new CorrespondentIndex(db),
  };
}

/**
 * Stores one slice of headers. During a first sync, `resumeBelow` is the UID
 * the sync resumes below if it is killed after this commit: recorded in the
 * same transaction, so the folder never claims rows it does not have.
 */
export function writeHeaderSlice(
  store: SyncStore,
  folderId: string,
  slice: readonly MessageHeaders[],
  resumeBelow: number | undefined,
): void {
  store.db.transaction(() => {
    if (slice.length > 0) store.messages.upsert(folderId, slice);
    // After a new UIDVALIDITY: what a queued move or delete takes away stays hidden.
    holdRenumbered(store.db, folderId);
    if (resumeBelow !== undefined) store.state.progressInitial(folderId, resumeBelow);
  })();
}

export function applyFlagSlice(store: SyncStore, folderId: string, slice: readonly FlagChange[]): number {
  return store.db.transaction(() => store.messages.applyFlags(folderId, slice))();
}

export function removeSlice(store: SyncStore, folderId: string, slice: readonly number[]): number {
  return store.db.transaction(() => store.messages.remove(folderId, slice))();
}

/** Folds one slice of newly stored messages into the known correspondents; returns how many. */
export function foldCorrespondentSlice(store: SyncStore): number {
  return store.correspondents.catchUp(CORRESPONDENT_SLICE);
}
