/**
 * Syncs one folder's message headers into SQLite.
 *
 * First sync: newest first, in batches (the first one small so the inbox shows
 * within seconds), each batch one transaction; a killed sync resumes below the
 * lowest UID it wrote. Then, and on every later sync: new UIDs, then flag
 * changes and expunges by QRESYNC (VANISHED), CONDSTORE (CHANGEDSINCE + UID
 * SEARCH), or a full UID/flags comparison, whichever the server allows.
 * HIGHESTMODSEQ is stored in the transaction that applied the changes it
 * covers, never ahead of them; a new UIDVALIDITY starts the folder over.
 */
import type { Database } from '../db/database.ts';
import {
  fetchFlags,
  fetchHeaders,
  searchUids,
  openReadOnly,
  condstoreEnabled,
  qresyncEnabled,
} from '../imap/mailbox.ts';
import type { ImapSession } from '../imap/client.ts';
import type { MessageRepository } from './message-repository.ts';
import type { SelectedMailbox, SyncExtensions } from './model.ts';
import type { SyncStateRepository } from './sync-state.ts';
import type { SyncWriter } from './sync-writer/sync-write.ts';
import { toUidSet } from './uid-set.ts';

/** The first screen of a mailbox: small so it is written and announced within seconds. */
export const FIRST_BATCH = 200;
/** Later batches: large enough to amortise a round trip, small enough to keep transactions short. */
export const BATCH = 1000;

export type SyncPath = 'qresync' | 'condstore' | 'full' | 'unchanged';

export interface MessageSyncDeps {
  db: Database;
  messages: MessageRepository;
  state: SyncStateRepository;
  /** Stores headers, flags and expunges in short transactions (the writer thread in the core). */
  writer: SyncWriter;
  extensions: SyncExtensions;
  /** FIRST_BATCH and BATCH by default; the crash test uses small ones to have many commit points. */
  batchSizes?: { first: number; rest: number };
  /** After each committed transaction that changed what the folder shows. */
  onChanged(folderId: string): void;
  onProgress(folderId: string, synced: number, total: number): void;
}

export interface FolderRef {
  id: string;
  path: string;
}

export interface MessageSyncResult {
  path: SyncPath;
  fetched: number;
  flagsChanged: number;
  removed: number;
}

/**
 * Fetches `uids` newest first in batches and stores each. During a first sync
 * (`initial`) every commit also records the UID a killed sync resumes below.
 */
async function fetchNewestFirst(
  session: ImapSession,
  folder: FolderRef,
  uids: readonly number[],
  deps: MessageSyncDeps,
  initial: boolean,
): Promise<number> {
  let fetched = 0;
  const batchBelow = (end: number, first: boolean) => {
    const size = first ? (deps.batchSizes?.first ?? FIRST_BATCH) : (deps.batchSizes?.rest ?? BATCH);
    return uids.slice(Math.max(0, end - size), end);
  };
  const request = (uidsOfBatch: readonly number[]) => {
    const answer = fetchHeaders(session, toUidSet(uidsOfBatch));
    // Awaited on the next turn of the loop; until then a failure must not count as unhandled.
    answer.catch(() => undefined);
    return answer;
  };
  let batch = batchBelow(uids.length, true);
  let pending = batch.length > 0 ? request(batch) : undefined;
  while (pending) {
    const current = batch;
    const headers = (await pending).sort((a, b) => a.uid - b.uid);
    const lower = uids.length - fetched - current.length;
    const nextBatch = lower > 0 ? batchBelow(lower, false) : [];
    // The server prepares the next batch while this one is written (Dovecot runs on another core).
    pending = nextBatch.length > 0 ? request(nextBatch) : undefined;
    await deps.writer.write(
      {
        kind: 'headers',
        folderId: folder.id,
        headers,
        resumeBelow: initial ? current[0] : undefined,
        oneTransaction: fetched === 0,
      },
      () => deps.onChanged(folder.id),
    );
    fetched += current.length;
    deps.onProgress(folder.id, fetched, uids.length);
    batch = nextBatch;
  }
  return fetched;
}

async function initialSync(session: ImapSession, folder: FolderRef, deps: MessageSyncDeps): Promise<number> {
  const { initialLowUid } = deps.state.get(folder.id);
  const all = await searchUids(session);
  const pending = initialLowUid === undefined ? all : all.filter((uid) => uid < initialLowUid);
  const fetched = await fetchNewestFirst(session, folder, pending, deps, true);
  deps.db.transaction(() => deps.state.finishInitial(folder.id))();
  return fetched;
}

