/**
 * Senders whose remote images the user chose to always show. The core keeps
 * the list (one per profile, moved with it, the same for every window); this
 * is the reader's view of it, re-read whenever any window changes it.
 * Addresses are compared in lower case, as the core stores them.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { Rpc } from '../../../lib/rpc/index.ts';

export class RemoteSenders {
  readonly #senders = new SvelteSet<string>();
  readonly #rpc: Rpc;

  constructor(rpc: Rpc) {
    this.#rpc = rpc;
  }

  has(address: string | undefined): boolean {
    return address !== undefined && this.#senders.has(address.trim().toLowerCase());
  }

  async load(): Promise<void> {
    const { senders } = await this.#rpc.invoke('mail.getRemoteContentSenders', {});
    this.#senders.clear();
    for (const sender of senders) this.#senders.add(sender);
  }

  /** Shown at once; the core's answer (and its change event) confirms it. */
  async add(address: string): Promise<void> {
    const sender = address.trim().toLowerCase();
    this.#senders.add(sender);
    try {
      await this.#rpc.invoke('mail.allowRemoteContent', { sender, allow: true });
    } catch (error) {
      // Refused (not an address): blocked again, as the core has it.
      this.#senders.delete(sender);
      throw error;
    }
  }

  /** Follows changes made from any window; returns the unsubscribe. */
  watch(): () => void {
    void this.load().catch(() => undefined);
    return this.#rpc.subscribe('mail.remoteContentChanged', () => void this.load().catch(() => undefined));
  }
}
