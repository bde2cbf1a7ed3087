import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Database } from '../../db/database.ts';
import { migrations } from '../../db/migrations.ts';
import { MessageRepository } from '../message-repository.ts';
import type { MessageHeaders } from '../model.ts';
import { sampleHeaders } from '../../testing/headers.ts';
import { indexBody } from './index-body.ts';
import { secondStartKey } from './search-key.ts';
import { searchMessages, searchStatements, TOTAL_CAP, type SearchRequest } from './search.ts';

const at = (iso: string) => Date.parse(iso);

function headers(uid: number, internalDate: number, subject = `Conseil ${uid}`): MessageHeaders {
  return sampleHeaders(uid, {
    internalDate,
    subject,
    from: { name: 'Élodie Martin', address: 'elodie.martin@ac-lyon.fr' },
    hasAttachments: uid % 2 === 0,
  });
}

let db: Database;
let repository: MessageRepository;

function setUp(target: Database) {
  target.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  for (const folder of ['inbox', 'archive'])
    target
      .prepare(
        "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES (?, 'a', ?, ?, '/', 1)",
      )
      .run(folder, folder, folder);
}

function uids(query: string, scope: Partial<SearchRequest> = {}, target = db) {
  return searchMessages(target, { query, offset: 0, limit: 50, ...scope }).messages.map((m) => m.uid);
}

/** uids sorted the way search must return them: newest date first. */
function newestFirst(rows: Array<[number, number]>): number[] {
  return [...rows].sort((a, b) => b[1] - a[1]).map(([uid]) => uid);
}

function idOf(uid: number): number {
  return db.prepare<[number], { id: number }>('SELECT id FROM messages WHERE uid = ?').get(uid)?.id ?? 0;
}

beforeEach(() => {
  db = openDatabase(':memory:');
  setUp(db);
  repository = new MessageRepository(db);
});

