/**
 * One sync of one account over one IMAP connection: the folder list with
 * every folder's counters (one LIST-STATUS), then the messages of each folder
 * that changed, the inbox first and the rest in the order the user sees them.
 * A folder whose HIGHESTMODSEQ did not move is skipped without a SELECT: any
 * append, expunge or flag change raises it (RFC 7162 §3.1.2.1).
 * A folder the server refuses (deleted meanwhile, no rights) is skipped and
 * logged; a lost connection fails the task so the queue retries.
 */
import { CartableError, type Account } from '../../../shared/contract/index.ts';
import { compareFolders } from '../../../shared/folders.ts';
import type { Database } from '../db/database.ts';
import { openImap, type ImapSession } from '../imap/client.ts';
import { readStorageQuota, type StorageQuota } from '../imap/quota.ts';
import type { NetworkContext } from '../net/secure.ts';
import type { Logger } from '../ports.ts';
import type { FolderRepository } from './folder-repository.ts';
import { syncFolderList, type FolderStatus } from './folder-sync.ts';
import type { MessageRepository } from './message-repository.ts';
import { syncFolderMessages } from './message-sync.ts';
import type { SyncExtensions } from './model.ts';
import type { FolderSyncState, SyncStateRepository } from './sync-state.ts';

export interface AccountSyncDeps {
  db: Database;
  folders: FolderRepository;
  messages: MessageRepository;
  state: SyncStateRepository;
  network: NetworkContext;
  version: string;
  logger: Logger;
  extensions: SyncExtensions;
  password(accountId: string): Promise<string>;
  onFoldersChanged(accountId: string): void;
  onMessagesChanged(accountId: string, folderId: string): void;
  onProgress(accountId: string, folderId: string, synced: number, total: number): void;
  /** Bodies of recent mail, fetched after every folder's headers so the inbox reads offline. */
  recentBodies?: (session: ImapSession, folder: { id: string; path: string }) => Promise<unknown>;
  /** The quota read at the end of the sync (refreshed after each sync, as the gauge needs). */
  onQuota(accountId: string, quota: StorageQuota): void;
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

export async function syncAccount(
  account: Account,
  deps: AccountSyncDeps,
  scope: AccountSyncScope = {},
): Promise<void> {
  const session = await openImap(
    {
      endpoint: account.imap,
      login: account.login,
      password: await deps.password(account.id),
      pins: account.tlsPins,
    },
    deps.network,
    deps.version,
  );
  try {
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
      try {
        await syncFolderMessages(session, folder, {
          db: deps.db,
          messages: deps.messages,
          state: deps.state,
          extensions: deps.extensions,
          onChanged: (folderId) => deps.onMessagesChanged(account.id, folderId),
          onProgress: (folderId, synced, total) => deps.onProgress(account.id, folderId, synced, total),
        });
      } catch (error) {
        if (!(error instanceof CartableError) || !folderOnly.has(error.code)) throw error;
        deps.logger.warn('folder skipped', { path: folder.path, code: error.code });
      }
    }
    if (deps.recentBodies) {
      for (const folder of ordered) {
        try {
          await deps.recentBodies(session, folder);
        } catch (error) {
          if (!(error instanceof CartableError) || !folderOnly.has(error.code)) throw error;
          deps.logger.warn('bodies skipped', { path: folder.path, code: error.code });
        }
      }
    }
    const quota = await readStorageQuota(session);
    if (quota) deps.onQuota(account.id, quota);
  } finally {
    await session.close();
  }
}
