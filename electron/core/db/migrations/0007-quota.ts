import type { Migration } from './migration.ts';

/** The last quota the server reported per account, so the gauge shows offline too. */
export const quota: Migration = {
  version: 7,
  name: 'account quota',
  up(db) {
    db.exec(`
      CREATE TABLE account_quota (
        account_id  TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        usage_bytes INTEGER NOT NULL,
        limit_bytes INTEGER NOT NULL,
        checked_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
