/**
 * One account's folder list, re-queried when the core says it changed
 * (`mail.foldersChanged` for this account, or `accounts.changed`), plus
 * which folders the user collapsed. The core holds the truth; this holds
 * only the last answer.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { CartableErrorShape, Folder } from '$shared/contract/index.ts';
import { toErrorShape, type Rpc } from '../../lib/rpc/index.ts';
import { buildFolderTree, visibleFolders } from './folder-tree.ts';

export type FolderListStatus = 'loading' | 'ready' | 'error';

export class FolderListState {
  folders = $state<Folder[]>([]);
  status = $state<FolderListStatus>('loading');
  error = $state<CartableErrorShape | undefined>();
  readonly collapsed = new SvelteSet<string>();
  readonly tree = $derived(buildFolderTree(this.folders));
  readonly visible = $derived(visibleFolders(this.tree, this.collapsed));

  readonly accountId: string;
  readonly #rpc: Rpc;
  #generation = 0;

  constructor(rpc: Rpc, accountId: string) {
    this.#rpc = rpc;
    this.accountId = accountId;
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const folders = await this.#rpc.invoke('mail.listFolders', { accountId: this.accountId });
      if (generation !== this.#generation) return;
      this.folders = folders;
      this.status = 'ready';
      this.error = undefined;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = toErrorShape(error);
      // Keep showing the last list (e.g. while the connection is down); fail loudly only at first load.
      if (this.status === 'loading') this.status = 'error';
    }
  }

  watch(): () => void {
    const stopFolders = this.#rpc.subscribe('mail.foldersChanged', ({ accountId }) => {
      if (accountId === this.accountId) void this.load();
    });
    const stopAccounts = this.#rpc.subscribe('accounts.changed', () => void this.load());
    return () => {
      stopFolders();
      stopAccounts();
    };
  }

  /** Asks the core to refresh from the server; the change event brings the new list. */
  async sync(): Promise<void> {
    try {
      await this.#rpc.invoke('mail.syncFolders', { accountId: this.accountId });
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
