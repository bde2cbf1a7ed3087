import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { guardWrites } from './guarded-writes.ts';
import type { TurnFixtureData } from './write-turn.fixture.ts';
import { createWriteTurnBuffer, WriteTurn } from './write-turn.ts';

const fixture = new URL('./write-turn.fixture.ts', import.meta.url);
const cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

/** A profile database with a log table, and a writer thread committing to it back to back. */
async function busyProfile(guarded: boolean): Promise<Database> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-turn-')), 'cartable.sqlite');
  const db = openDatabase(file, []);
  db.exec('CREATE TABLE log (id INTEGER PRIMARY KEY, who TEXT NOT NULL)');
  const turn = createWriteTurnBuffer();
  if (guarded) guardWrites(db, new WriteTurn(turn, 'main'));
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const data: TurnFixtureData = { turn, counters: counters.buffer, holdMs: 4, file };
  const worker = new Worker(fixture, { workerData: data });
  await once(worker, 'message');
  cleanup.push(async () => {
    Atomics.store(counters, 1, 1);
    await once(worker, 'exit');
    db.close();
  });
  return db;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A transaction that reads, then writes what it read: the pattern SQLite refuses mid-way when another connection committed in between. */
function readThenWrite(db: Database): void {
  db.transaction(() => {
    const { n } = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM log WHERE who = 'main'").get() ?? {
      n: 0,
    };
    const end = performance.now() + 2;
    while (performance.now() < end);
    db.prepare('INSERT INTO log (who) VALUES (?)').run(n >= 0 ? 'main' : 'never');
  })();
}

describe('writes guarded by the write turn', () => {
  it('a read-then-write transaction of the core always commits while a writer thread commits back to back', async () => {
    const db = await busyProfile(true);
    for (let i = 0; i < 30; i++) {
      readThenWrite(db);
      // A statement outside any transaction takes the turn too.
      db.prepare('INSERT INTO log (who) VALUES (?)').run('main');
      await sleep(2);
    }
    const rows = db
      .prepare<[], { who: string; n: number }>('SELECT who, count(*) AS n FROM log GROUP BY who')
      .all();
    expect(Object.fromEntries(rows.map((r) => [r.who, r.n]))).toMatchObject({ main: 60 });
    expect(rows.find((r) => r.who === 'writer')?.n ?? 0).toBeGreaterThan(0);
  });

  it('without the guard, the same transactions fail with SQLITE_BUSY (what the guard is for)', async () => {
    const db = await busyProfile(false);
    const failures: string[] = [];
    for (let i = 0; i < 30 && failures.length === 0; i++) {
      try {
        readThenWrite(db);
      } catch (error) {
        failures.push(String((error as { code?: unknown }).code));
      }
      await sleep(2);
    }
    expect(failures[0]).toMatch(/^SQLITE_BUSY/);
  });
});
