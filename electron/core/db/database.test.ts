import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CartableError } from '../../../shared/contract/index.ts';
import { migrate, openDatabase, schemaVersion } from './database.ts';
import { latestSchemaVersion, migrations, type Migration } from './migrations.ts';

function tables(db: ReturnType<typeof openDatabase>): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name);
}

/** A database at `version` (every migration when absent) holding account 'a' and its INBOX 'f'. */
function withInbox(version?: number): ReturnType<typeof openDatabase> {
  const db = openDatabase(
    ':memory:',
    version === undefined ? migrations : migrations.filter((m) => m.version <= version),
  );
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  db.prepare(
    "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES ('f', 'a', 'INBOX', 'INBOX', '/', 1)",
  ).run();
  return db;
}

/** A message in INBOX 'f' with only the columns every schema version requires; returns its id. */
function plainMessage(db: ReturnType<typeof openDatabase>, uid: number): number | bigint {
  return db
    .prepare(
      `INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
         sort_subject, sort_from, to_json, cc_json, has_attachments)
       VALUES ('f', ?, '[]', 0, 0, 0, 0, 0, 10, 's', 's', '', '[]', '[]', 0)`,
    )
    .run(uid).lastInsertRowid;
}

describe('openDatabase', () => {
  it('applies every migration to a new database, with WAL and foreign keys on', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-db-')), 'p.sqlite');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    // Reopening a current database changes nothing.
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(latestSchemaVersion);
    again.close();
  });

  it('refuses a database written by a newer Cartable, with both versions', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cartable-db-')), 'p.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${latestSchemaVersion + 5}`);
    db.close();
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CartableError);
    expect((caught as CartableError).toShape()).toEqual({
      code: 'DB_NEWER_VERSION',
      details: { found: latestSchemaVersion + 5, supported: latestSchemaVersion },
    });
  });

  it('applies pending migrations all or nothing', () => {
    const db = openDatabase(':memory:', migrations.slice(0, 1));
    const broken: Migration[] = [
      ...migrations,
      {
        version: latestSchemaVersion + 1,
        name: 'broken',
        up: (d) => d.exec('CREATE TABLE half_done (x); SELECT no_such_function();'),
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['accounts']);
  });
});

describe('the migration list', () => {
  it('has one step per version, from 1, without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));
  });
});

describe('each migration', () => {
  const steps: Array<[number, string[]]> = [
    [1, ['accounts']],
    [2, ['accounts', 'folders']],
    [3, ['accounts', 'folders', 'tasks']],
    [4, ['accounts', 'folders', 'messages', 'tasks']],
    [
      5,
      [
        'accounts',
        'folders',
        'message_search',
        'message_search_config',
        'message_search_content',
        'message_search_data',
        'message_search_docsize',
        'message_search_idx',
        'messages',
        'tasks',
      ],
    ],
    [
      6,
      [
        'accounts',
        'bodies',
        'body_inline_parts',
        'folders',
        'message_search',
        'message_search_config',
        'message_search_content',
        'message_search_data',
        'message_search_docsize',
        'message_search_idx',
        'messages',
        'tasks',
      ],
    ],
  ];
  it.each(steps)('migration %i leaves exactly its tables', (version, expected) => {
    const db = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version <= version),
    );
    expect(schemaVersion(db)).toBe(version);
    expect(tables(db)).toEqual(expected);
    db.close();
  });

  it('migration 2: deleting an account deletes its folders', () => {
    const db = withInbox();
    db.prepare("DELETE FROM accounts WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) AS n FROM folders').get()).toEqual({ n: 0 });
  });

  it('migration 4: a folder keeps its sync state, and its messages go with it', () => {
    const db = withInbox();
    expect(db.prepare("SELECT initial_done, highest_modseq FROM folders WHERE id = 'f'").get()).toEqual({
      initial_done: 0,
      highest_modseq: null,
    });
    const insert = db.prepare(
      `INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
         sort_subject, sort_from, to_json, cc_json, has_attachments)
       VALUES ('f', ?, '[]', 0, 0, 0, 0, 0, 10, 's', 's', '', '[]', '[]', 0)`,
    );
    insert.run(7);
    expect(() => insert.run(7)).toThrow(/UNIQUE/);
    db.prepare("DELETE FROM folders WHERE id = 'f'").run();
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('migration 5: messages already stored are indexed, and the triggers follow inserts, edits and deletes', () => {
    const db = withInbox(4);
    const insert = db.prepare(
      `INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
         sort_subject, sort_from, from_name, from_address, to_json, cc_json, has_attachments)
       VALUES ('f', ?, '[]', 0, 0, 0, 0, 0, 10, ?, '', '', 'Élodie Martin', 'elodie@ac-lyon.fr', ?, '[]', 0)`,
    );
    insert.run(1, 'Conseil de classe', JSON.stringify([{ name: 'Paul Durand', address: 'paul@ac-lyon.fr' }]));
    migrate(
      db,
      migrations.filter((m) => m.version <= 5),
    );
    expect(schemaVersion(db)).toBe(5);
    const find = (match: string) =>
      db
        .prepare<[string], { rowid: number }>('SELECT rowid FROM message_search WHERE message_search MATCH ?')
        .all(match)
        .map((row) => row.rowid);
    expect(find('"conseil"')).toEqual([1]);
    expect(find('sender : "elodie"')).toEqual([1]);
    expect(find('recipients : "durand"')).toEqual([1]);
    insert.run(2, 'Réunion', '[]');
    expect(find('"reunion"')).toEqual([2]);
    db.prepare("UPDATE messages SET subject = 'Sortie' WHERE uid = 2").run();
    expect(find('"reunion"')).toEqual([]);
    expect(find('"sortie"')).toEqual([2]);
    db.prepare("DELETE FROM folders WHERE id = 'f'").run();
    expect(db.prepare('SELECT count(*) AS n FROM message_search').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 6: a body and its inline images go with their message; a note outside the known ones is rejected', () => {
    const db = withInbox();
    const id = plainMessage(db, 1);
    const body = db.prepare(
      "INSERT INTO bodies (message_id, text, html, parts_json, note, fetched_at) VALUES (?, 't', NULL, '[]', ?, 0)",
    );
    expect(() => body.run(id, 'NOT_A_NOTE')).toThrow(/CHECK/);
    expect(() => body.run(999, null)).toThrow(/FOREIGN KEY/);
    body.run(id, 'TOO_DEEP');
    db.prepare("INSERT INTO body_inline_parts VALUES (?, 'logo@x', 'image/png', x'89504e47')").run(id);
    db.prepare('DELETE FROM messages WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) AS n FROM bodies').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM body_inline_parts').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 8: messages synced before threading each start their own conversation', () => {
    const db = withInbox(7);
    plainMessage(db, 1);
    migrate(
      db,
      migrations.filter((m) => m.version <= 8),
    );
    expect(db.prepare('SELECT id = thread_id AS own FROM messages').get()).toEqual({ own: 1 });
  });

  it('migration 9: rows get a pending-action marker; an action goes with its account and has a known kind', () => {
    const db = withInbox(9);
    expect(schemaVersion(db)).toBe(9);
    plainMessage(db, 1);
    expect(db.prepare('SELECT pending_action FROM messages').get()).toEqual({ pending_action: null });
    const action = db.prepare("INSERT INTO mail_actions VALUES (?, 'a', ?, 'pending', '[]', '[]', 0, 'now')");
    expect(() => action.run('x', 'shred')).toThrow(/CHECK/);
    action.run('m', 'move');
    db.prepare("DELETE FROM accounts WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) AS n FROM mail_actions').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 10: outbox rows go with their account; a state outside the known ones is rejected', () => {
    const db = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version <= 10),
    );
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(10);
    db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
    const insert = db.prepare(
      `INSERT INTO outbox (id, account_id, message_id, subject, to_json, envelope_json, raw, state, send_at,
         sent_copy, created_at, updated_at)
       VALUES (?, 'a', '<m@x.fr>', 's', '[]', '{}', x'00', ?, 'n', 'pending', 'n', 'n')`,
    );
    expect(() => insert.run('lost', 'lost')).toThrow(/CHECK/);
    insert.run('o', 'scheduled');
    expect(db.prepare("SELECT attempts, task_id, sent_at FROM outbox WHERE id = 'o'").get()).toEqual({
      attempts: 0,
      task_id: null,
      sent_at: null,
    });
    db.prepare("DELETE FROM accounts WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 11: search rows move to date-ordered keys, bodies included, and the triggers follow', () => {
    const db = withInbox(10);
    const insert = db.prepare(
      `INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
         sort_subject, sort_from, to_json, cc_json, has_attachments)
       VALUES ('f', ?, '[]', 0, 0, 0, 0, ?, 10, ?, '', '', '[]', '[]', 0)`,
    );
    // Ids run against dates (a first sync, newest first); uids 2 and 3 share a second.
    insert.run(4, 4_000_000, 'Conseil');
    insert.run(3, 3_000_500, 'Conseil');
    insert.run(2, 3_000_000, 'Conseil');
    insert.run(1, 1_000_000, 'Conseil');
    db.prepare("UPDATE message_search SET body = 'cantine' WHERE rowid IN (1, 4)").run();
    const before = tables(db);
    migrate(
      db,
      migrations.filter((m) => m.version <= 11),
    );
    expect(schemaVersion(db)).toBe(11);
    expect(tables(db)).toEqual(before);
    const find = (match: string) =>
      db
        .prepare<[string], { uid: number }>(
          `SELECT m.uid FROM message_search JOIN messages m ON m.search_key = message_search.rowid
           WHERE message_search MATCH ? ORDER BY message_search.rowid`,
        )
        .all(match)
        .map((row) => row.uid);
    // Newest first by rising key; within a second, the order search gave before (later date, then later id).
    expect(find('"conseil"')).toEqual([4, 3, 2, 1]);
    expect(find('"cantine"')).toEqual([4, 1]);
    insert.run(5, 5_000_000, 'Conseil');
    db.prepare("UPDATE messages SET subject = 'Sortie' WHERE uid = 4").run();
    db.prepare('DELETE FROM messages WHERE uid = 1').run();
    expect(find('"conseil"')).toEqual([5, 3, 2]);
    expect(find('"sortie"')).toEqual([4]);
    expect(find('"cantine"')).toEqual([4]);
    // The bulk-load settings were put back to FTS5's defaults.
    expect(
      db
        .prepare("SELECT k, v FROM message_search_config WHERE k IN ('automerge', 'crisismerge') ORDER BY k")
        .all(),
    ).toEqual([
      { k: 'automerge', v: 4 },
      { k: 'crisismerge', v: 16 },
    ]);
    db.close();
  });

  it('migration 3: a task state outside the known ones is rejected', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db
        .prepare(
          "INSERT INTO tasks (id, kind, payload_json, state, next_at, created_at, updated_at) VALUES ('t', 'k', '{}', 'lost', 'n', 'n', 'n')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
