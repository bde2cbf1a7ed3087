import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionPool, type PooledSession } from './session-pool.ts';

/** A session as the pool sees one: whether it still works, and how it ended. */
class FakeSession implements PooledSession {
  usable = true;
  ended: 'logout' | 'destroyed' | undefined;
  readonly serial: number;
  constructor(serial: number) {
    this.serial = serial;
  }
  close(): Promise<void> {
    this.ended ??= 'logout';
    this.usable = false;
    return Promise.resolve();
  }
  destroy(): void {
    this.ended ??= 'destroyed';
    this.usable = false;
  }
}

const KEEP_MS = 60_000;

function pool() {
  const opened: FakeSession[] = [];
  const sessions = new SessionPool<FakeSession>({
    keepMs: KEEP_MS,
    open: () => {
      const session = new FakeSession(opened.length + 1);
      opened.push(session);
      return Promise.resolve(session);
    },
  });
  /** The serial number of the session a task ran on. */
  const serialOf = (accountId = 'a') => sessions.use(accountId, (s) => Promise.resolve(s.serial));
  /** A task that holds its session until released. */
  const held = (accountId = 'a') => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const done = sessions.use(accountId, (s) => {
      started();
      return new Promise<number>((resolve) => (release = () => resolve(s.serial)));
    });
    return { begun, done, release: () => release() };
  };
  return { sessions, opened, serialOf, held };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SessionPool', () => {
  it('lends the session a previous task left open, per account', async () => {
    const { sessions, opened, serialOf } = pool();
    expect(await serialOf('a')).toBe(1);
    expect(await serialOf('a')).toBe(1);
    expect(await serialOf('b')).toBe(2);
    expect(sessions.opened('a')).toBe(1);
    expect(opened.every((s) => s.ended === undefined)).toBe(true);
  });

  it('logs out a session nobody borrowed for the keep time, and opens a new one after', async () => {
    const { opened, serialOf } = pool();
    await serialOf();
    vi.advanceTimersByTime(KEEP_MS - 1);
    expect(opened[0]?.ended).toBeUndefined();
    expect(await serialOf()).toBe(1);
    // Borrowing again restarted the clock.
    vi.advanceTimersByTime(KEEP_MS);
    expect(opened[0]?.ended).toBe('logout');
    expect(await serialOf()).toBe(2);
  });

  it('drops a session whose task failed, without LOGOUT, and never lends it again', async () => {
    const { sessions, opened, serialOf } = pool();
    await expect(sessions.use('a', () => Promise.reject(new Error('connection reset')))).rejects.toThrow(
      'connection reset',
    );
    expect(opened[0]?.ended).toBe('destroyed');
    expect(await serialOf()).toBe(2);
  });

  it('opens a new session when the kept one was ended by the server meanwhile', async () => {
    const { opened, serialOf } = pool();
    await serialOf();
    (opened[0] as FakeSession).usable = false; // BYE, or the socket closed
    expect(await serialOf()).toBe(2);
    expect(opened[0]?.ended).toBe('destroyed');
  });

  it('never keeps a session opened before the account changed, even one lent at the time', async () => {
    const { sessions, opened, serialOf, held } = pool();
    await serialOf();
    sessions.invalidate('a');
    expect(opened[0]?.ended).toBe('logout');

    const running = held();
    await running.begun;
    sessions.invalidate('a'); // password changed while a sync was running
    running.release();
    expect(await running.done).toBe(2);
    expect(opened[1]?.ended).toBe('logout');
    expect(await serialOf()).toBe(3);
  });

  it('gives a second borrower its own session and keeps only one of the two', async () => {
    const { opened, serialOf, held } = pool();
    const first = held();
    await first.begun;
    const second = await serialOf();
    first.release();
    expect([await first.done, second]).toEqual([1, 2]);
    // The second came back first and was kept; the first found the place taken.
    expect(opened.map((s) => s.ended)).toEqual(['logout', undefined]);
  });

  it('logs out kept sessions at close, and those returned after it', async () => {
    const { sessions, opened, serialOf, held } = pool();
    await serialOf('a');
    const running = held('b');
    await running.begun;
    await sessions.close();
    expect(opened[0]?.ended).toBe('logout');
    running.release();
    await running.done;
    expect(opened[1]?.ended).toBe('logout');
  });
});
