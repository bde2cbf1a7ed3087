import type { Migration } from './migration.ts';

/**
 * The outbox: each message is built once into MIME (`raw`, with its Message-ID) so every attempt
 * sends the same bytes. `state` is the at-most-once guard: 'sending' is committed before the
 * message goes to the server, so a row found 'sending' after a crash is 'uncertain', never resent.
 */
export const outbox: Migration = {
  version: 10,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id            TEXT PRIMARY KEY,
        account_id    TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        message_id    TEXT NOT NULL,
        subject       TEXT NOT NULL,
        -- Visible recipients for the outbox list (JSON [{name, address}]).
        to_json       TEXT NOT NULL,
        -- SMTP envelope: {from, to: [every recipient, Bcc included]}.
        envelope_json TEXT NOT NULL,
        raw           BLOB NOT NULL,
        state         TEXT NOT NULL
                      CHECK (state IN ('scheduled', 'sending', 'sent', 'uncertain', 'failed', 'cancelled')),
        send_at       TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        -- The queued task that makes the next attempt (cancelled with the row on undo).
        task_id       TEXT,
        sent_copy     TEXT NOT NULL CHECK (sent_copy IN ('pending', 'appended', 'server', 'none')),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        sent_at       TEXT,
        error_json    TEXT
      ) STRICT;
      CREATE INDEX outbox_by_account ON outbox (account_id, created_at);
      CREATE INDEX outbox_by_state ON outbox (state);
    `);
  },
};
