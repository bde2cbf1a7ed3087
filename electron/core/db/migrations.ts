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
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
