/**
 * The folder lists read pages as index walks at any offset (no sort of the
 * folder, no count of its rows), and the conversation heads and folder counts
 * that migration 13's triggers keep agree with a full recomputation after
 * every kind of write.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { MessageSort } from '../../../shared/contract/index.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrations } from '../db/migrations.ts';
import { listConversations, listConversationsSql } from './conversations.ts';
import { folderCounts, listMessages, listMessagesSql } from './message-list.ts';
import { MessageRepository } from './message-repository.ts';
import type { MessageHeaders } from './model.ts';

const sorts: MessageSort[] = ['date', 'from', 'subject', 'size'];
const indexOf: Record<MessageSort, string> = {
  date: 'messages_by_date',
  from: 'messages_by_sender',
  subject: 'messages_by_subject',
  size: 'messages_by_size',
};

function headers(uid: number, overrides: Partial<MessageHeaders> = {}): MessageHeaders {
  return {
    uid,
    modseq: undefined,
    flags: uid % 2 === 0 ? ['\\Seen'] : [],
    internalDate: 1_700_000_000_000 + uid * 60_000,
    sentDate: undefined,
    size: 1000 + ((uid * 37) % 100),
    subject: `Conseil ${uid}`,
    from: { name: `Personne ${uid % 7}`, address: `p${uid % 7}@ac-lyon.fr` },
    to: [],
    cc: [],
    messageId: `<${uid}@x>`,
    inReplyTo: undefined,
    references: [],
    listId: undefined,
    hasAttachments: false,
    ...overrides,
  };
}

function setUp(db: Database): void {
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  for (const folder of ['inbox', 'archive'])
    db.prepare(
      "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed, uid_validity) VALUES (?, 'a', ?, ?, '/', 1, 1)",
    ).run(folder, folder, folder);
}

function upsert(db: Database, folderId: string, batch: MessageHeaders[]): void {
  db.transaction(() => new MessageRepository(db).upsert(folderId, batch))();
}

/** Heads and counts recomputed from scratch, to compare with what the triggers kept. */
function expectConsistent(db: Database): void {
  const wrongHeads = db
    .prepare<[], { id: number }>(
      `SELECT m.id FROM messages m LEFT JOIN (
         SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY folder_id, thread_id
                                                       ORDER BY internal_date DESC, uid DESC) AS rank
                         FROM messages WHERE pending_action IS NULL AND thread_id IS NOT NULL)
         WHERE rank = 1) h ON h.id = m.id
       WHERE m.conversation_head IS NOT (h.id IS NOT NULL)`,
    )
    .all();
  expect(wrongHeads).toEqual([]);
  for (const folder of ['inbox', 'archive']) {
    const counted = db
      .prepare<[string, string, string], { messages: number; unseen: number; conversations: number }>(
        `SELECT (SELECT count(*) FROM messages WHERE folder_id = ? AND pending_action IS NULL) AS messages,
           (SELECT count(*) FROM messages WHERE folder_id = ? AND pending_action IS NULL AND seen = 0) AS unseen,
           (SELECT count(DISTINCT thread_id) FROM messages WHERE folder_id = ? AND pending_action IS NULL) AS conversations`,
      )
      .get(folder, folder, folder);
    expect(folderCounts(db, folder), folder).toEqual(counted);
  }
}

const page = { folderId: 'inbox', sort: 'date' as const, order: 'desc' as const, offset: 0, limit: 50 };

let db: Database;
beforeEach(() => {
  db = openDatabase(':memory:');
  setUp(db);
});

describe('list query plans', () => {
  const plan = (sql: string) =>
    db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all('inbox', 50, 1000)
      .map((row) => row.detail)
      .join(' | ');

  it.each(sorts)('the flat list sorted by %s walks its index, both ways', (sort) => {
    for (const order of ['asc', 'desc'] as const) {
      const detail = plan(listMessagesSql(sort, order));
      expect(detail).not.toMatch(/TEMP B-TREE/);
      expect(detail).toMatch(new RegExp(`^SEARCH messages USING INDEX ${indexOf[sort]} \\(folder_id=\\?\\)`));
    }
  });

  it.each(sorts)('the conversation list sorted by %s walks the same index, both ways', (sort) => {
    for (const order of ['asc', 'desc'] as const) {
      const detail = plan(listConversationsSql(sort, order));
      expect(detail).not.toMatch(/TEMP B-TREE/);
      expect(detail).toMatch(new RegExp(`^SEARCH m USING INDEX ${indexOf[sort]} \\(folder_id=\\?\\)`));
      // The thread's figures are one index range per row shown.
      expect(detail).toMatch(/SEARCH t USING (COVERING )?INDEX messages_by_thread \(thread_id=\?\)/);
    }
  });
});

