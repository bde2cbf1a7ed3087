/**
 * What a sync asks its writer to store, and how one request becomes short
 * transactions. The same code runs in the writer thread and, when there is
 * none (an in-memory database, a worker that failed), on the core's thread.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FlagChange, MessageHeaders } from '../model.ts';
import { writeInSlices } from '../write-slices.ts';
import {
  applyFlagSlice,
  foldCorrespondentSlice,
  removeSlice,
  writeHeaderSlice,
  type SyncStore,
} from './slice-writes.ts';

export type SyncWrite =
  | {
      kind: 'headers';
      folderId: string;
      /** Sorted by UID; stored newest first, so a killed sync resumes below what it wrote. */
      headers: MessageHeaders[];
      /** First sync only: the lowest UID this batch covers (see writeHeaderSlice). */
      resumeBelow?: number | undefined;
      /** One transaction for the whole request: the first screen of a folder shows at once. */
      oneTransaction?: boolean;
    }
  | { kind: 'flags'; folderId: string; changes: FlagChange[] }
  | { kind: 'remove'; folderId: string; uids: number[] }
  /** The people newly stored mail names, for address suggestions (compose/correspondent-index.ts). */
  | { kind: 'correspondents' };

export interface SyncWriter {
  /** Stores `request`; `onCommitted` after each transaction. Resolves to the rows written or changed. */
  write(request: SyncWrite, onCommitted?: () => void): Promise<number>;
}

export interface SliceRunner {
  /** Around each transaction (the write turn, in the writer thread). */
  hold: <T>(write: () => T) => T;
  /** Between two transactions. */
  pause?: (() => Promise<void>) | undefined;
  /**
   * True when background work (the correspondents) should stop between two slices: the core
   * closes, or a sync's request is waiting. The core asks for the fold again while messages
   * wait (CorrespondentIndex.schedule), so during a first sync the headers get the thread and
   * the fold its idle moments.
   */
  yieldNow?: () => boolean;
}

/** Runs one request as a series of transactions; the slice size carries over between requests. */
export class SyncWriteRunner {
  readonly #store: SyncStore;
  readonly #runner: SliceRunner;
  #sliceSize = 200;

  constructor(store: SyncStore, runner: SliceRunner) {
    this.#store = store;
    this.#runner = runner;
  }

  async run(request: SyncWrite, onCommitted: () => void): Promise<number> {
    const { hold, pause } = this.#runner;
    const store = this.#store;
    let count = 0;
    if (request.kind === 'correspondents') {
      const yieldNow = this.#runner.yieldNow ?? (() => false);
      for (;;) {
        const folded = hold(() => foldCorrespondentSlice(store));
        count += folded;
        if (folded === 0) break;
        onCommitted();
        await (pause ?? yieldToEventLoop)();
        if (yieldNow()) break;
      }
      return count;
    }
    const folderId = request.folderId;
    if (request.kind === 'headers') {
      const { headers, resumeBelow } = request;
      if (headers.length === 0) {
        if (resumeBelow !== undefined) hold(() => writeHeaderSlice(store, folderId, [], resumeBelow));
        return 0;
      }
      this.#sliceSize = await writeInSlices(
        headers,
        (slice) => {
          count += slice.length;
          // The last slice covers UIDs the server expunged since the SEARCH as well.
          const below =
            resumeBelow === undefined ? undefined : count === headers.length ? resumeBelow : slice[0]?.uid;
          hold(() => writeHeaderSlice(store, folderId, slice, below));
          onCommitted();
        },
        {
          fromEnd: true,
          firstSize: request.oneTransaction ? headers.length : this.#sliceSize,
          pause,
        },
      );
      return count;
    }
    // Flag changes and expunges: each slice counts the rows it changed.
    const sliceEach = <I>(items: readonly I[], write: (slice: readonly I[]) => number) =>
      writeInSlices(
        items,
        (slice) => {
          count += hold(() => write(slice));
          onCommitted();
        },
        { pause },
      );
    if (request.kind === 'flags')
      await sliceEach(request.changes, (slice) => applyFlagSlice(store, folderId, slice));
    else await sliceEach(request.uids, (slice) => removeSlice(store, folderId, slice));
    return count;
  }
}

/** The writer on the caller's own connection: what runs without a writer thread. */
export function inlineSyncWriter(store: SyncStore, pause?: () => Promise<void>): SyncWriter {
  const runner = new SyncWriteRunner(store, { hold: (write) => write(), pause });
  let queue: Promise<unknown> = Promise.resolve();
  return {
    write(request, onCommitted = () => undefined) {
      // One request at a time, in order, as the writer thread does.
      const done = queue.then(() => runner.run(request, onCommitted));
      queue = done.catch(() => undefined);
      return done;
    },
  };
}
