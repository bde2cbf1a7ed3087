/**
 * One sync of one account over one IMAP session (the account's kept one when
 * it has one, see session-pool.ts): the folder list with every folder's
 * counters (one LIST-STATUS), then the messages of each folder that changed,
 * the inbox first and the rest in the order the user sees them, then the quota.
 * A sync scoped to known folders (the inbox after IDLE woke up) skips the list
 * and the quota, and counts each folder's messages while it has it open.
 * A folder whose HIGHESTMODSEQ did not move is skipped without a SELECT: any
 * append, expunge or flag change raises it (RFC 7162 §3.1.2.1).
 * A folder the server refuses (deleted meanwhile, no rights) is skipped and
 * logged; a lost connection fails the task so the queue retries.
 */
import { CartableError, type Account, type Folder } from '../../../shared/contract/index.ts';
import { compareFolders } from '../../../shared/folders.ts';
import type { Database } from '../db/database.ts';
import type { ImapSession } from '../imap/client.ts';
import { selectedCounters } from '../imap/mailbox.ts';
import { readStorageQuota, type StorageQuota } from '../imap/quota.ts';
import type { Logger } from '../ports.ts';
import type { FolderRepository } from './folder-repository.ts';
import { syncFolderList, type FolderStatus } from './folder-sync.ts';
import type { MessageRepository } from './message-repository.ts';
import { markInbox, newMailSince, type NewMail } from './new-mail.ts';
import { syncFolderMessages, type MessageSyncDeps } from './message-sync.ts';
import type { SyncExtensions } from './model.ts';
import type { FolderSyncState, SyncStateRepository } from './sync-state.ts';
import type { SyncWriter } from './sync-writer/sync-write.ts';

export interface AccountSyncDeps {
  db: Database;
  folders: FolderRepository;
  messages: MessageRepository;
  state: SyncStateRepository;
  logger: Logger;
  extensions: SyncExtensions;
  /** Runs the sync on a session of the account (kept between syncs by the core's pool). */
  withSession(accountId: string, work: (session: ImapSession) => Promise<void>): Promise<void>;
  onFoldersChanged(accountId: string): void;
  onMessagesChanged(accountId: string, folderId: string): void;
  onProgress(accountId: string, folderId: string, synced: number, total: number): void;
  /** Bodies of recent mail, fetched after every folder's headers so the inbox reads offline. */
  recentBodies?: (session: ImapSession, folder: { id: string; path: string }) => Promise<unknown>;
  /** The quota read at the end of the sync (refreshed after each sync, as the gauge needs). */
  onQuota(accountId: string, quota: StorageQuota): void;
  /** Unseen messages a later sync of the inbox brought (never those of its first sync). */
  onNewMail?: (accountId: string, folderId: string, mail: NewMail) => void;
  /** Stores what the sync fetched (the core's writer thread, sync-writer/). */
  writer: SyncWriter;
}

export interface AccountSyncScope {
  /** Only these folder paths (e.g. the inbox after IDLE woke up); all folders when absent. */
  paths?: readonly string[];
}

/** Failures of one folder that say nothing about the connection. */
const folderOnly = new Set(['PROTOCOL_ERROR']);

export function unchangedSince(
  state: FolderSyncState,
  status: FolderStatus | undefined,
  extensions: SyncExtensions,
): boolean {
  return (
    extensions.condstore &&
    state.initialDone &&
    status?.highestModseq !== undefined &&
    state.highestModseq === status.highestModseq &&
    state.uidValidity === status.uidValidity
  );
}

/** The folders a scoped sync names, if every one of them is known; the full sync otherwise. */
function knownFolders(
  deps: AccountSyncDeps,
  accountId: string,
  scope: AccountSyncScope,
): Folder[] | undefined {
  if (!scope.paths) return undefined;
  const byPath = new Map(deps.folders.list(accountId).map((folder) => [folder.path, folder]));
  const found = scope.paths.map((path) => byPath.get(path));
  return found.every((folder) => folder !== undefined) ? found.sort(compareFolders) : undefined;
}

