import type { Migration } from './migration.ts';

export const accounts: Migration = {
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
};
