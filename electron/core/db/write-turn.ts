/**
 * Whose turn it is to write to the profile database, across the core's main
 * thread and the sync's writer thread (mail/sync-writer/).
 *
 * SQLite lets one connection write at a time and makes the others wait in its
 * busy handler, which sleeps and retries at growing intervals (1, 2, 5 … 100
 * ms). Against a writer that commits back to back, those retries nearly never
 * land in the gap between two transactions: the main thread would sleep for
 * seconds. Worse, a main-thread transaction that read before it wrote fails at
 * once with SQLITE_BUSY if the other thread committed in between. So both
 * threads take this turn around every write transaction, and the main thread
 * goes first: the writer thread never starts a transaction while the main
 * thread waits, so the main thread waits at most for one of the writer's short
 * transactions (10 ms aimed, see write-slices.ts).
 *
 * The turn lives in a SharedArrayBuffer and is taken with Atomics.wait, which
 * Node allows on the main thread too. A turn held for WAIT_LIMIT_MS (a writer
 * thread that died inside a transaction) is taken over, with a warning:
 * SQLite's own locking still keeps the data right, only slower.
 */

/** Index of the owner cell (FREE, MAIN or WRITER) and of the "main thread waits" cell. */
const OWNER = 0;
const MAIN_WAITS = 1;
const FREE = 0;

export type WriteSide = 'main' | 'writer';

/** How long a side waits before it takes a turn over; far above any healthy transaction. */
export const WAIT_LIMIT_MS = 10_000;
/** Waits are cut in steps, so a lost wake-up costs one step, never a hang. */
const STEP_MS = 50;

export function createWriteTurnBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
}

export class WriteTurn {
  readonly #cells: Int32Array;
  readonly #me: number;
  readonly #waitLimitMs: number;
  readonly #onTakeover: () => void;
  #depth = 0;

  constructor(
    buffer: SharedArrayBuffer,
    side: WriteSide,
    options: { waitLimitMs?: number; onTakeover?: () => void } = {},
  ) {
    this.#cells = new Int32Array(buffer);
    this.#me = side === 'main' ? 1 : 2;
    this.#waitLimitMs = options.waitLimitMs ?? WAIT_LIMIT_MS;
    this.#onTakeover = options.onTakeover ?? (() => undefined);
  }

  /** Runs `write` holding the turn; nested calls (a statement inside a transaction) hold it once. */
  hold<T>(write: () => T): T {
    if (this.#depth > 0) return write();
    this.#acquire();
    this.#depth++;
    try {
      return write();
    } finally {
      this.#depth--;
      this.#release();
    }
  }

  #acquire(): void {
    const cells = this.#cells;
    const main = this.#me === 1;
    const deadline = performance.now() + this.#waitLimitMs;
    if (main) Atomics.store(cells, MAIN_WAITS, 1);
    for (;;) {
      // The writer thread lets a waiting main thread go first.
      if (!main) while (Atomics.load(cells, MAIN_WAITS) === 1) Atomics.wait(cells, MAIN_WAITS, 1, STEP_MS);
      const owner = Atomics.compareExchange(cells, OWNER, FREE, this.#me);
      if (owner === FREE) break;
      const left = deadline - performance.now();
      if (left <= 0) {
        Atomics.store(cells, OWNER, this.#me);
        this.#onTakeover();
        break;
      }
      Atomics.wait(cells, OWNER, owner, Math.min(left, STEP_MS));
    }
    if (main) {
      Atomics.store(cells, MAIN_WAITS, 0);
      Atomics.notify(cells, MAIN_WAITS);
    }
  }

  #release(): void {
    // Only if still ours: a turn taken over is not freed by the side that lost it.
    Atomics.compareExchange(this.#cells, OWNER, this.#me, FREE);
    Atomics.notify(this.#cells, OWNER);
  }
}
