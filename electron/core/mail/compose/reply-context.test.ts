import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { MessageRepository } from '../message-repository.ts';
import { replyContext } from './reply-context.ts';

function profile() {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('a', 'alice@x.fr', '{}', NULL, 'now', NULL)").run();
  db.prepare(
    "INSERT INTO folders (id, account_id, path, name, delimiter, subscribed, uid_validity) VALUES ('inbox', 'a', 'INBOX', 'INBOX', '/', 1, 1)",
  ).run();
  new MessageRepository(db).upsert('inbox', [
    {
      uid: 1,
      modseq: undefined,
      flags: [],
      internalDate: 2_000,
      sentDate: 1_000,
      size: 10,
      subject: 'Conseil',
      from: { name: 'Carol', address: 'carol@x.fr' },
      to: [{ name: 'Alice', address: 'alice@x.fr' }],
      cc: [],
      replyTo: [{ name: 'Bob', address: 'bob@x.fr' }],
      messageId: '<2@x>',
      inReplyTo: '<1@x>',
      references: ['<0@x>', '<1@x>'],
      listId: undefined,
      hasAttachments: false,
    },
  ]);
  return db;
}

describe('reply context', () => {
  it('gives the headers a reply needs, from the cached row', () => {
    const db = profile();
    const id = db.prepare('SELECT id FROM messages').pluck().get() as number;
    expect(replyContext(db, id)).toEqual({
      from: { name: 'Carol', address: 'carol@x.fr' },
      replyTo: [{ name: 'Bob', address: 'bob@x.fr' }],
      to: [{ name: 'Alice', address: 'alice@x.fr' }],
      cc: [],
      subject: 'Conseil',
      date: 1_000,
      messageId: '<2@x>',
      references: ['<0@x>', '<1@x>'],
    });
  });

  it('reads a damaged row as empty lists, and an unknown id as MESSAGE_NOT_FOUND', () => {
    const db = profile();
    db.prepare(`UPDATE messages SET to_json = '{"a":1}', cc_json = '[{"x":1}]', reply_to_json = NULL`).run();
    const id = db.prepare('SELECT id FROM messages').pluck().get() as number;
    expect(replyContext(db, id)).toMatchObject({ to: [], cc: [], replyTo: [] });
    expect(() => replyContext(db, id + 1)).toThrow(expect.objectContaining({ code: 'MESSAGE_NOT_FOUND' }));
  });
});