describe('the flat list', () => {
  it('breaks ties on the same date by uid, so pages neither repeat nor skip a row', () => {
    upsert(
      db,
      'inbox',
      Array.from({ length: 30 }, (_, i) => headers(i + 1, { internalDate: 1_700_000_000_000 })),
    );
    const seen = [0, 10, 20].flatMap((offset) =>
      listMessages(db, { ...page, offset, limit: 10 }).messages.map((m) => m.uid),
    );
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    const ascending = listMessages(db, { ...page, order: 'asc', limit: 3 }).messages.map((m) => m.uid);
    expect(ascending).toEqual([1, 2, 3]);
  });

  it('takes its total from the kept count', () => {
    upsert(db, 'inbox', [headers(1), headers(2), headers(3)]);
    expect(listMessages(db, page).total).toBe(3);
    db.prepare("UPDATE messages SET pending_action = 'x' WHERE uid = 2").run();
    expect(listMessages(db, page)).toMatchObject({ total: 2, messages: [{ uid: 3 }, { uid: 1 }] });
  });
});

describe('conversation heads and folder counts', () => {
  /** Three conversations: 1 ← 2 ← 3 (a reply chain), 4 alone, 5 ← 6. */
  function seedThreads(): void {
    upsert(db, 'inbox', [
      headers(1),
      headers(2, { inReplyTo: '<1@x>', subject: 'Re: Conseil 1' }),
      headers(3, { inReplyTo: '<2@x>', references: ['<1@x>'], subject: 'Re: Conseil 1' }),
      headers(4),
      headers(5),
      headers(6, { inReplyTo: '<5@x>', subject: 'Re: Conseil 5' }),
    ]);
  }

  it('shows each conversation once, by its latest message, with the thread’s figures', () => {
    seedThreads();
    expectConsistent(db);
    const result = listConversations(db, page);
    expect(result.total).toBe(3);
    expect(result.conversations.map((c) => [c.uid, c.messageCount, c.unreadCount])).toEqual([
      [6, 2, 1],
      [4, 1, 0],
      [3, 3, 2],
    ]);
  });

  it('follow a parent arriving after its replies (threads merged)', () => {
    upsert(db, 'inbox', [
      headers(3, { inReplyTo: '<2@x>', subject: 'Re: Conseil' }),
      headers(1, { subject: 'Conseil' }),
    ]);
    expectConsistent(db);
    expect(folderCounts(db, 'inbox').conversations).toBe(2);
    upsert(db, 'inbox', [headers(2, { inReplyTo: '<1@x>', subject: 'Re: Conseil' })]);
    expectConsistent(db);
    expect(listConversations(db, page).conversations.map((c) => [c.uid, c.messageCount])).toEqual([[3, 3]]);
  });

  it('follow a message hidden by an action, then shown again by its undo', () => {
    seedThreads();
    db.prepare("UPDATE messages SET pending_action = 'act' WHERE uid IN (3, 4)").run();
    expectConsistent(db);
    expect(listConversations(db, page).conversations.map((c) => c.uid)).toEqual([6, 2]);
    db.prepare("UPDATE messages SET pending_action = NULL WHERE pending_action = 'act'").run();
    expectConsistent(db);
    expect(listConversations(db, page).conversations.map((c) => c.uid)).toEqual([6, 4, 3]);
  });

  it('follow flag changes, deletions, a row changing folder, and a deleted folder', () => {
    seedThreads();
    upsert(db, 'inbox', [headers(1, { flags: ['\\Seen'] }), headers(4, { flags: [] })]);
    expectConsistent(db);
    new MessageRepository(db).remove('inbox', [3, 6]);
    expectConsistent(db);
    db.prepare("UPDATE messages SET folder_id = 'archive' WHERE uid = 2").run();
    expectConsistent(db);
    expect(folderCounts(db, 'archive')).toEqual({ messages: 1, unseen: 0, conversations: 1 });
    db.prepare("DELETE FROM folders WHERE id = 'archive'").run();
    expect(db.prepare("SELECT count(*) AS n FROM folder_counts WHERE folder_id = 'archive'").get()).toEqual({
      n: 0,
    });
    expectConsistent(db);
  });

  it('are built for the rows of a profile from before migration 13', () => {
    const old = openDatabase(
      ':memory:',
      migrations.filter((m) => m.version <= 12),
    );
    setUp(old);
    db = old;
    seedThreads();
    db.prepare("UPDATE messages SET pending_action = 'act' WHERE uid = 6").run();
    for (const migration of migrations.filter((m) => m.version > 12)) migration.up(db);
    expectConsistent(db);
    expect(listConversations(db, page).conversations.map((c) => c.uid)).toEqual([5, 4, 3]);
  });
});
