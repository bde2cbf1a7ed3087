import type { Migration } from './migration.ts';

/*
 * The message list reads a page at any offset as one index walk, and its total without counting.
 *
 * - `conversation_head` marks, per folder and thread, the visible message the conversation list
 *   shows (latest by date, then uid). Triggers keep it true on every write, so the conversation
 *   list is the folder's rows filtered on a flag instead of a GROUP BY over the whole folder.
 * - Each sort's index is (folder_id, key, uid, pending_action, conversation_head): ORDER BY key,
 *   uid is the index order, and both lists' filters are read from the index, so rows skipped by
 *   OFFSET never touch the table. They replace 0004's indexes under the same names, so a header
 *   sync maintains one index more than before (conversation_heads, heads only), not five;
 *   threading's INDEXED BY messages_by_subject still finds its (folder_id, sort_subject) prefix.
 * - `folder_counts` keeps each folder's visible, unread and conversation counts, also by
 *   triggers: `count(*) … AND pending_action IS NULL` read every row of a 100k folder.
 */

/** Recomputes one (folder, thread) pair's head: seeks in messages_by_thread and conversation_heads. */
function recomputeHead(folder: string, thread: string): string {
  const head = `(SELECT h.id FROM messages h
                 WHERE h.thread_id = ${thread} AND h.folder_id = ${folder} AND h.pending_action IS NULL
                 ORDER BY h.internal_date DESC, h.uid DESC LIMIT 1)`;
  // One statement: the pair's current heads and the new one, each set to whether it leads now.
  return `
    UPDATE messages SET conversation_head = (id IS ${head})
    WHERE id IN (SELECT c.id FROM messages c
                 WHERE c.folder_id = ${folder} AND c.thread_id = ${thread} AND c.conversation_head = 1
                 UNION ALL SELECT ${head})
      AND conversation_head IS NOT (id IS ${head});`;
}

