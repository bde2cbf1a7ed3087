import type { Migration } from './migration.ts';

export const tasks: Migration = {
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
};
