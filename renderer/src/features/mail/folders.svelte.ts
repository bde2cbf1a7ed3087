/**
 * One account's folder list, re-queried when the core says it changed
 * (`mail.foldersChanged` for this account, or `accounts.changed`), plus
 * which folders the user collapsed. The core holds the truth; this holds
 * only the last answer.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { Folder } from '$shared/contract/index.ts';
import { LiveQuery, type LoadStatus } from '../../lib/query/live-query.svelte.ts';
import { toErrorShape, type Rpc } from '../../lib/rpc/index.ts';
import { buildFolderTree, visibleFolders } from './folder-tree.ts';

export type FolderListStatus = LoadStatus;

/** A sync announces changes per batch: the counts are read again at most this often. */
const COUNTS_REFRESH_MS = 300;

export class FolderListState {
  readonly collapsed = new SvelteSet<string>();
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
    return () => {
      stopFolders();
      stopAccounts();
      stopMessages();
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

  setExpanded(path: string, expanded: boolean): void {
    if (expanded) this.collapsed.delete(path);
    else this.collapsed.add(path);
  }
}

/** Which folder is open, across all accounts: one selection for the whole Courrier view. */
export interface FolderSelection {
  accountId: string;
  path: string;
}

export class MailState {
  selected = $state<FolderSelection | undefined>();
  selectedFolder = $state<Folder | undefined>();

  select(folder: Folder): void {
    this.selected = { accountId: folder.accountId, path: folder.path };
    this.selectedFolder = folder;
  }
}