export const listOrder: Migration = {
  version: 13,
  name: 'message list indexes, conversation heads and folder counts',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN conversation_head INTEGER NOT NULL DEFAULT 0;
      UPDATE messages SET conversation_head = 1 WHERE id IN (
        SELECT id FROM (
          SELECT id, row_number() OVER (PARTITION BY folder_id, thread_id ORDER BY internal_date DESC, uid DESC) AS rank
          FROM messages WHERE pending_action IS NULL AND thread_id IS NOT NULL)
        WHERE rank = 1);

      DROP INDEX messages_by_date;
      DROP INDEX messages_by_sender;
      DROP INDEX messages_by_subject;
      DROP INDEX messages_by_size;
      DROP INDEX messages_by_thread;
      -- The flat list filters on pending_action, the conversation list on conversation_head: both
      -- inside the index, so one index per sort serves both lists.
      CREATE INDEX messages_by_date ON messages (folder_id, internal_date, uid, pending_action, conversation_head);
      CREATE INDEX messages_by_sender ON messages (folder_id, sort_from, uid, pending_action, conversation_head);
      CREATE INDEX messages_by_subject ON messages (folder_id, sort_subject, uid, pending_action, conversation_head);
      CREATE INDEX messages_by_size ON messages (folder_id, size, uid, pending_action, conversation_head);
      -- thread_id first for the thread lookups and merges; the rest finds a pair's new head in one seek.
      CREATE INDEX messages_by_thread ON messages (thread_id, folder_id, pending_action, internal_date, uid);
      -- A pair's current head in one seek (partial: one entry per conversation and folder).
      CREATE INDEX conversation_heads ON messages (folder_id, thread_id) WHERE conversation_head = 1;

      -- Visible messages only (pending_action IS NULL): what the list shows and counts.
      CREATE TABLE folder_counts (
        folder_id     TEXT PRIMARY KEY REFERENCES folders(id) ON DELETE CASCADE,
        messages      INTEGER NOT NULL,
        unseen        INTEGER NOT NULL,
        conversations INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO folder_counts (folder_id, messages, unseen, conversations)
      SELECT f.id,
        (SELECT count(*) FROM messages m WHERE m.folder_id = f.id AND m.pending_action IS NULL),
        (SELECT count(*) FROM messages m WHERE m.folder_id = f.id AND m.pending_action IS NULL AND m.seen = 0),
        (SELECT count(*) FROM messages m WHERE m.folder_id = f.id AND m.conversation_head = 1)
      FROM folders f;

      CREATE TRIGGER folder_counts_new_folder AFTER INSERT ON folders BEGIN
        INSERT INTO folder_counts (folder_id, messages, unseen, conversations) VALUES (new.id, 0, 0, 0);
      END;

      CREATE TRIGGER message_list_insert AFTER INSERT ON messages BEGIN
        UPDATE folder_counts
        SET messages = messages + (new.pending_action IS NULL),
            unseen = unseen + (new.pending_action IS NULL AND new.seen = 0)
        WHERE folder_id = new.folder_id;
      END;
      -- A synced row arrives without a thread (threading sets it next): nothing to lead yet.
      CREATE TRIGGER message_list_insert_head AFTER INSERT ON messages WHEN new.thread_id IS NOT NULL BEGIN
        ${recomputeHead('new.folder_id', 'new.thread_id')}
      END;
      CREATE TRIGGER message_list_delete AFTER DELETE ON messages BEGIN
        UPDATE folder_counts
        SET messages = messages - (old.pending_action IS NULL),
            unseen = unseen - (old.pending_action IS NULL AND old.seen = 0),
            conversations = conversations - old.conversation_head
        WHERE folder_id = old.folder_id;
        ${recomputeHead('old.folder_id', 'old.thread_id')}
      END;
      CREATE TRIGGER message_list_counts AFTER UPDATE OF folder_id, seen, pending_action ON messages
      WHEN old.folder_id IS NOT new.folder_id OR old.seen IS NOT new.seen
        OR old.pending_action IS NOT new.pending_action BEGIN
        UPDATE folder_counts
        SET messages = messages - (old.pending_action IS NULL),
            unseen = unseen - (old.pending_action IS NULL AND old.seen = 0)
        WHERE folder_id = old.folder_id;
        UPDATE folder_counts
        SET messages = messages + (new.pending_action IS NULL),
            unseen = unseen + (new.pending_action IS NULL AND new.seen = 0)
        WHERE folder_id = new.folder_id;
      END;
      -- Conversations are counted from the head flag alone, whatever moved it.
      CREATE TRIGGER message_list_conversations AFTER UPDATE OF conversation_head, folder_id ON messages
      WHEN old.conversation_head IS NOT new.conversation_head OR old.folder_id IS NOT new.folder_id BEGIN
        UPDATE folder_counts SET conversations = conversations - old.conversation_head WHERE folder_id = old.folder_id;
        UPDATE folder_counts SET conversations = conversations + new.conversation_head WHERE folder_id = new.folder_id;
      END;
      -- The pair a row leaves and the pair it joins; a NULL thread (not threaded yet) leads nothing.
      CREATE TRIGGER message_list_heads_left
      AFTER UPDATE OF folder_id, thread_id, pending_action, internal_date, uid ON messages
      WHEN old.thread_id IS NOT NULL AND (old.folder_id IS NOT new.folder_id OR old.thread_id IS NOT new.thread_id
          OR old.pending_action IS NOT new.pending_action OR old.internal_date IS NOT new.internal_date
          OR old.uid IS NOT new.uid) BEGIN
        ${recomputeHead('old.folder_id', 'old.thread_id')}
      END;
      CREATE TRIGGER message_list_heads_joined
      AFTER UPDATE OF folder_id, thread_id, pending_action, internal_date, uid ON messages
      WHEN new.thread_id IS NOT NULL AND (old.folder_id IS NOT new.folder_id OR old.thread_id IS NOT new.thread_id
          OR old.pending_action IS NOT new.pending_action OR old.internal_date IS NOT new.internal_date
          OR old.uid IS NOT new.uid) BEGIN
        ${recomputeHead('new.folder_id', 'new.thread_id')}
      END;
    `);
  },
};
