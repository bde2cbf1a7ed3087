/**
 * The insert trigger only queues message ids; the index folds them in by slices, in the
 * background or before a suggestion, one row per address.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { CORRESPONDENT_SLICE, CorrespondentIndex } from './correspondent-index.ts';

function profile(count: number) {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('a', 'alice@x.fr', '{}', NULL, 'now', NULL)").run();
  db.prepare(
    `INSERT INTO folders (id, account_id, path, name, delimiter, subscribed, uid_validity, special_use)
     VALUES ('inbox', 'a', 'INBOX', 'INBOX', '/', 1, 1, NULL), ('sent', 'a', 'Sent', 'Sent', '/', 1, 1, 'sent')`,
  ).run();
  // Message i comes from person i % 50, to alice; every tenth is one alice sent to person i % 50.
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
       sort_subject, sort_from, from_name, from_address, to_json, cc_json, has_attachments)
     SELECT CASE WHEN i % 10 = 0 THEN 'sent' ELSE 'inbox' END, i, '[]', 1, 0, 0, 0, i * 1000, 10, 's', 's', 'x',
       CASE WHEN i % 10 = 0 THEN 'Alice' ELSE 'Personne ' || (i % 50) END,
       CASE WHEN i % 10 = 0 THEN 'alice@x.fr' ELSE 'p' || (i % 50) || '@x.fr' END,
       CASE WHEN i % 10 = 0 THEN json_array(json_object('name', 'Personne ' || (i % 50), 'address', 'P' || (i % 50) || '@x.fr'))
            ELSE json_array(json_object('name', 'Alice', 'address', 'alice@x.fr')) END,
       '[]', 0
     FROM n`,
  ).run(count);
  return db;
}

const pending = (db: ReturnType<typeof profile>) =>
  db.prepare('SELECT count(*) FROM correspondents_pending').pluck().get();
const row = (db: ReturnType<typeof profile>, address: string) =>
  db.prepare('SELECT name, written, seen, last_seen FROM correspondents WHERE address = ?').get(address);

describe('correspondent index', () => {
  it('folds at most what it is asked, oldest first, and counts each address once per header', () => {
    const db = profile(1000);
    const index = new CorrespondentIndex(db);
    expect(index.catchUp(10)).toBe(10);
    expect(pending(db)).toBe(990);
    expect(index.catchUp(Number.POSITIVE_INFINITY)).toBe(990);
    expect(pending(db)).toBe(0);
    // p0 only ever appears as the recipient of what alice sent (i = 50, 100, …, 1000), as P0.
    expect(row(db, 'p0@x.fr')).toEqual({ name: 'Personne 0', written: 20, seen: 20, last_seen: 1_000_000 });
    expect(row(db, 'p1@x.fr')).toEqual({ name: 'Personne 1', written: 0, seen: 20, last_seen: 951_000 });
    // Alice is in every received To, but the sender of what she sent is not counted.
    expect(row(db, 'alice@x.fr')).toMatchObject({ seen: 900, written: 0 });
  });

  it('drains the queue in the background, a slice per turn, and stops when closed', async () => {
    const db = profile(CORRESPONDENT_SLICE * 3 + 7);
    const index = new CorrespondentIndex(db);
    index.schedule();
    index.schedule(); // already scheduled: no second runner
    await nextTurn();
    expect(pending(db)).toBe(CORRESPONDENT_SLICE * 2 + 7);
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(pending(db)).toBe(0);

    const other = profile(CORRESPONDENT_SLICE * 2);
    const closed = new CorrespondentIndex(other);
    closed.schedule();
    closed.close(); // the core closing: nothing may touch the database after this
    await nextTurn();
    expect(pending(other)).toBe(CORRESPONDENT_SLICE * 2);
  });

  it('skips messages deleted before they were folded', () => {
    const db = profile(100);
    db.prepare('DELETE FROM messages WHERE uid <= 50').run();
    expect(new CorrespondentIndex(db).catchUp(1000)).toBe(100);
    expect(pending(db)).toBe(0);
    expect(row(db, 'alice@x.fr')).toMatchObject({ seen: 45 });
  });

  it('after an account is removed, forgets the people only its mail named', () => {
    const db = profile(100);
    db.prepare("INSERT INTO accounts VALUES ('b', 'bob@y.fr', '{}', NULL, 'now', NULL)").run();
    db.prepare(
      `INSERT INTO folders (id, account_id, path, name, delimiter, subscribed, uid_validity)
       VALUES ('bob-inbox', 'b', 'INBOX', 'INBOX', '/', 1, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
         sort_subject, sort_from, from_name, from_address, to_json, cc_json, has_attachments)
       VALUES ('bob-inbox', 1, '[]', 1, 0, 0, 0, 5, 10, 's', 's', 'x', 'Secret', 'secret@z.fr', '[]', '[]', 0)`,
    ).run();
    const index = new CorrespondentIndex(db);
    index.catchUp(Number.POSITIVE_INFINITY);
    expect(row(db, 'secret@z.fr')).toBeDefined();
    db.prepare("DELETE FROM accounts WHERE id = 'b'").run();
    index.rebuild();
    index.catchUp(Number.POSITIVE_INFINITY);
    expect(row(db, 'secret@z.fr')).toBeUndefined();
    // Everyone alice's mail names is back, with the same counts as before.
    expect(row(db, 'p1@x.fr')).toEqual({ name: 'Personne 1', written: 0, seen: 2, last_seen: 51_000 });
    index.close();
  });
});
