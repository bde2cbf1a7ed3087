import type { Migration } from './migration.ts';

/**
 * Compose settings per account (signatures, the submission server's SIZE limit), Reply-To, and
 * the people already seen, for address suggestions. Scanning to_json/cc_json of 200k messages on
 * every keystroke is a full-table JSON walk; a small table of correspondents with an FTS5 index
 * answers "words starting with" in a few index seeks. It is filled off the sync's hot path: a
 * trigger only queues each new message's id, and mail/compose/correspondent-index.ts folds the
 * queue in by slices, one upsert per distinct address (a per-message upsert cost first sync a
 * measured +38 %: the user's own address alone is in every message's To).
 */
export const compose: Migration = {
  version: 14,
  name: 'compose settings and known correspondents',
  up(db) {
    db.exec(`
      CREATE TABLE compose_settings (
        account_id        TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        -- Plain text; the compose window turns them into HTML.
        signature_new     TEXT NOT NULL DEFAULT '',
        signature_reply   TEXT NOT NULL DEFAULT '',
        -- The EHLO SIZE value (RFC 1870 §4) last read from the submission server; NULL when
        -- unknown or when the server announces SIZE without a limit.
        max_message_bytes INTEGER
      ) STRICT;

      -- Reply-To (JSON [{name, address}]) when it names someone else than From; NULL otherwise and
      -- for messages cached before this step (a reply to those goes to From).
      ALTER TABLE messages ADD COLUMN reply_to_json TEXT;

      CREATE TABLE correspondents (
        id        INTEGER PRIMARY KEY,
        address   TEXT NOT NULL UNIQUE,
        name      TEXT NOT NULL,
        -- How many times the user wrote to them (recipient of a message in Sent).
        written   INTEGER NOT NULL,
        -- How many headers named them, any folder.
        seen      INTEGER NOT NULL,
        -- INTERNALDATE (ms) of the newest message naming them.
        last_seen INTEGER NOT NULL
      ) STRICT;
      -- No index on the counts: every stored message updates them, and a suggestion sorts only
      -- the rows its words matched (FTS5 first), never the whole table.

      -- Same tokenizer as the message search: accents and case folded, so "elo" finds "Élodie".
      -- The address is split on its punctuation too: "dup" finds jean.dupont@ac-lyon.fr.
      CREATE VIRTUAL TABLE correspondent_search USING fts5(
        name, address,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
      );
      CREATE TRIGGER correspondent_search_insert AFTER INSERT ON correspondents BEGIN
        INSERT INTO correspondent_search (rowid, name, address) VALUES (new.id, new.name, new.address);
      END;
      -- Counts change on every message; only a new name touches the index.
      CREATE TRIGGER correspondent_search_rename AFTER UPDATE OF name ON correspondents
      WHEN new.name IS NOT old.name BEGIN
        UPDATE correspondent_search SET name = new.name WHERE rowid = new.id;
      END;
      CREATE TRIGGER correspondent_search_delete AFTER DELETE ON correspondents BEGIN
        DELETE FROM correspondent_search WHERE rowid = old.id;
      END;
    `);
    db.exec(`
      CREATE TABLE correspondents_pending (message_id INTEGER PRIMARY KEY) STRICT;
      CREATE TRIGGER correspondents_pending_insert AFTER INSERT ON messages BEGIN
        INSERT OR IGNORE INTO correspondents_pending (message_id) VALUES (new.id);
      END;
      -- Messages cached before this step are folded in the same way, in the background.
      INSERT INTO correspondents_pending (message_id) SELECT id FROM messages;
    `);
  },
};
