import type { Migration } from './migration.ts';

/**
 * Mail actions (read, flag, move, delete, junk, empty Trash): each is applied
 * to the database at once and replayed to the server by queued tasks.
 * `messages.pending_action` hides a row that is leaving its folder until the
 * server confirms; `mail_actions` keeps what an undo needs to put back.
 */
export const mailActions: Migration = {
  version: 9,
  name: 'mail actions',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN pending_action TEXT;
      CREATE INDEX messages_by_pending_action ON messages (pending_action) WHERE pending_action IS NOT NULL;
      CREATE TABLE mail_actions (
        id             TEXT PRIMARY KEY,
        account_id     TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind           TEXT NOT NULL CHECK (kind IN ('markRead', 'flag', 'move', 'delete', 'junk', 'emptyTrash')),
        state          TEXT NOT NULL CHECK (state IN ('pending', 'undone', 'applied', 'dropped')),
        -- The queued tasks replaying this action, one per source folder (JSON array of ids).
        task_ids       TEXT NOT NULL,
        -- Each touched message's flags before the action (JSON [[id, flags], ...]), for undo.
        revert_json    TEXT NOT NULL,
        undoable_until INTEGER NOT NULL,
        created_at     TEXT NOT NULL
      ) STRICT;
    `);
  },
};
