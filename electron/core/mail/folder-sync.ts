/**
 * Refreshes an account's folder list from IMAP (LIST + SPECIAL-USE + STATUS
 * counters), writes it in one transaction, then announces the change once.
 */
import type { ListResponse } from 'imapflow';
import type { Account } from '../../../shared/contract/index.ts';
import { openImap } from '../imap/client.ts';
import type { NetworkContext } from '../net/secure.ts';
import type { FolderRepository, RemoteFolder } from './folder-repository.ts';
import { specialUseOf } from './special-use.ts';

export interface FolderSyncDeps {
  folders: FolderRepository;
  network: NetworkContext;
  version: string;
  password(accountId: string): Promise<string>;
  onChanged(accountId: string): void;
}

export function toRemoteFolder(entry: ListResponse): RemoteFolder {
  const parentPath = entry.parentPath === '' ? undefined : entry.parentPath;
  return {
    path: entry.path,
    name: entry.name,
    parentPath,
    delimiter: entry.delimiter,
    specialUse: specialUseOf(entry.path, entry.name, entry.specialUse, parentPath === undefined),
    subscribed: entry.subscribed,
    messages: entry.status?.messages,
    unseen: entry.status?.unseen,
  };
}

export async function syncFolders(account: Account, deps: FolderSyncDeps): Promise<void> {
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
  let listed: ListResponse[];
  try {
    listed = await session.list();
  } finally {
    await session.close();
  }
  // \Noselect entries are hierarchy placeholders, not folders a user can open.
  const folders = listed.filter(
    (entry) => !entry.flags.has('\\Noselect') && !entry.flags.has('\\NonExistent'),
  );
  if (deps.folders.replace(account.id, folders.map(toRemoteFolder))) deps.onChanged(account.id);
}
