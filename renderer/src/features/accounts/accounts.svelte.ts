/**
 * The accounts the core knows, re-queried on `accounts.changed`: the app
 * shell, Courrier and Réglages read this one list, never a copy.
 */
import type { Account } from '$shared/contract/index.ts';
import { LiveQuery } from '../../lib/query/live-query.svelte.ts';
import type { Rpc } from '../../lib/rpc/index.ts';

export type { LoadStatus } from '../../lib/query/live-query.svelte.ts';

export class AccountsState {
  readonly #rpc: Rpc;
  readonly #query: LiveQuery<Account[]>;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
    this.#query = new LiveQuery(() => rpc.invoke('accounts.list', {}), []);
  }

  get list() {
    return this.#query.value;
  }
  get status() {
    return this.#query.status;
  }
  get error() {
    return this.#query.error;
  }

  load(): Promise<void> {
    return this.#query.load();
  }

  /** Starts listening; returns the unsubscribe for the owner's teardown. */
  watch(): () => void {
    return this.#rpc.subscribe('accounts.changed', () => void this.load());
  }

  async remove(id: string): Promise<void> {
    await this.#rpc.invoke('accounts.remove', { id });
    await this.load();
  }
}
