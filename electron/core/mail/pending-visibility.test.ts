/**
 * A message the user just moved or deleted (mail.act marks it pending until
 * the server confirms) is gone from every view at once: list, conversations
 * and search.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { listConversations } from './conversations.ts';
import { listMessages } from './message-list.ts';
import { MessageRepository } from './message-repository.ts';
import { searchMessages } from './search/search.ts';

describe('pending actions', () => {
  it('hide their messages from the list, the conversations and search', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
    db.prepare(
      "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed) VALUES ('f', 'a', 'INBOX', 'INBOX', '/', 1)",
    ).run();
    const base = {
      modseq: undefined,
      flags: [],
      sentDate: undefined,
      size: 10,
      from: { name: 'Élodie', address: 'e@x.fr' },
      to: [],
      cc: [],
      inReplyTo: undefined,
      references: [],
      listId: undefined,
      hasAttachments: false,
    };
    db.transaction(() =>
      new MessageRepository(db).upsert('f', [
        { ...base, uid: 1, internalDate: 1, subject: 'Conseil de classe', messageId: '<1@x>' },
        { ...base, uid: 2, internalDate: 2, subject: 'Conseil pédagogique', messageId: '<2@x>' },
      ]),
    )();
    const query = { folderId: 'f', sort: 'date' as const, order: 'desc' as const, offset: 0, limit: 10 };
    expect(listMessages(db, query).total).toBe(2);
    db.prepare("UPDATE messages SET pending_action = 'act-1' WHERE uid = 2").run();
    expect(listMessages(db, query)).toMatchObject({ total: 1, messages: [{ uid: 1 }] });
    expect(listConversations(db, query)).toMatchObject({ total: 1, conversations: [{ uid: 1 }] });
    expect(searchMessages(db, { query: 'conseil', offset: 0, limit: 10 })).toMatchObject({
      total: 1,
      messages: [{ uid: 1 }],
    });
  });
});
