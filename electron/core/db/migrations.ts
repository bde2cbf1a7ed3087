/**
 * Forward-only schema migrations. `version` is what `PRAGMA user_version`
 * holds after the step; a migration is never edited once released, only
 * followed by a new one.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts',
    up(db) {
      db.exec(`
        CREATE TABLE accounts (
          id            TEXT PRIMARY KEY,
          email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
          settings_json TEXT NOT NULL,
          dav_json      TEXT,
          created_at    TEXT NOT NULL,
          verified_at   TEXT
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'folders',
    up(db) {
      db.exec(`
        CREATE TABLE folders (
          id           TEXT PRIMARY KEY,
          account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
          path         TEXT NOT NULL,
          name         TEXT NOT NULL,
          parent_path  TEXT,
          delimiter    TEXT NOT NULL,
          special_use  TEXT,
          subscribed   INTEGER NOT NULL,
          messages     INTEGER,
          unseen       INTEGER,
          UNIQUE (account_id, path)
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    name: 'tasks',
    up(db) {
      db.exec(`
        CREATE TABLE tasks (
          id           TEXT PRIMARY KEY,
          kind         TEXT NOT NULL,
          payload_json TEXT NOT NULL,
          state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
          attempts     INTEGER NOT NULL DEFAULT 0,
          next_at      TEXT NOT NULL,
          created_at   TEXT NOT NULL,
          updated_at   TEXT NOT NULL,
          error_json   TEXT
        ) STRICT;
        CREATE INDEX tasks_due ON tasks (state, next_at);
      `);
    },
  },
  {
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
  },
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
