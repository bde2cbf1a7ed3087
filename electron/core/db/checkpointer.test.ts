import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger } from '../testing/logger.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { openDatabase, type Database } from './database.ts';

const ROW = 'x'.repeat(4000); // about one page per row

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(check()).toBe(true);
}

const open: Array<{ db: Database; checkpoints?: Checkpointer }> = [];

function profile(): { db: Database; file: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-ckpt-')), 'cartable.sqlite');
  const db = openDatabase(file, []);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  open.push({ db });
  return { db, file };
}

function fill(db: Database, rows: number): void {
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(ROW);
  })();
}

afterEach(async () => {
  for (const { db, checkpoints } of open.splice(0)) {
    await checkpoints?.stop();
    if (db.open) db.close();
  }
});

describe('background checkpoints', () => {
  it('the main connection never checkpoints; the worker copies the WAL into the database file', async () => {
    const { db, file } = profile();
    const checkpoints = startCheckpointer(db, file, recordingLogger(), { timerIntervalMs: 50 });
    open[0] = { db, checkpoints };
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    // 3000 pages: past SQLite's 1000-page automatic checkpoint, which the main connection no longer does.
    for (let i = 0; i < 30; i++) fill(db, 100);
    await until(() => checkpoints.checkpointed >= 3000);
    expect(statSync(file).size).toBeGreaterThan(before + 3000 * 4096);
  });

  it('a paced writer keeps the WAL small: each round copies everything and the next commit restarts it', async () => {
    const { db, file } = profile();
    // No timer rounds: only the pauses checkpoint.
    const checkpoints = startCheckpointer(db, file, recordingLogger(), {
      pacedIntervalMs: 0,
      timerIntervalMs: 3_600_000,
    });
    open[0] = { db, checkpoints };
    for (let i = 0; i < 100; i++) {
      fill(db, 100); // ~400 KB a slice, 40 MB in all
      await checkpoints.pause();
    }
    // Without the paced rounds the WAL file would hold all 40 MB.
    expect(statSync(`${file}-wal`).size).toBeLessThan(4 * 1024 * 1024);
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 10_000 });
  });

  it('falls back to automatic checkpoints, with a warning, when the worker cannot run', async () => {
    const { db, file } = profile();
    const log = recordingLogger();
    const missing = new URL('file:///nonexistent/checkpoint-worker.js');
    const checkpoints = startCheckpointer(db, file, log, { url: missing, pacedIntervalMs: 0 });
    open[0] = { db, checkpoints };
    await until(() => log.warned.length > 0);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // A pause never waits for a worker that is gone.
    await checkpoints.pause();
  });

  it('stop closes the worker’s connection, and the database then closes cleanly', async () => {
    const { db, file } = profile();
    const checkpoints = startCheckpointer(db, file, recordingLogger(), { timerIntervalMs: 50 });
    fill(db, 100);
    await checkpoints.stop();
    db.close();
    // The last connection to close checkpoints and removes the WAL: none was left open.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
