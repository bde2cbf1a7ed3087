import { describe, expect, test } from 'vitest';
import {
  MAX_SAVED,
  readSaved,
  withSaved,
  withoutSaved,
  writeSaved,
  type KeyValueStore,
} from './saved-searches.ts';

function memoryStore(initial?: string): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  if (initial !== undefined) data.set('cartable.mail.savedSearches', initial);
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('saved searches', () => {
  test('a saved search comes first, once, trimmed', () => {
    let list = withSaved([], { query: 'de:durand', scope: 'all' });
    list = withSaved(list, { query: 'pj:', scope: 'folder' });
    list = withSaved(list, { query: '  de:durand ', scope: 'all' });
    expect(list).toEqual([
      { query: 'de:durand', scope: 'all' },
      { query: 'pj:', scope: 'folder' },
    ]);
  });

  test('the same query in another scope is another search; an empty one is not saved', () => {
    let list = withSaved([], { query: 'pj:', scope: 'all' });
    list = withSaved(list, { query: 'pj:', scope: 'folder' });
    list = withSaved(list, { query: '   ', scope: 'folder' });
    expect(list).toHaveLength(2);
    expect(withoutSaved(list, { query: 'pj:', scope: 'all' })).toEqual([{ query: 'pj:', scope: 'folder' }]);
  });

  test('at most MAX_SAVED are kept, the oldest go', () => {
    let list = withSaved([], { query: 'q0', scope: 'all' });
    for (let i = 1; i <= MAX_SAVED; i += 1) list = withSaved(list, { query: `q${i}`, scope: 'all' });
    expect(list).toHaveLength(MAX_SAVED);
    expect(list.at(-1)?.query).toBe('q1');
  });

  test('round trip through the store; malformed or missing storage reads as empty', () => {
    const store = memoryStore();
    writeSaved(store, [{ query: 'objet:conseil', scope: 'folder' }]);
    expect(readSaved(store)).toEqual([{ query: 'objet:conseil', scope: 'folder' }]);
    expect(readSaved(memoryStore('{not json'))).toEqual([]);
    expect(
      readSaved(memoryStore('[{"query":"x","scope":"elsewhere"},{"query":"ok","scope":"all"}]')),
    ).toEqual([{ query: 'ok', scope: 'all' }]);
    expect(readSaved(undefined)).toEqual([]);
  });
});
