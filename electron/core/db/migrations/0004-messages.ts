import type { Migration } from './migration.ts';

export const messageHeaders: Migration = {
  version: 4,
  name: 'message headers and folder sync state',
  up(db) {
    db.exec(`
      -- Sync state per folder. Every value here describes what was APPLIED to this
      -- database: highest_modseq is never ahead of the rows (RFC 7162 §3.1).
      ALTER TABLE folders ADD COLUMN uid_validity INTEGER;
      ALTER TABLE folders ADD COLUMN highest_modseq INTEGER;
      -- First sync goes newest first; these let a killed sync resume where it stopped.
      ALTER TABLE folders ADD COLUMN initial_modseq INTEGER;
      ALTER TABLE folders ADD COLUMN initial_low_uid INTEGER;
      ALTER TABLE folders ADD COLUMN initial_done INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE folders ADD COLUMN server_count INTEGER;

      CREATE TABLE messages (
        id              INTEGER PRIMARY KEY,
        folder_id       TEXT NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        uid             INTEGER NOT NULL,
        modseq          INTEGER,
        flags           TEXT NOT NULL,
        seen            INTEGER NOT NULL,
        flagged         INTEGER NOT NULL,
        answered        INTEGER NOT NULL,
        draft           INTEGER NOT NULL,
        internal_date   INTEGER NOT NULL,
        sent_date       INTEGER,
        size            INTEGER NOT NULL,
        subject         TEXT NOT NULL,
        -- Sort keys folded in JS (accents, case, reply prefixes): SQLite's NOCASE only folds ASCII.
        sort_subject    TEXT NOT NULL,
        sort_from       TEXT NOT NULL,
        from_name       TEXT,
        from_address    TEXT,
        to_json         TEXT NOT NULL,
        cc_json         TEXT NOT NULL,
        message_id      TEXT,
        in_reply_to     TEXT,
        refs            TEXT,
        list_id         TEXT,
        has_attachments INTEGER NOT NULL,
        structure_json  TEXT,
        UNIQUE (folder_id, uid)
      ) STRICT;
      CREATE INDEX messages_by_date ON messages (folder_id, internal_date DESC);
      CREATE INDEX messages_by_message_id ON messages (message_id);
      CREATE INDEX messages_by_sender ON messages (folder_id, sort_from);
      CREATE INDEX messages_by_subject ON messages (folder_id, sort_subject);
      CREATE INDEX messages_by_size ON messages (folder_id, size);
    `);
  },
};
