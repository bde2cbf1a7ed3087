import type { Migration } from './migration.ts';

/**
 * Conversations: every message gets a thread id; `message_refs` lists the
 * Message-IDs each message points to (In-Reply-To and References), so a
 * parent arriving after its replies still finds them.
 */
export const threads: Migration = {
  version: 8,
  name: 'threads',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN thread_id INTEGER;
      -- Messages synced before threading existed each start a conversation of their own.
      UPDATE messages SET thread_id = id;
      CREATE INDEX messages_by_thread ON messages (thread_id);
      CREATE TABLE message_refs (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        ref        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX message_refs_by_ref ON message_refs (ref);
      CREATE INDEX message_refs_by_message ON message_refs (message_id);
    `);
  },
};
