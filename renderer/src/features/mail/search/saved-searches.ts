/**
 * Saved searches: a few queries the user comes back to ("pj: de:rectorat"),
 * kept in the renderer's localStorage. They are preferences of this screen,
 * not mail data, so the core does not store them.
 */

export type SearchScope = 'folder' | 'all';

export interface SavedSearch {
  query: string;
  scope: SearchScope;
}

const STORAGE_KEY = 'cartable.mail.savedSearches';
/** A menu, not a database: past this many the oldest ones go. */
export const MAX_SAVED = 20;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function isSaved(value: unknown): value is SavedSearch {
  if (typeof value !== 'object' || value === null) return false;
  const { query, scope } = value as Record<string, unknown>;
  return typeof query === 'string' && query.trim() !== '' && (scope === 'folder' || scope === 'all');
}

/** What was stored, ignoring anything malformed (another version, a hand edit). */
export function readSaved(store: KeyValueStore | undefined): SavedSearch[] {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSaved).slice(0, MAX_SAVED) : [];
  } catch {
    return [];
  }
}

/** The list with `search` first, once, and at most MAX_SAVED entries. */
export function withSaved(list: readonly SavedSearch[], search: SavedSearch): SavedSearch[] {
  const query = search.query.trim();
  if (query === '') return [...list];
  const rest = list.filter((item) => item.query !== query || item.scope !== search.scope);
  return [{ query, scope: search.scope }, ...rest].slice(0, MAX_SAVED);
}

export function withoutSaved(list: readonly SavedSearch[], search: SavedSearch): SavedSearch[] {
  return list.filter((item) => item.query !== search.query || item.scope !== search.scope);
}

export function writeSaved(store: KeyValueStore | undefined, list: readonly SavedSearch[]): void {
  try {
    store?.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    // A full or disabled storage only loses the convenience, never mail.
  }
}

/** localStorage when the page may use it (a sandboxed or private page may throw on access). */
export function browserStore(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