describe('search order (search_key)', () => {
  it('stays newest first when syncs insert out of date order', () => {
    // First sync: newest first; a later sync brings older mail, then new mail arrives.
    const first: Array<[number, number]> = [
      [10, at('2025-09-10T08:00:00Z')],
      [9, at('2025-09-09T08:00:00Z')],
      [8, at('2025-09-08T08:00:00Z')],
    ];
    const older: Array<[number, number]> = [
      [3, at('2024-01-03T08:00:00Z')],
      [2, at('2024-01-02T08:00:00Z')],
    ];
    const newer: Array<[number, number]> = [
      [20, at('2025-10-01T08:00:00Z')],
      [21, at('2025-10-02T08:00:00Z')],
    ];
    // The archive interleaves with the inbox in time.
    const archived: Array<[number, number]> = [[30, at('2025-01-15T08:00:00Z')]];
    for (const [folder, rows] of [
      ['inbox', first],
      ['inbox', older],
      ['inbox', newer],
      ['archive', archived],
    ] as const)
      repository.upsert(
        folder,
        rows.map(([uid, date]) => headers(uid, date)),
      );
    const all = [...first, ...older, ...newer, ...archived];
    expect(uids('conseil')).toEqual(newestFirst(all));
    expect(uids('pj:non')).toEqual(newestFirst(all.filter(([uid]) => uid % 2 === 1)));
    expect(uids('conseil', { folderId: 'inbox' })).toEqual(newestFirst([...first, ...older, ...newer]));
    expect(uids('conseil', { accountId: 'a' })).toEqual(newestFirst(all));
    // Pages follow each other without gaps or repeats.
    const page = (offset: number) => uids('conseil', { offset, limit: 3 });
    expect([...page(0), ...page(3), ...page(6)]).toEqual(newestFirst(all));
  });

  it('keeps messages sharing a second, in the order the list shows a first sync (newest UID first)', () => {
    const second = at('2025-09-01T10:00:00Z');
    repository.upsert('inbox', [
      headers(5, second + 900),
      headers(4, second),
      headers(3, second),
      headers(1, second - 1000),
    ]);
    repository.upsert('inbox', [headers(6, second + 1000)]);
    expect(uids('conseil')).toEqual([6, 5, 4, 3, 1]);
    const keys = db.prepare<[], { k: number }>('SELECT search_key AS k FROM messages').all();
    expect(new Set(keys.map((row) => row.k)).size).toBe(5);
  });

  it('keeps the order and the headers once a body is indexed', () => {
    repository.upsert('inbox', [
      headers(1, at('2025-09-01T10:00:00Z')),
      headers(2, at('2025-09-02T10:00:00Z')),
    ]);
    repository.upsert('inbox', [headers(3, at('2025-08-01T10:00:00Z'), 'Sortie')]);
    expect(
      indexBody(db, idOf(1), 'Le conseil de classe aura lieu en salle 101.', ['ordre-du-jour.pdf']),
    ).toBe(true);
    expect(indexBody(db, idOf(3), 'Pensez au conseil.', [])).toBe(true);
    expect(uids('conseil')).toEqual([2, 1, 3]);
    expect(uids('salle 101')).toEqual([1]);
    expect(uids('ordre')).toEqual([1]);
    expect(uids('objet:sortie')).toEqual([3]);
  });

  it('drops deleted messages from the index, the others keep their order', () => {
    repository.upsert(
      'inbox',
      [1, 2, 3, 4].map((uid) => headers(uid, at(`2025-09-0${uid}T10:00:00Z`))),
    );
    indexBody(db, idOf(2), 'cantine', []);
    repository.remove('inbox', [2, 3]);
    expect(uids('conseil')).toEqual([4, 1]);
    expect(uids('cantine')).toEqual([]);
    // A new message can take a freed key without meeting an old FTS row.
    repository.upsert('inbox', [headers(5, at('2025-09-02T10:00:00Z'), 'Cantine')]);
    expect(uids('cantine')).toEqual([5]);
    expect(db.prepare('SELECT count(*) AS n FROM message_search').get()).toEqual(
      db.prepare('SELECT count(*) AS n FROM messages').get(),
    );
  });

  it('moves a message whose arrival date is rewritten, body included', () => {
    repository.upsert('inbox', [
      headers(1, at('2025-09-01T10:00:00Z')),
      headers(2, at('2025-09-02T10:00:00Z')),
    ]);
    indexBody(db, idOf(1), 'cantine', []);
    db.prepare('UPDATE messages SET internal_date = ? WHERE uid = 1').run(at('2025-09-03T10:00:00Z'));
    expect(uids('conseil')).toEqual([1, 2]);
    expect(uids('cantine')).toEqual([1]);
    expect(uids('apres:2025-09-03')).toEqual([1]);
    // Same second: the key stays.
    const key = () => db.prepare('SELECT search_key FROM messages WHERE uid = 1').get();
    const before = key();
    db.prepare('UPDATE messages SET internal_date = internal_date + 500 WHERE uid = 1').run();
    expect(key()).toEqual(before);
  });

  it('clamps negative and absurd dates instead of failing the insert', () => {
    repository.upsert('inbox', [
      headers(1, -86_400_000),
      headers(2, 0),
      headers(3, 8.64e15), // year ~275,000, past the clamp
      headers(4, at('2025-09-01T10:00:00Z')),
    ]);
    expect(uids('conseil')).toEqual([3, 4, 1, 2]);
    expect(uids('avant:2000-01-01')).toEqual([1, 2]);
  });

  it('bounds keys by date exactly as the trigger computes them', () => {
    // Two messages in the second before midnight, two in the first second of the day, one after.
    const day = new Date(2025, 8, 2).getTime();
    const dates = [day - 1000, day - 1, day, day + 999, day + 1000];
    repository.upsert(
      'inbox',
      dates.map((date, i) => headers(i + 1, date)),
    );
    const key = db
      .prepare<[number], { k: bigint }>('SELECT search_key AS k FROM messages WHERE uid = ?')
      .safeIntegers(true);
    for (const [i, date] of dates.entries()) {
      const offset = (key.get(i + 1)?.k ?? -1n) - secondStartKey(date);
      expect(offset >= 0n && offset < 2n ** 20n).toBe(true);
    }
    // Within a second, the first stored comes first.
    expect(uids('avant:02/09/2025')).toEqual([1, 2]);
    expect(uids('après:02/09/2025')).toEqual([5, 3, 4]);
    expect(uids('conseil après:02/09/2025 avant:03/09/2025')).toEqual([5, 3, 4]);
  });

  it('still finds and date-filters a message whose second was full (spilled key)', () => {
    const second = at('2025-09-01T10:00:00Z');
    repository.upsert('inbox', [headers(1, second)]);
    // Fill the second's range by hand: 2^20 real messages would take a minute to insert.
    const last = secondStartKey(second) + 2n ** 20n - 1n;
    const id = idOf(1);
    db.prepare(
      'UPDATE message_search SET rowid = ? WHERE rowid = (SELECT search_key FROM messages WHERE id = ?)',
    ).run(last, id);
    db.prepare('UPDATE messages SET search_key = ? WHERE id = ?').run(last, id);
    repository.upsert('inbox', [headers(2, second), headers(3, at('2025-08-01T10:00:00Z'))]);
    expect(uids('conseil')).toEqual([1, 3, 2]);
    expect(uids('après:2025-09-01')).toEqual([1, 2]);
    expect(uids('conseil avant:2025-09-02')).toEqual([1, 3, 2]);
    indexBody(db, idOf(2), 'cantine', []);
    expect(uids('cantine')).toEqual([2]);
  });
});

