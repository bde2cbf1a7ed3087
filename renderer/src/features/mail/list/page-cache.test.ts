import { describe, expect, test } from 'vitest';
import { PageCache } from './page-cache.ts';

const rows = (page: number, size = 10, tag = '') =>
  Array.from({ length: size }, (_, i) => `${tag}${page * size + i}`);

describe('the page cache', () => {
  test('asks for the pages a window covers, once, and serves rows from them', () => {
    const cache = new PageCache<string>(10);
    expect(cache.needed(5, 25)).toEqual([0, 1, 2]);
    const generations = [0, 1, 2].map((page) => cache.begin(page));
    // Under way: not asked twice while the user keeps scrolling.
    expect(cache.needed(5, 25)).toEqual([]);
    cache.store(1, generations[1] ?? 0, rows(1));
    expect(cache.rowAt(13)).toBe('13');
    expect(cache.rowAt(3)).toBeUndefined();
    expect(cache.loaded(8, 12).map((r) => r.index)).toEqual([10, 11]);
  });

  test('a change invalidates: stale pages stay shown, only the window’s pages are asked again', () => {
    const cache = new PageCache<string>(10);
    for (const page of [0, 1, 2, 3]) cache.store(page, cache.begin(page), rows(page));
    cache.invalidate();
    expect(cache.rowAt(15)).toBe('15');
    expect(cache.needed(10, 20)).toEqual([1]);
    cache.store(1, cache.begin(1), rows(1, 10, 'new'));
    expect(cache.rowAt(15)).toBe('new15');
    expect(cache.needed(10, 20)).toEqual([]);
    // Scrolling back to a stale page asks for it then.
    expect(cache.needed(0, 10)).toEqual([0]);
  });

  test('an answer that left before the change never passes for fresh', () => {
    const cache = new PageCache<string>(10);
    cache.store(0, cache.begin(0), rows(0));
    const early = cache.begin(0);
    cache.invalidate();
    // The request under way is of the old generation: asked again.
    expect(cache.needed(0, 10)).toEqual([0]);
    cache.store(0, early, rows(0, 10, 'old'));
    expect(cache.rowAt(1)).toBe('1');
    expect(cache.needed(0, 10)).toEqual([0]);
  });

  test('an old answer still fills a hole (better than blank), and is asked again', () => {
    const cache = new PageCache<string>(10);
    const early = cache.begin(4);
    cache.invalidate();
    cache.store(4, early, rows(4));
    expect(cache.rowAt(41)).toBe('41');
    expect(cache.needed(40, 50)).toEqual([4]);
  });

  test('a failed request can be made again; clear forgets everything', () => {
    const cache = new PageCache<string>(10);
    const generation = cache.begin(2);
    cache.abandon(2, generation);
    expect(cache.needed(20, 30)).toEqual([2]);
    cache.store(2, cache.begin(2), rows(2));
    cache.clear();
    expect(cache.rowAt(21)).toBeUndefined();
    expect(cache.pageCount).toBe(0);
  });

  test('memory stays bounded: the pages farthest from the window go first', () => {
    const cache = new PageCache<string>(10, 3);
    for (const page of [0, 1, 2, 50, 51]) cache.store(page, cache.begin(page), rows(page));
    cache.trim(500, 520);
    expect(cache.pageCount).toBe(3);
    expect(cache.rowAt(505)).toBe('505');
    expect(cache.rowAt(5)).toBeUndefined();
  });
});

describe('requests under way', () => {
  test('can be awaited by another caller, per page range, and are forgotten once settled', async () => {
    const cache = new PageCache<string>(10);
    let settle = () => {};
    const request = new Promise<void>((resolve) => (settle = resolve));
    cache.track(2, request);
    expect(cache.pending(0, 10)).toEqual([]);
    expect(cache.pending(15, 25)).toEqual([request]);
    settle();
    await request;
    await Promise.resolve();
    expect(cache.pending(15, 25)).toEqual([]);
  });
});
