/**
 * Senders whose remote images the user chose to always show. Kept in this
 * browser profile's localStorage for now (the core is the better home: one
 * list for every window and host). Addresses are compared in lower case;
 * the From header can be forged, as every mail client's allow-list accepts.
 */
import { SvelteSet } from 'svelte/reactivity';

const storageKey = 'cartable.remoteContentSenders';
/** A list this long is a bug or an attack on the storage, not a user's choices. */
const MAX_SENDERS = 2000;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage switched off by policy: the choice lasts for this session only.
    return undefined;
  }
}

function stored(): string[] {
  try {
    const value: unknown = JSON.parse(storage()?.getItem(storageKey) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export class RemoteSenders {
  readonly #senders = new SvelteSet<string>(stored());

  has(address: string | undefined): boolean {
    return address !== undefined && this.#senders.has(address.trim().toLowerCase());
  }

  add(address: string): void {
    const key = address.trim().toLowerCase();
    if (!key || this.#senders.has(key) || this.#senders.size >= MAX_SENDERS) return;
    this.#senders.add(key);
    try {
      storage()?.setItem(storageKey, JSON.stringify([...this.#senders]));
    } catch {
      // Quota or policy: kept for this session.
    }
  }
}

export const remoteSenders = new RemoteSenders();
