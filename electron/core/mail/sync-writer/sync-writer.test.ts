import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { sampleHeaders } from '../../testing/headers.ts';
import { recordingLogger } from '../../testing/logger.ts';
import type { MessageHeaders } from '../model.ts';
import { createWriteTurnBuffer } from '../../db/write-turn.ts';
import { inlineSyncWriter, openSyncWriter, syncStore, type CoreSyncWriter } from './index.ts';
import { startSyncWriter } from './sync-writer.ts';

function headers(from: number, to: number): MessageHeaders[] {
  const out: MessageHeaders[] = [];
  for (let uid = from; uid <= to; uid++)
    out.push(
      sampleHeaders(uid, {
        modseq: BigInt(uid),
        flags: uid % 2 ? ['\\Seen'] : [],
        subject: `Conseil de classe ${uid}`,
        from: { name: `Élève ${uid % 7}`, address: `eleve${uid % 7}@ac-lyon.fr` },
        to: [{ name: 'Mme Durand', address: 'durand@ac-lyon.fr' }],
        messageId: `<m${uid}@ac-lyon.fr>`,
      }),
    );
  return out;
}

const open: Array<{ db: Database; writer: CoreSyncWriter }> = [];

function profile(log = recordingLogger()): { db: Database; writer: CoreSyncWriter } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-writer-')), 'cartable.sqlite');
  const db = openDatabase(file);
  const writer = openSyncWriter(db, file, log, undefined);
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@ac-lyon.fr', '{}', NULL, 'now', NULL)").run();
  db.prepare(
    "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES ('f', 'a', 'INBOX', 'INBOX', '/', 1)",
  ).run();
  open.push({ db, writer });
  return { db, writer };
}

afterEach(async () => {
  for (const { db, writer } of open.splice(0)) {
    await writer.stop();
    db.close();
  }
});

const count = (db: Database, sql: string) => db.prepare<[], { n: number }>(sql).get()?.n;

describe('the sync writer thread', () => {
  it('stores headers newest first in several commits, with their resume point, search index and threads', async () => {
    const { db, writer } = profile();
    let commits = 0;
    const written = await writer.write(
      { kind: 'headers', folderId: 'f', headers: headers(1, 3000), resumeBelow: 1 },
      () => commits++,
    );
    expect(written).toBe(3000);
    // Several transactions, each announced: the list refreshes while a batch is stored.
    expect(commits).toBeGreaterThan(1);
    // What the thread committed, the core's own connection reads as soon as the write resolves.
    expect(count(db, "SELECT count(*) AS n FROM messages WHERE folder_id = 'f'")).toBe(3000);
    expect(count(db, 'SELECT count(*) AS n FROM messages WHERE thread_id IS NULL')).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM message_search WHERE message_search MATCH 'conseil'")).toBe(
      3000,
    );
    expect(db.prepare("SELECT initial_low_uid AS low FROM folders WHERE id = 'f'").get()).toEqual({ low: 1 });
    expect(writer.threaded).toBe(true);
  });

  it('applies flag changes and expunges, and reports how many rows each changed', async () => {
    const { db, writer } = profile();
    await writer.write({ kind: 'headers', folderId: 'f', headers: headers(1, 100) });
    const changes = headers(1, 100).map((h) => ({ uid: h.uid, modseq: 500n, flags: ['\\Flagged'] }));
    expect(await writer.write({ kind: 'flags', folderId: 'f', changes })).toBe(100);
    // Already applied: nothing changes the second time.
    expect(await writer.write({ kind: 'flags', folderId: 'f', changes })).toBe(0);
    expect(await writer.write({ kind: 'remove', folderId: 'f', uids: [1, 2, 3, 999] })).toBe(3);
    expect(count(db, 'SELECT count(*) AS n FROM messages WHERE flagged = 1')).toBe(97);
  });

  it('folds the people of stored mail into the correspondents', async () => {
    const { db, writer } = profile();
    await writer.write({ kind: 'headers', folderId: 'f', headers: headers(1, 700) });
    expect(await writer.write({ kind: 'correspondents' })).toBe(700);
    expect(count(db, 'SELECT count(*) AS n FROM correspondents_pending')).toBe(0);
    // Seven senders and the one recipient.
    expect(count(db, 'SELECT count(*) AS n FROM correspondents')).toBe(8);
  });

  it('stops folding correspondents when a sync’s request waits, and finishes later', async () => {
    const { db, writer } = profile();
    await writer.write({ kind: 'headers', folderId: 'f', headers: headers(1, 2000) });
    const fold = writer.write({ kind: 'correspondents' });
    const sync = writer.write({ kind: 'headers', folderId: 'f', headers: headers(2001, 2010) });
    const [folded, stored] = await Promise.all([fold, sync]);
    expect(stored).toBe(10);
    expect(folded).toBeLessThan(2000);
    expect(count(db, 'SELECT count(*) AS n FROM correspondents_pending')).toBe(2010 - folded);
    expect(await writer.write({ kind: 'correspondents' })).toBe(2010 - folded);
  });

  it('rejects a failed write with SQLite’s code, and keeps writing afterwards', async () => {
    const { db, writer } = profile();
    const failed = writer.write({ kind: 'headers', folderId: 'no-such-folder', headers: headers(1, 5) });
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(await writer.write({ kind: 'headers', folderId: 'f', headers: headers(1, 5) })).toBe(5);
    expect(count(db, 'SELECT count(*) AS n FROM messages')).toBe(5);
  });
});

describe('without its thread', () => {
  it('writes on the core’s connection, with a warning, when the thread cannot start', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-writer-')), 'cartable.sqlite');
    const db = openDatabase(file);
    db.prepare("INSERT INTO accounts VALUES ('a', 'a@ac-lyon.fr', '{}', NULL, 'now', NULL)").run();
    db.prepare(
      "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES ('f', 'a', 'INBOX', 'INBOX', '/', 1)",
    ).run();
    const log = recordingLogger();
    let fellBack = 0;
    const writer = startSyncWriter(
      { file, turn: createWriteTurnBuffer() },
      inlineSyncWriter(syncStore(db)),
      log,
      {
        url: new URL('file:///nonexistent/sync-writer-worker.js'),
        onFallback: () => fellBack++,
      },
    );
    open.push({ db, writer });
    for (let i = 0; i < 200 && writer.threaded; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(writer.threaded).toBe(false);
    expect(fellBack).toBe(1);
    expect(log.warned).toEqual(['sync writer thread stopped: writing on the core thread']);
    expect(await writer.write({ kind: 'headers', folderId: 'f', headers: headers(1, 50) })).toBe(50);
    expect(count(db, 'SELECT count(*) AS n FROM messages')).toBe(50);
  });
});