function chooseIncremental(
  session: ImapSession,
  deps: MessageSyncDeps,
  known: bigint | undefined,
  mailbox: SelectedMailbox,
) {
  if (known === undefined || mailbox.highestModseq === undefined) return 'full' as const;
  if (deps.extensions.qresync && qresyncEnabled(session)) return 'qresync' as const;
  if (deps.extensions.condstore && condstoreEnabled(session)) return 'condstore' as const;
  return 'full' as const;
}

async function incrementalSync(
  session: ImapSession,
  folder: FolderRef,
  mailbox: SelectedMailbox,
  deps: MessageSyncDeps,
): Promise<Omit<MessageSyncResult, 'fetched'> & { fetched: number }> {
  const { messages, state } = deps;
  const maxUid = messages.maxUid(folder.id);
  // "n:*" also matches the highest UID when it is below n (RFC 3501 §6.4.8): filter.
  const fresh =
    mailbox.refreshed || mailbox.uidNext > maxUid + 1
      ? (await searchUids(session, `${maxUid + 1}:*`)).filter((u) => u > maxUid)
      : [];
  const fetched = await fetchNewestFirst(session, folder, fresh, deps, false);

  const known = state.get(folder.id).highestModseq;
  let path: SyncPath = chooseIncremental(session, deps, known, mailbox);
  // A refreshed mailbox's HIGHESTMODSEQ is an estimate: equal to ours does not prove "unchanged".
  if (path !== 'full' && known === mailbox.highestModseq && !mailbox.refreshed) path = 'unchanged';
  if (maxUid === 0 || path === 'unchanged') {
    if (path !== 'unchanged') {
      const stored = path === 'full' ? undefined : mailbox.highestModseq;
      deps.db.transaction(() => state.setHighestModseq(folder.id, stored))();
    }
    return { path, fetched, flagsChanged: 0, removed: 0 };
  }

  const range = `1:${maxUid}`;
  // Read once: every path compares with it, and VANISHED may name UIDs we never had.
  const localUids = await messages.uids(folder.id);
  let changes;
  let gone: number[];
  if (path === 'qresync' || path === 'condstore') {
    const answer = await fetchFlags(session, range, known);
    changes = answer.changed;
    if (path === 'qresync' && !answer.vanishedOverflow) {
      const local = new Set(localUids);
      gone = answer.vanished.filter((uid) => local.has(uid));
    } else {
      const onServer = new Set(await searchUids(session, range));
      // UIDs above maxUid were fetched just now; the search only covered 1:maxUid.
      gone = localUids.filter((uid) => uid <= maxUid && !onServer.has(uid));
    }
  } else {
    const answer = await fetchFlags(session, range);
    const onServer = new Set(answer.changed.map((c) => c.uid));
    gone = localUids.filter((uid) => uid <= maxUid && !onServer.has(uid));
    const local = await messages.flagsByUid(folder.id);
    changes = answer.changed.filter((c) => local.get(c.uid) !== JSON.stringify([...c.flags].sort()));
  }
  // Many changes (a folder marked read elsewhere) are written in short transactions;
  // re-applying a slice is harmless, so HIGHESTMODSEQ waits for the last one.
  const flagsChanged = await deps.writer.write({ kind: 'flags', folderId: folder.id, changes });
  const removed = await deps.writer.write({ kind: 'remove', folderId: folder.id, uids: gone });
  // Only with CONDSTORE/QRESYNC does the stored value mean anything to the next sync.
  deps.db.transaction(() =>
    state.setHighestModseq(folder.id, path === 'full' ? undefined : mailbox.highestModseq),
  )();
  if (flagsChanged + removed > 0) deps.onChanged(folder.id);
  return { path, fetched, flagsChanged, removed };
}

export async function syncFolderMessages(
  session: ImapSession,
  folder: FolderRef,
  deps: MessageSyncDeps,
): Promise<MessageSyncResult> {
  const mailbox = await openReadOnly(session, folder.path);
  const state = deps.state.get(folder.id);
  const usableModseq = deps.extensions.condstore ? mailbox.highestModseq : undefined;
  if (state.uidValidity !== mailbox.uidValidity) {
    // RFC 3501 §2.3.1.1: UIDs of another validity name other messages; drop them, then sync again.
    deps.db.transaction(() => {
      deps.messages.removeAll(folder.id);
      deps.state.startInitial(folder.id, mailbox.uidValidity, usableModseq);
    })();
    deps.onChanged(folder.id);
  }
  let fetched = 0;
  if (!deps.state.get(folder.id).initialDone) fetched = await initialSync(session, folder, deps);
  const result = await incrementalSync(session, folder, mailbox, deps);
  deps.state.setServerCount(folder.id, mailbox.exists);
  return { ...result, fetched: fetched + result.fetched };
}
