import type { Migration } from './migration.ts';

/**
 * The text a message is found by, as SQL over one messages row (`row` is
 * `new` in a trigger, `messages` in the backfill). Addresses are indexed as
 * typed: unicode61 splits "jean.dupont@ac-lyon.fr" into jean/dupont/ac/lyon/fr,
 * and a quoted address in a query becomes the same token sequence.
 */
function senderText(row: string): string {
  return `trim(coalesce(${row}.from_name, '') || ' ' || coalesce(${row}.from_address, ''))`;
}

function recipientsText(row: string): string {
  return `(SELECT coalesce(group_concat(coalesce(value ->> '$.name', '') || ' ' || coalesce(value ->> '$.address', ''), ' '), '')
           FROM (SELECT value FROM json_each(${row}.to_json) UNION ALL SELECT value FROM json_each(${row}.cc_json)))`;
}

export const search: Migration = {
  version: 5,
  name: 'full-text search over messages',
  up(db) {
    db.exec(`
      -- rowid = messages.id. A regular (content-storing) FTS5 table, on purpose:
      -- * external content (content='messages') cannot work: body and attachments
      --   have no column in messages, and FTS5 reads the content table to delete;
      -- * contentless (content='') cannot keep the body when a header column is
      --   rewritten (an UPDATE must supply every column) and returns no text for
      --   highlighting later.
      -- The price is the header text stored twice (a few hundred bytes a message);
      -- the body is stored here only, so the bodies migration need not keep a copy.
      -- remove_diacritics 2: "eleve" finds "élève" (French without accents on a
      -- phone or a QWERTY keyboard); 2 rather than the default 1 also folds letters
      -- carrying several marks. prefix='2 3': the word being typed is a prefix
      -- query, and the prefix index takes "re*" from 17 ms to 0.05 ms (DEPS.md).
      CREATE VIRTUAL TABLE message_search USING fts5(
        subject, sender, recipients, body, attachments,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );

      -- Headers are indexed by triggers, so every writer of messages (sync, tasks,
      -- a future import) keeps the index right without knowing it exists. A folder
      -- deleted with ON DELETE CASCADE fires the delete trigger too.
      CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (rowid, subject, sender, recipients, body, attachments)
        VALUES (new.id, new.subject, ${senderText('new')}, ${recipientsText('new')}, '', '');
      END;
      -- Only header columns: flag updates (the frequent write) do not touch the index.
      CREATE TRIGGER message_search_update
      AFTER UPDATE OF subject, from_name, from_address, to_json, cc_json ON messages BEGIN
        UPDATE message_search
        SET subject = new.subject, sender = ${senderText('new')}, recipients = ${recipientsText('new')}
        WHERE rowid = new.id;
      END;
      CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search WHERE rowid = old.id;
      END;

      INSERT INTO message_search (rowid, subject, sender, recipients, body, attachments)
      SELECT id, subject, ${senderText('messages')}, ${recipientsText('messages')}, '', '' FROM messages;
    `);
  },
};
