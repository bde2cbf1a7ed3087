/**
 * Writes a long list to SQLite in short transactions, yielding to the event
 * loop between them, so a sync never keeps the core from answering the UI for
 * long (issue goal: 50 ms at most). better-sqlite3 is synchronous: a
 * transaction of a thousand headers with their search index and threads took
 * over 100 ms on these machines. The slice size adapts to what the last
 * transaction cost, aiming well under the limit.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** What a slice should cost; half the 50 ms budget leaves room for a slow disk. */
export const TARGET_SLICE_MS = 10;
export const MIN_SLICE = 25;
export const MAX_SLICE = 1000;

export interface SliceClock {
  now(): number;
}

const monotonic: SliceClock = { now: () => performance.now() };

/**
 * Calls `write` on consecutive slices of `items`, from the end when `fromEnd`
 * (the newest UIDs first), each call expected to be one transaction. Returns
 * the size the next slice should have, for a caller writing several lists.
 */
export async function writeInSlices<T>(
  items: readonly T[],
  write: (slice: readonly T[]) => void,
  options: {
    fromEnd?: boolean;
    firstSize?: number;
    clock?: SliceClock;
    /** Awaited between slices instead of a bare turn of the event loop (the core paces its checkpoints there). */
    pause?: (() => Promise<void>) | undefined;
  } = {},
): Promise<number> {
  const clock = options.clock ?? monotonic;
  let size = Math.max(MIN_SLICE, Math.min(MAX_SLICE, options.firstSize ?? 200));
  let done = 0;
  while (done < items.length) {
    const take = Math.min(size, items.length - done);
    const slice = options.fromEnd
      ? items.slice(items.length - done - take, items.length - done)
      : items.slice(done, done + take);
    const started = clock.now();
    write(slice);
    const elapsed = Math.max(0.1, clock.now() - started);
    done += take;
    // Grow at most twofold a step (neighbouring slices vary threefold in cost), shrink at once.
    const next = Math.round(take * Math.min(2, Math.max(0.25, TARGET_SLICE_MS / elapsed)));
    size = Math.max(MIN_SLICE, Math.min(MAX_SLICE, next));
    if (done < items.length) await (options.pause ?? yieldToEventLoop)();
  }
  return size;
}
