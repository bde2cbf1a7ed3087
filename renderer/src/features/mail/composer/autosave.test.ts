import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave } from './autosave.ts';

describe('draft autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, after the typing stops', async () => {
    const save = vi.fn(() => Promise.resolve());
    const autosave = new Autosave(save, 3000, 15000);
    for (let i = 0; i < 5; i++) {
      autosave.changed();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves during a long stretch of typing, at the max wait', async () => {
    const save = vi.fn(() => Promise.resolve());
    const autosave = new Autosave(save, 3000, 10000);
    for (let i = 0; i < 12; i++) {
      autosave.changed();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('flushes at once on close, and not when nothing changed', async () => {
    const save = vi.fn(() => Promise.resolve());
    const autosave = new Autosave(save);
    await autosave.flush();
    expect(save).not.toHaveBeenCalled();
    autosave.changed();
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('never runs two saves at once, and saves a change made during a save', async () => {
    let release: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const save = vi.fn(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (release = resolve));
      running--;
    });
    const autosave = new Autosave(save, 100, 1000);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(100);
    autosave.changed();
    const flushed = autosave.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await flushed;
    expect(save).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('tries again after a failed save', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const autosave = new Autosave(save as () => Promise<void>);
    autosave.changed();
    await autosave.flush();
    expect(autosave.pending).toBe(true);
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(autosave.pending).toBe(false);
  });

  it('forgets changes once cancelled', async () => {
    const save = vi.fn(() => Promise.resolve());
    const autosave = new Autosave(save);
    autosave.changed();
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(60_000);
    await autosave.flush();
    expect(save).not.toHaveBeenCalled();
  });
});
