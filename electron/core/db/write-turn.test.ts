import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { TurnFixtureData } from './write-turn.fixture.ts';
import { createWriteTurnBuffer, WriteTurn } from './write-turn.ts';

const fixture = new URL('./write-turn.fixture.ts', import.meta.url);
const running: Array<{ worker: Worker; counters: Int32Array }> = [];

async function writerThread(turn: SharedArrayBuffer, options: Partial<TurnFixtureData> = {}) {
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const data: TurnFixtureData = {
    turn,
    counters: counters.buffer,
    holdMs: 5,
    ...options,
  };
  const worker = new Worker(fixture, { workerData: data });
  running.push({ worker, counters });
  await once(worker, 'message');
  return { worker, counters };
}

afterEach(async () => {
  for (const { worker, counters } of running.splice(0)) {
    Atomics.store(counters, 1, 1);
    Atomics.notify(counters, 1);
    await worker.terminate();
  }
});

/** Lets the other thread run for a while without blocking this one's event loop. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the write turn', () => {
  it('is never held by both threads, and a waiting main thread goes before the writer takes another turn', async () => {
    const buffer = createWriteTurnBuffer();
    const { counters } = await writerThread(buffer, { holdMs: 5 });
    const main = new WriteTurn(buffer, 'main');
    const cells = new Int32Array(buffer);
    const takenWhileWaiting: number[] = [];
    for (let i = 0; i < 40; i++) {
      await sleep(10);
      const before = Atomics.load(counters, 0);
      main.hold(() => {
        // Ours alone: the owner cell names the main thread.
        expect(Atomics.load(cells, 0)).toBe(1);
        takenWhileWaiting.push(Atomics.load(counters, 0) - before);
        const during = Atomics.load(counters, 0);
        const end = performance.now() + 2;
        while (performance.now() < end);
        // The writer did not start a turn while the main thread held it.
        expect(Atomics.load(counters, 0)).toBe(during);
      });
    }
    // The writer kept writing between the main thread's turns…
    expect(Atomics.load(counters, 0)).toBeGreaterThanOrEqual(20);
    // …but at most the turn it was already taking when the main thread came: never a new one.
    expect(Math.max(...takenWhileWaiting)).toBeLessThanOrEqual(1);
  });

  it('is held once by nested holds on the same thread', () => {
    const buffer = createWriteTurnBuffer();
    const main = new WriteTurn(buffer, 'main');
    const inner = main.hold(() => main.hold(() => Atomics.load(new Int32Array(buffer), 0)));
    expect(inner).toBe(1);
    expect(Atomics.load(new Int32Array(buffer), 0)).toBe(0);
  });

  it('is taken over, with a warning, from a thread that never gives it back', async () => {
    const buffer = createWriteTurnBuffer();
    const { worker } = await writerThread(buffer, { neverRelease: true });
    await once(worker, 'message'); // "holding"
    let takenOver = 0;
    const main = new WriteTurn(buffer, 'main', { waitLimitMs: 200, onTakeover: () => takenOver++ });
    expect(main.hold(() => 'written')).toBe('written');
    expect(takenOver).toBe(1);
  });
});
