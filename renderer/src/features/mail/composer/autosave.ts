/**
 * Draft autosave: a save a few seconds after the user stops typing, but at
 * least every MAX_WAIT while they keep typing (a long paragraph must not stay
 * unsaved), one save in flight at a time, and a flush on close. Knows nothing
 * of drafts: it calls `save` and is tested with fake timers.
 */

/** Quiet time after the last keystroke before saving. */
export const AUTOSAVE_DELAY_MS = 3_000;
/** Longest a change waits while the user keeps typing. */
export const AUTOSAVE_MAX_WAIT_MS = 15_000;

export class Autosave {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstChangeAt: number | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly delayMs = AUTOSAVE_DELAY_MS,
    private readonly maxWaitMs = AUTOSAVE_MAX_WAIT_MS,
  ) {}

  /** Something changed: (re)start the quiet-time wait, within the max wait. */
  changed(): void {
    this.dirty = true;
    const now = Date.now();
    this.firstChangeAt ??= now;
    const wait = Math.min(this.delayMs, this.firstChangeAt + this.maxWaitMs - now);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, wait));
  }

  get pending(): boolean {
    return this.dirty;
  }

  /** Saves now if anything changed; resolves once the latest change is saved. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // A save in flight carries an older state: wait for it, then save again if needed.
    while (this.running) await this.running;
    if (!this.dirty) return;
    this.dirty = false;
    this.firstChangeAt = undefined;
    this.running = this.save()
      .catch(() => {
        // Kept dirty: the next change or flush tries again. The caller shows the error.
        this.dirty = true;
      })
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }

  /** Stops the timer without saving (the message was sent or discarded). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    this.firstChangeAt = undefined;
  }
}
