import { describe, expect, it } from 'vitest';
import { MAX_SLICE, MIN_SLICE, TARGET_SLICE_MS, writeInSlices } from './write-slices.ts';

/** A clock where writing one item costs `msPerItem`. */
function costClock(msPerItem: () => number) {
  let now = 0;
  return {
    clock: { now: () => now },
    spend: (items: number) => {
      now += items * msPerItem();
    },
  };
}

describe('writeInSlices', () => {
  it('writes every item once, newest (last) first, in slices that fit the time budget', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => i);
    const { clock, spend } = costClock(() => 0.1); // 200 items = 20 ms
    const slices: number[][] = [];
    await writeInSlices(
      items,
      (slice) => {
        slices.push([...slice]);
        spend(slice.length);
      },
      { fromEnd: true, firstSize: 1000, clock },
    );
    expect(slices.flat().sort((a, b) => a - b)).toEqual(items);
    expect(slices[0]?.at(-1)).toBe(4999);
    for (let i = 1; i < slices.length; i++) expect(slices[i]?.at(-1)).toBe((slices[i - 1]?.[0] ?? 0) - 1);
    // After the first (too large) slice, each one costs about the target.
    for (const slice of slices.slice(2))
      expect(slice.length * 0.1).toBeLessThanOrEqual(TARGET_SLICE_MS * 1.5);
  });

  it('grows slices when writing is cheap, within bounds, and shrinks them when it turns slow', async () => {
    let cost = 0.001;
    const { clock, spend } = costClock(() => cost);
    const sizes: number[] = [];
    const next = await writeInSlices(
      Array.from({ length: 20_000 }, (_, i) => i),
      (slice) => {
        sizes.push(slice.length);
        spend(slice.length);
        if (sizes.length === 6) cost = 10;
      },
      { firstSize: 100, clock },
    );
    expect(Math.max(...sizes)).toBe(MAX_SLICE);
    // The last slice is what remained; the one before shows the shrinking.
    expect(sizes.at(-2)).toBe(MIN_SLICE);
    expect(next).toBe(MIN_SLICE);
  });

  it('lets other work run between slices', async () => {
    const events: string[] = [];
    await writeInSlices(
      Array.from({ length: 3 * MIN_SLICE }, (_, i) => i),
      (slice) => {
        events.push(`write ${slice.length}`);
        setImmediate(() => events.push('other'));
      },
      { firstSize: MIN_SLICE, clock: { now: () => 0 } },
    );
    expect(events.slice(0, 3)).toEqual([`write ${MIN_SLICE}`, 'other', `write ${3 * MIN_SLICE - MIN_SLICE}`]);
  });
});
