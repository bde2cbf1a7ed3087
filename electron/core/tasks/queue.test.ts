import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CartableError } from '../../../shared/contract/index.ts';
import { openDatabase } from '../db/database.ts';
import { createConsoleLogger } from '../log.ts';
import type { Clock } from '../ports.ts';
import { insertTaskRow, MAX_ATTEMPTS, TaskQueue } from './queue.ts';
import { systemClock } from '../ports.ts';

const logger = createConsoleLogger('error', () => undefined);
const payload = z.object({ n: z.number() });

function manualClock(start = Date.parse('2026-09-01T08:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

describe('TaskQueue', () => {
  it('runs a queued task once and marks it done', async () => {
    const db = openDatabase(':memory:');
    const seen: number[] = [];
    const queue = new TaskQueue({ db, clock: manualClock(), logger, onChanged: () => undefined });
    queue.register('count', payload, ({ n }) => Promise.resolve(void seen.push(n)));
    queue.start();
    queue.enqueue('count', { n: 7 });
    await queue.idle();
    expect(seen).toEqual([7]);
    expect(queue.list().map((t) => t.state)).toEqual(['done']);
    await queue.close();
  });

  it('runs again, after a restart, a task a crash left running', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-q-')), 'q.sqlite');
    const first = openDatabase(file);
    const clock = manualClock();
    const queue = new TaskQueue({ db: first, clock, logger, onChanged: () => undefined });
    // A handler that never finishes stands for a process killed mid-task.
    queue.register('slow', payload, () => new Promise<void>(() => undefined));
    queue.start();
    queue.enqueue('slow', { n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queue.list()[0]?.state).toBe('running');
    first.close();

    const second = openDatabase(file);
    const ran: number[] = [];
    const restarted = new TaskQueue({ db: second, clock, logger, onChanged: () => undefined });
    restarted.register('slow', payload, ({ n }) => Promise.resolve(void ran.push(n)));
    restarted.start();
    await restarted.idle();
    expect(ran).toEqual([1]);
    expect(restarted.list()[0]).toMatchObject({ state: 'done', attempts: 2 });
    await restarted.close();
    second.close();
  });

  it('retries a network failure later with backoff, then succeeds', async () => {
    const db = openDatabase(':memory:');
    const clock = manualClock();
    let calls = 0;
    const queue = new TaskQueue({ db, clock, logger, onChanged: () => undefined });
    queue.register('flaky', payload, () => {
      calls++;
      return calls < 3 ? Promise.reject(new CartableError('NETWORK')) : Promise.resolve();
    });
    queue.start();
    queue.enqueue('flaky', { n: 1 });
    await queue.idle();
    expect(queue.list()[0]).toMatchObject({ state: 'pending', attempts: 1, error: { code: 'NETWORK' } });
    clock.advance(1_000);
    queue.kick();
    await queue.idle();
    expect(calls).toBe(1); // not due yet: the first backoff is 2 s
    for (let i = 0; i < 2; i++) {
      clock.advance(10_000);
      queue.kick();
      await queue.idle();
    }
    expect(calls).toBe(3);
    expect(queue.list()[0]).toMatchObject({ state: 'done', attempts: 3 });
    await queue.close();
  });

  it('gives up on a lasting failure and keeps its error visible', async () => {
    const db = openDatabase(':memory:');
    const clock = manualClock();
    const queue = new TaskQueue({ db, clock, logger, onChanged: () => undefined });
    queue.register('denied', payload, () =>
      Promise.reject(new CartableError('AUTH_FAILED', { service: 'imap' })),
    );
    queue.register('down', payload, () => Promise.reject(new CartableError('TIMEOUT')));
    queue.start();
    queue.enqueue('denied', { n: 1 });
    await queue.idle();
    expect(queue.list()[0]).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'AUTH_FAILED' } });
    queue.enqueue('down', { n: 2 });
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      clock.advance(60 * 60_000);
      queue.kick();
      await queue.idle();
    }
    const down = queue.list().find((t) => t.kind === 'down');
    expect(down).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, error: { code: 'TIMEOUT' } });
    await queue.close();
  });

  it('announces a row written in a caller’s transaction after the commit, and runs it when due', async () => {
    const db = openDatabase(':memory:');
    const changes: Array<{ kind: string; state: string }> = [];
    const ran: number[] = [];
    const queue = new TaskQueue({
      db,
      clock: systemClock,
      logger,
      onChanged: ({ kind, state }) => void changes.push({ kind, state }),
    });
    queue.register('later', payload, ({ n }) => Promise.resolve(void ran.push(n)));
    queue.start();
    const writtenAt = Date.now();
    db.transaction(() => {
      insertTaskRow(db, 'later', { n: 1 }, new Date(writtenAt + 150), new Date(writtenAt));
      // Nothing may be announced before the commit: the caller could still roll back.
      expect(changes).toEqual([]);
    })();
    await Promise.resolve();
    expect(changes).toEqual([{ kind: 'later', state: 'pending' }]);
    expect(ran).toEqual([]); // not due yet

    // Nobody kicks the queue: its own timer must cover the row's run time.
    const until = Date.now() + 5_000;
    while (ran.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([1]);
    expect(Date.now() - writtenAt).toBeGreaterThanOrEqual(150);
    expect(changes.map((c) => c.state)).toEqual(['pending', 'running', 'done']);
    await queue.close();
  });

  it('never announces a row a rollback took back', async () => {
    const db = openDatabase(':memory:');
    const changes: string[] = [];
    const queue = new TaskQueue({
      db,
      clock: manualClock(),
      logger,
      onChanged: ({ taskId }) => void changes.push(taskId),
    });
    queue.register('count', payload, () => Promise.resolve());
    queue.start();
    const now = new Date();
    expect(() =>
      db.transaction(() => {
        insertTaskRow(db, 'count', { n: 1 }, now, now);
        throw new Error('the caller changed its mind');
      })(),
    ).toThrow('changed its mind');
    await new Promise((resolve) => setImmediate(resolve));
    expect(changes).toEqual([]);
    expect(queue.list()).toEqual([]);
    await queue.close();
  });

  it('announces an enqueued task as pending before it runs', async () => {
    const db = openDatabase(':memory:');
    const states: string[] = [];
    const queue = new TaskQueue({
      db,
      clock: manualClock(),
      logger,
      onChanged: ({ state }) => void states.push(state),
    });
    queue.register('count', payload, () => Promise.resolve());
    queue.start();
    queue.enqueue('count', { n: 1 });
    await queue.idle();
    expect(states).toEqual(['pending', 'running', 'done']);
    await queue.close();
  });

  it('refuses a payload its kind does not accept', () => {
    const db = openDatabase(':memory:');
    const queue = new TaskQueue({ db, clock: manualClock(), logger, onChanged: () => undefined });
    queue.register('count', payload, () => Promise.resolve());
    expect(() => queue.enqueue('count', { n: 'x' })).toThrow();
    expect(queue.list()).toEqual([]);
  });
});
