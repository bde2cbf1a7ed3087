/**
 * The accounts the core knows, re-queried on `accounts.changed`: the app
 * shell, Courrier and Réglages read this one list, never a copy.
 */
import type { Account, CartableErrorShape } from '$shared/contract/index.ts';
import { toErrorShape, type Rpc } from '../../lib/rpc/index.ts';

export type LoadStatus = 'loading' | 'ready' | 'error';

export class AccountsState {
  list = $state<Account[]>([]);
  status = $state<LoadStatus>('loading');
  error = $state<CartableErrorShape | undefined>();
  readonly #rpc: Rpc;
  #generation = 0;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
  }

  async load(): Promise<void> {
    // A slower, older answer must not overwrite a newer one.
    const generation = ++this.#generation;
    try {
      const list = await this.#rpc.invoke('accounts.list', {});
      if (generation !== this.#generation) return;
      this.list = list;
      this.status = 'ready';
      this.error = undefined;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = toErrorShape(error);
      if (this.status === 'loading') this.status = 'error';
    }
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
