/**
 * One sync of one account over one IMAP connection: the folder list, then
 * each folder's messages, the inbox first and the rest in the order the user
 * sees them. A folder the server refuses (deleted meanwhile, no rights) is
 * skipped and logged; a lost connection fails the task so the queue retries.
 */
import { CartableError, type Account } from '../../../shared/contract/index.ts';
import { compareFolders } from '../../../shared/folders.ts';
import type { Database } from '../db/database.ts';
import { openImap } from '../imap/client.ts';
import type { NetworkContext } from '../net/secure.ts';
import type { Logger } from '../ports.ts';
import type { FolderRepository } from './folder-repository.ts';
import { syncFolderList } from './folder-sync.ts';
import type { MessageRepository } from './message-repository.ts';
import { syncFolderMessages } from './message-sync.ts';
import type { SyncExtensions } from './model.ts';
import type { SyncStateRepository } from './sync-state.ts';

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
}

/** Failures of one folder that say nothing about the connection. */
const folderOnly = new Set(['PROTOCOL_ERROR']);

export async function syncAccount(account: Account, deps: AccountSyncDeps): Promise<void> {
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
    await syncFolderList(session, account.id, {
      folders: deps.folders,
      onChanged: (accountId) => deps.onFoldersChanged(accountId),
    });
    const ordered = deps.folders.list(account.id).sort(compareFolders);
    for (const folder of ordered) {
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
  } finally {
    await session.close();
  }
}
