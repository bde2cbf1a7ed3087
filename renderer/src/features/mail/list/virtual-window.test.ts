import { describe, expect, test } from 'vitest';
import { displayCount, displayIndexOf, locate } from './display-rows.ts';
import { rowWindow, rowsPerPage, scrollToReveal } from './virtual-window.ts';

const base = { viewportHeight: 340, rowHeight: 34, overscan: 5 };

describe('the virtual window', () => {
  test('at the top: the rows in view plus the overscan below', () => {
    expect(rowWindow({ ...base, scrollTop: 0, rowCount: 100_000 })).toEqual({
      first: 0,
      end: 16,
      offsetTop: 0,
      totalHeight: 3_400_000,
    });
  });

  test('in the middle: overscan on both sides, offset at the first rendered row', () => {
    const win = rowWindow({ ...base, scrollTop: 34 * 50_000 + 10, rowCount: 100_000 });
    expect(win).toMatchObject({ first: 49_995, end: 50_016, offsetTop: 49_995 * 34 });
  });

  test('at the very bottom of 100k rows: the last row is rendered, and never more than a screen and overscan', () => {
    const win = rowWindow({ ...base, scrollTop: 10 ** 9, rowCount: 100_000 });
    expect(win.end).toBe(100_000);
    expect(win.end - win.first).toBeLessThanOrEqual(10 + 1 + 2 * 5);
    expect(win.offsetTop).toBe(win.first * 34);
  });

  test('fewer rows than a screen, none, or a viewport not measured yet', () => {
    expect(rowWindow({ ...base, scrollTop: 0, rowCount: 3 })).toMatchObject({
      first: 0,
      end: 3,
      totalHeight: 102,
    });
    expect(rowWindow({ ...base, scrollTop: 0, rowCount: 0 })).toEqual({
      first: 0,
      end: 0,
      offsetTop: 0,
      totalHeight: 0,
    });
    expect(rowWindow({ ...base, viewportHeight: 0, scrollTop: 0, rowCount: 50 }).end).toBe(7);
  });

  test('page size and revealing a row scroll only as far as needed', () => {
    expect(rowsPerPage(340, 34)).toBe(10);
    expect(rowsPerPage(10, 34)).toBe(1);
    expect(scrollToReveal(5, 0, 340, 34)).toBeUndefined();
    expect(scrollToReveal(20, 0, 340, 34)).toBe(21 * 34 - 340);
    expect(scrollToReveal(2, 34 * 10, 340, 34)).toBe(68);
  });
});

describe('open conversations in the display order', () => {
  // Conversation 2 shows 3 messages under it, conversation 5 shows 2.
  const open = [
    { at: 5, count: 2 },
    { at: 2, count: 3 },
  ];

  test('display rows map to list rows and children', () => {
    expect([0, 1, 2].map((i) => locate(i, open))).toEqual([0, 1, 2].map((index) => ({ kind: 'row', index })));
    expect(locate(3, open)).toEqual({ kind: 'child', at: 2, child: 0 });
    expect(locate(5, open)).toEqual({ kind: 'child', at: 2, child: 2 });
    expect(locate(6, open)).toEqual({ kind: 'row', index: 3 });
    expect(locate(8, open)).toEqual({ kind: 'row', index: 5 });
    expect(locate(10, open)).toEqual({ kind: 'child', at: 5, child: 1 });
    expect(locate(11, open)).toEqual({ kind: 'row', index: 6 });
  });

  test('counts and positions include the open messages', () => {
    expect(displayCount(10, open)).toBe(15);
    expect(displayCount(4, open)).toBe(7);
    expect(displayIndexOf(2, open)).toBe(2);
    expect(displayIndexOf(3, open)).toBe(6);
    expect(displayIndexOf(6, open)).toBe(11);
  });
});