describe('search total', () => {
  beforeEach(() => {
    const start = at('2025-01-01T00:00:00Z');
    repository.upsert(
      'inbox',
      Array.from({ length: TOTAL_CAP + 100 }, (_, i) => headers(i + 1, start + i * 60_000)),
    );
  });

  it('counts up to the cap and says when there are more', () => {
    expect(searchMessages(db, { query: 'conseil', offset: 0, limit: 50 })).toMatchObject({
      total: TOTAL_CAP,
      totalCapped: true,
    });
    expect(searchMessages(db, { query: 'pj:oui', offset: 0, limit: 50 })).toMatchObject({
      total: (TOTAL_CAP + 100) / 2,
      totalCapped: false,
    });
  });

  it('never reports fewer than what was paged', () => {
    const deep = searchMessages(db, { query: 'conseil', offset: TOTAL_CAP, limit: 50 });
    expect(deep).toMatchObject({ total: TOTAL_CAP + 50, totalCapped: true });
    expect(deep.messages.map((m) => m.uid)).toEqual(Array.from({ length: 50 }, (_, i) => 100 - i));
    const last = searchMessages(db, { query: 'conseil', offset: TOTAL_CAP + 50, limit: 50 });
    expect(last).toMatchObject({ total: TOTAL_CAP + 100, totalCapped: false });
    expect(last.messages).toHaveLength(50);
  });
});

describe('search query plans', () => {
  const scopes: Array<Partial<SearchRequest>> = [{}, { accountId: 'a' }, { folderId: 'inbox' }];
  const plan = (query: string, scope: Partial<SearchRequest>) => {
    const statements = searchStatements(db, { query, offset: 0, limit: 50, ...scope });
    if (statements === undefined) throw new Error(`nothing to search in ${query}`);
    return db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${statements.page.sql}`)
      .all(...statements.page.parameters)
      .map((row) => row.detail)
      .join(' | ');
  };

  it.each(['conseil', 'con', 'de:elodie', 'objet:conseil pj:oui', 'conseil après:2025-01-01'])(
    '%s walks the FTS index in key order and seeks each message, in every scope',
    (query) => {
      for (const scope of scopes) {
        const detail = plan(query, scope);
        expect(detail).not.toMatch(/TEMP B-TREE/);
        expect(detail).toMatch(/^SCAN message_search VIRTUAL TABLE/);
        expect(detail).toMatch(/SEARCH m USING INDEX messages_by_search_key \(search_key=\?\)/);
      }
    },
  );

  it.each(['pj:oui', 'taille>3ko avant:2025-01-01', 'après:2025-01-01'])(
    '%s walks a search_key index, in every scope',
    (query) => {
      for (const scope of scopes) {
        const detail = plan(query, scope);
        expect(detail).not.toMatch(/TEMP B-TREE/);
        expect(detail).toMatch(/USING INDEX messages_by_(folder_)?search_key/);
      }
    },
  );
});

describe('a profile from before migration 11', () => {
  it('finds body words, newest first, once migrated', () => {
    const old = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version <= 10),
    );
    setUp(old);
    const insert = old.prepare(
      `INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
         sort_subject, sort_from, from_name, from_address, to_json, cc_json, has_attachments)
       VALUES ('inbox', ?, '[]', 0, 0, 0, 0, ?, 10, ?, '', '', 'Paul Durand', 'paul@ac-lyon.fr', '[]', '[]', 0)`,
    );
    // Ids against dates, as the first sync leaves them.
    for (const [uid, date] of [
      [3, at('2025-09-03T10:00:00Z')],
      [2, at('2025-09-02T10:00:00Z')],
      [1, at('2025-09-01T10:00:00Z')],
      [4, at('2025-09-04T10:00:00Z')],
    ] as const)
      insert.run(uid, date, `Message ${uid}`);
    // What indexBody wrote before: rowid = messages.id.
    old
      .prepare(
        "UPDATE message_search SET body = 'Réunion en salle 101', attachments = 'ordre.pdf' WHERE rowid IN (1, 3)",
      )
      .run();
    migrate(old, migrations);
    // ids 1 and 3 are uids 3 and 1.
    expect(uids('salle 101', {}, old)).toEqual([3, 1]);
    expect(uids('reunion', { folderId: 'inbox' }, old)).toEqual([3, 1]);
    expect(uids('ordre', { accountId: 'a' }, old)).toEqual([3, 1]);
    expect(uids('message', {}, old)).toEqual([4, 3, 2, 1]);
    expect(uids('de:durand', { accountId: 'a' }, old)).toEqual([4, 3, 2, 1]);
    old.close();
  });
});