export async function syncAccount(
  account: Account,
  deps: AccountSyncDeps,
  scope: AccountSyncScope = {},
): Promise<void> {
  await deps.withSession(account.id, async (session) => {
    const known = knownFolders(deps, account.id, scope);
    if (known && (await syncKnownFolders(session, account, deps, known))) return;
    await syncWholeAccount(session, account, deps, scope);
  });
}

function messageSyncDeps(account: Account, deps: AccountSyncDeps): MessageSyncDeps {
  return {
    db: deps.db,
    messages: deps.messages,
    state: deps.state,
    extensions: deps.extensions,
    onChanged: (folderId) => deps.onMessagesChanged(account.id, folderId),
    onProgress: (folderId, synced, total) => deps.onProgress(account.id, folderId, synced, total),
    writer: deps.writer,
  };
}

/** Syncs one folder's messages; for the inbox, announces the unseen ones that arrived. */
async function syncAndAnnounce(
  session: ImapSession,
  account: Account,
  deps: AccountSyncDeps,
  folder: Folder,
): Promise<void> {
  const watched = folder.specialUse === 'inbox' && deps.onNewMail !== undefined;
  const mark = watched ? markInbox(deps.db, deps.state, folder.id) : undefined;
  await syncFolderMessages(session, folder, messageSyncDeps(account, deps));
  const news = mark ? newMailSince(deps.db, deps.state, mark) : undefined;
  if (news) deps.onNewMail?.(account.id, folder.id, news);
}

async function syncOneFolder(
  session: ImapSession,
  account: Account,
  deps: AccountSyncDeps,
  folder: Folder,
): Promise<void> {
  try {
    await syncAndAnnounce(session, account, deps, folder);
  } catch (error) {
    if (!(error instanceof CartableError) || !folderOnly.has(error.code)) throw error;
    deps.logger.warn('folder skipped', { path: folder.path, code: error.code });
  }
}

async function fetchBodies(session: ImapSession, deps: AccountSyncDeps, folders: readonly Folder[]) {
  if (!deps.recentBodies) return;
  for (const folder of folders) {
    try {
      await deps.recentBodies(session, folder);
    } catch (error) {
      if (!(error instanceof CartableError) || !folderOnly.has(error.code)) throw error;
      deps.logger.warn('bodies skipped', { path: folder.path, code: error.code });
    }
  }
}

/**
 * Known folders only (the inbox after IDLE woke up): no LIST-STATUS of every folder, no quota
 * (the next full sync reads both). A kept session usually has the inbox open still, so this is
 * a NOOP, a UID SEARCH and the new headers. The folder's counters are counted while it is open.
 * False when the server refused a folder: it may be gone, and only the full sync re-reads the list.
 */
async function syncKnownFolders(
  session: ImapSession,
  account: Account,
  deps: AccountSyncDeps,
  folders: readonly Folder[],
): Promise<boolean> {
  for (const folder of folders) {
    try {
      await syncAndAnnounce(session, account, deps, folder);
      const { messages, unseen } = await selectedCounters(session);
      if (deps.folders.setCounters(folder.id, messages, unseen)) deps.onFoldersChanged(account.id);
    } catch (error) {
      if (!(error instanceof CartableError) || !folderOnly.has(error.code)) throw error;
      return false;
    }
  }
  await fetchBodies(session, deps, folders);
  return true;
}

async function syncWholeAccount(
  session: ImapSession,
  account: Account,
  deps: AccountSyncDeps,
  scope: AccountSyncScope,
): Promise<void> {
  const statuses = await syncFolderList(session, account.id, {
    folders: deps.folders,
    onChanged: (accountId) => deps.onFoldersChanged(accountId),
  });
  const wanted = scope.paths ? new Set(scope.paths) : undefined;
  const ordered = deps.folders
    .list(account.id)
    .filter((folder) => !wanted || wanted.has(folder.path))
    .sort(compareFolders);
  for (const folder of ordered) {
    if (unchangedSince(deps.state.get(folder.id), statuses.get(folder.path), deps.extensions)) continue;
    await syncOneFolder(session, account, deps, folder);
  }
  await fetchBodies(session, deps, ordered);
  const quota = await readStorageQuota(session);
  if (quota) deps.onQuota(account.id, quota);
}
