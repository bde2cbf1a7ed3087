/**
 * The last answer of one core query, for views that re-query when an event
 * says something changed. A slower, older answer never overwrites a newer
 * one, and after a first success a failure keeps the last list on screen
 * (e.g. while the connection is down): only a first load fails loudly.
 */
import type { CartableErrorShape } from '$shared/contract/index.ts';
import { toErrorShape } from '../rpc/index.ts';

export type LoadStatus = 'loading' | 'ready' | 'error';

export class LiveQuery<T> {
  value: T = $state() as T;
  status = $state<LoadStatus>('loading');
  error = $state<CartableErrorShape | undefined>();
  readonly #fetch: () => Promise<T>;
  #generation = 0;

  constructor(fetch: () => Promise<T>, initial: T) {
    this.#fetch = fetch;
    this.value = initial;
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    try {
      const value = await this.#fetch();
      if (generation !== this.#generation) return;
      this.value = value;
      this.status = 'ready';
      this.error = undefined;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = toErrorShape(error);
      if (this.status === 'loading') this.status = 'error';
    }
  }
}
