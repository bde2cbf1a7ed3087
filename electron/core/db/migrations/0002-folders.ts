import type { Migration } from './migration.ts';

export const folders: Migration = {
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
};
