import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LatestOnly } from './latest-only.ts';

/** A search whose answers the test releases by hand, in any order. */
function controllable() {
  const pending = new Map<string, (value: string) => void>();
  const run = vi.fn(
    (query: string) =>
      new Promise<string>((resolve) => {
        pending.set(query, resolve);
      }),
  );
  return { run, answer: (query: string) => pending.get(query)?.(`résultats de ${query}`) };
}

describe('LatestOnly', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('keystrokes within the delay make one request, for the last text', async () => {
    const { run, answer } = controllable();
    const runner = new LatestOnly(run, 150);
    const shown: string[] = [];
    for (const text of ['c', 'co', 'con']) runner.request(text, (out) => shown.push(out), vi.fn());
    await vi.advanceTimersByTimeAsync(149);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run.mock.calls).toEqual([['con']]);
    answer('con');
    await vi.runAllTimersAsync();
    expect(shown).toEqual(['résultats de con']);
  });

  test('an answer overtaken by a newer request is dropped, even when it arrives last', async () => {
    const { run, answer } = controllable();
    const runner = new LatestOnly(run, 150);
    const shown: string[] = [];
    runner.request('con', (out) => shown.push(out), vi.fn());
    await vi.advanceTimersByTimeAsync(150);
    runner.request('conseil', (out) => shown.push(out), vi.fn());
    await vi.advanceTimersByTimeAsync(150);
    answer('conseil');
    answer('con');
    await vi.runAllTimersAsync();
    expect(shown).toEqual(['résultats de conseil']);
  });

  test('cancel forgets the pending request and the answer on its way', async () => {
    const { run, answer } = controllable();
    const runner = new LatestOnly(run, 150);
    const onAnswer = vi.fn();
    runner.request('a', onAnswer, vi.fn());
    await vi.advanceTimersByTimeAsync(150);
    runner.request('b', onAnswer, vi.fn());
    runner.cancel();
    await vi.advanceTimersByTimeAsync(500);
    answer('a');
    await vi.runAllTimersAsync();
    expect(run.mock.calls).toEqual([['a']]);
    expect(onAnswer).not.toHaveBeenCalled();
  });

  test('a zero delay runs at once, and errors reach only the latest caller', async () => {
    const runner = new LatestOnly((query: string) => Promise.reject(new Error(query)), 150);
    const onError = vi.fn();
    runner.request('x', vi.fn(), onError, 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledWith(new Error('x'));
  });
});
