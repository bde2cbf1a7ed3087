/**
 * One account's folder list, re-queried when the core says it changed
 * (`mail.foldersChanged` for this account, or `accounts.changed`), plus
 * which folders the user collapsed. The core holds the truth; this holds
 * only the last answer.
 */
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { CartableErrorShape, Folder } from '$shared/contract/index.ts';
import { LiveQuery, type LoadStatus } from '../../lib/query/live-query.svelte.ts';
import { toErrorShape, type Rpc } from '../../lib/rpc/index.ts';
import { isSyncing, type SyncProgress } from './folder-pane/sync-progress.ts';
import { buildFolderTree, visibleFolders } from './folder-tree.ts';

export type FolderListStatus = LoadStatus;

/** A sync announces changes per batch: the counts are read again at most this often. */
const COUNTS_REFRESH_MS = 300;

export class FolderListState {
  readonly collapsed = new SvelteSet<string>();
  /** Folders in their first sync, by folder id: what the pane draws under them. */
  readonly progress = new SvelteMap<string, SyncProgress>();
  readonly tree = $derived(buildFolderTree(this.folders));
  readonly visible = $derived(visibleFolders(this.tree, this.collapsed));

  readonly accountId: string;
  readonly #rpc: Rpc;
  readonly #query: LiveQuery<Folder[]>;

  constructor(rpc: Rpc, accountId: string) {
    this.#rpc = rpc;
    this.accountId = accountId;
    this.#query = new LiveQuery(() => rpc.invoke('mail.listFolders', { accountId }), []);
  }

  get folders() {
    return this.#query.value;
  }
  get status() {
    return this.#query.status;
  }
  get error() {
    return this.#query.error;
  }
  set error(value) {
    this.#query.error = value;
  }

  load(): Promise<void> {
    return this.#query.load();
  }

  watch(): () => void {
    const stopFolders = this.#rpc.subscribe('mail.foldersChanged', ({ accountId }) => {
      if (accountId === this.accountId) void this.load();
    });
    const stopAccounts = this.#rpc.subscribe('accounts.changed', () => void this.load());
    // Unread counts follow the messages (a mark read, a move): one re-query per burst of changes.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const stopMessages = this.#rpc.subscribe('mail.changed', ({ accountId }) => {
      if (accountId !== this.accountId || pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        void this.load();
      }, COUNTS_REFRESH_MS);
    });
    const stopProgress = this.#rpc.subscribe(
      'mail.syncProgress',
      ({ accountId, folderId, synced, total }) => {
        if (accountId !== this.accountId) return;
        const progress = { synced, total };
        if (isSyncing(progress)) this.progress.set(folderId, progress);
        else this.progress.delete(folderId);
      },
    );
    return () => {
      stopFolders();
      stopAccounts();
      stopMessages();
      stopProgress();
      clearTimeout(pending);
    };
  }

  /** Asks the core to refresh from the server; the change event brings the new list. */
  async sync(): Promise<void> {
    try {
      await this.#rpc.invoke('mail.syncAccount', { accountId: this.accountId });
    } catch (error) {
      this.error = toErrorShape(error);
    }
  }

  /**
   * Folder edits: the core shows them at once and replays them to the server; the list
   * follows by `mail.foldersChanged`. Undefined when accepted, else the error to show.
   */
  create(name: string, parent: Folder | undefined): Promise<CartableErrorShape | undefined> {
    const params = { accountId: this.accountId, name: name.trim() };
    return this.#attempt(() =>
      this.#rpc.invoke('mail.createFolder', parent ? { ...params, parentId: parent.id } : params),
    );
  }

  rename(folder: Folder, name: string): Promise<CartableErrorShape | undefined> {
    return this.#attempt(() =>
      this.#rpc.invoke('mail.renameFolder', { folderId: folder.id, name: name.trim() }),
    );
  }

  delete(folder: Folder): Promise<CartableErrorShape | undefined> {
    return this.#attempt(() => this.#rpc.invoke('mail.deleteFolder', { folderId: folder.id }));
  }

  async #attempt(work: () => Promise<unknown>): Promise<CartableErrorShape | undefined> {
    try {
      await work();
      return undefined;
    } catch (error) {
      return toErrorShape(error);
    }
  }

  setExpanded(path: string, expanded: boolean): void {
    if (expanded) this.collapsed.delete(path);
    else this.collapsed.add(path);
  }
}

/** Rebuilt whole whenever a list changes and never mutated, so a plain Map is enough. */
function byId(folders: readonly Folder[]): ReadonlyMap<string, Folder> {
  return new Map(folders.map((folder) => [folder.id, folder]));
}

/** Which folder is open, across all accounts: one selection for the whole Courrier view. */
export interface FolderSelection {
  accountId: string;
  path: string;
}

export class MailState {
  selected = $state<FolderSelection | undefined>();
  selectedFolder = $state<Folder | undefined>();
  /** Each account pane's folder list, by account id: search results name their folder from it. */
  readonly lists = new SvelteMap<string, FolderListState>();
  readonly #folderById = $derived(byId([...this.lists.values()].flatMap((list) => list.folders)));

  /** A folder of any account by id, undefined while its pane has not listed it. */
  folderOf = (folderId: string): Folder | undefined => this.#folderById.get(folderId);

  select(folder: Folder): void {
    this.selected = { accountId: folder.accountId, path: folder.path };
    this.selectedFolder = folder;
  }
}

/**
 * The folder the mail view opens on: the server's \Inbox, else the name RFC 3501 reserves.
 * Undefined while the list is empty (a first sync still running).
 */
export function inboxOf(folders: readonly Folder[]): Folder | undefined {
  return (
    folders.find((folder) => folder.specialUse === 'inbox') ??
    folders.find((folder) => folder.path.toUpperCase() === 'INBOX')
  );
}
