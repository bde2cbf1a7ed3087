import type { Migration } from './migration.ts';

/**
 * Drafts: the text the user typed lives here first and is the truth; the copy in the account's
 * Drafts folder is a replica a task keeps up to date. Nothing here names a server UID, so a
 * Drafts folder recreated under a new UIDVALIDITY loses no draft: copies are found by their
 * X-Cartable-Draft header (the draft's id) and Message-ID.
 */
export const drafts: Migration = {
  version: 12,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        -- A UUID, also the value of the X-Cartable-Draft header of every copy on the server.
        id               TEXT PRIMARY KEY,
        account_id       TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        -- The compose model as the user left it (JSON), reopened as is.
        message_json     TEXT NOT NULL,
        subject          TEXT NOT NULL,
        -- Visible recipients for the drafts list (JSON [{name, address}]).
        to_json          TEXT NOT NULL,
        -- One more on every save.
        version          INTEGER NOT NULL,
        -- New on every save: the left part of this version's Message-ID, so an upload run again
        -- after a crash recognises the copy it already appended.
        version_id       TEXT NOT NULL,
        -- The version the server holds as its only copy; NULL until the first upload.
        uploaded_version INTEGER,
        -- Why the last upload failed (JSON error shape); NULL once one succeeds.
        error_json       TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drafts_by_account ON drafts (account_id, updated_at);

      -- The draft a queued message was written in, removed once the message is sent.
      ALTER TABLE outbox ADD COLUMN draft_id TEXT;
    `);
  },
};
