/**
 * Refreshes an account's folder list from IMAP (LIST + SPECIAL-USE + STATUS
 * counters), writes it in one transaction, then announces the change once.
 */
import type { ListResponse } from 'imapflow';
import type { ImapSession } from '../imap/client.ts';
import type { FolderRepository, RemoteFolder } from './folder-repository.ts';
import { specialUseOf } from './special-use.ts';

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

/** What LIST-STATUS says of a folder's contents: an equal HIGHESTMODSEQ means nothing changed. */
export interface FolderStatus {
  uidValidity: bigint | undefined;
  highestModseq: bigint | undefined;
}

export interface FolderListDeps {
  folders: FolderRepository;
  onChanged(accountId: string): void;
  /**
   * False only for the replay of the account's last folder operation (its own task is the one
   * running): every other sync leaves the paths of unreplayed operations alone.
   */
  holdRunningOps?: boolean;
}

export async function syncFolderList(
  session: ImapSession,
  accountId: string,
  deps: FolderListDeps,
): Promise<Map<string, FolderStatus>> {
  const listed = await session.list();
  // \Noselect entries are hierarchy placeholders, not folders a user can open.
  const folders = listed.filter(
    (entry) => !entry.flags.has('\\Noselect') && !entry.flags.has('\\NonExistent'),
  );
  const remote = folders.map(toRemoteFolder);
  const options = deps.holdRunningOps === undefined ? {} : { holdRunningOps: deps.holdRunningOps };
  if (deps.folders.replace(accountId, remote, options)) deps.onChanged(accountId);
  return new Map(
    folders.map((entry) => [
      entry.path,
      { uidValidity: entry.status?.uidValidity, highestModseq: entry.status?.highestModseq },
    ]),
  );
}
