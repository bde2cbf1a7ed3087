/**
 * Runs the newest request only: calls are debounced, and an answer that
 * arrives after a newer request was made is dropped, so typing "conseil"
 * never shows the results of "con" last. Pure (timers injected) for tests.
 */

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class LatestOnly<Input, Output> {
  readonly #run: (input: Input) => Promise<Output>;
  readonly #delayMs: number;
  readonly #timers: Timers;
  #timer: unknown;
  #generation = 0;

  constructor(run: (input: Input) => Promise<Output>, delayMs: number, timers: Timers = realTimers) {
    this.#run = run;
    this.#delayMs = delayMs;
    this.#timers = timers;
  }

  /**
   * Schedules `input`; `onAnswer` / `onError` are called only if no later call
   * (or cancel) came first. A zero delay runs at once (Enter, a saved search).
   */
  request(
    input: Input,
    onAnswer: (output: Output) => void,
    onError: (error: unknown) => void,
    delayMs = this.#delayMs,
  ): void {
    this.cancel();
    const generation = this.#generation;
    const go = () => {
      this.#timer = undefined;
      this.#run(input).then(
        (output) => {
          if (generation === this.#generation) onAnswer(output);
        },
        (error: unknown) => {
          if (generation === this.#generation) onError(error);
        },
      );
    };
    if (delayMs <= 0) go();
    else this.#timer = this.#timers.set(go, delayMs);
  }

  /** Forgets the pending call and any answer still on its way. */
  cancel(): void {
    this.#generation += 1;
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timer = undefined;
  }
}
