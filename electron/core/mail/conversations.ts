/**
 * Conversation views over the synced headers: the list shows one row per
 * thread that has mail in the folder (its latest message there), and a
 * thread opens with all its messages across the account's folders, so the
 * replies filed in Envoyés sit between the messages of the inbox.
 */
import type { ConversationSummary, MessageSort, MessageSummary } from '../../../shared/contract/index.ts';
import type { Database } from '../db/database.ts';
import { summaryColumns, toSummary, type SummaryRow } from './summary-row.ts';

const orderBy: Readonly<Record<MessageSort, string>> = {
  date: 'last_date',
  from: 'm.sort_from',
  subject: 'm.sort_subject',
  size: 'm.size',
};

interface ConversationRow extends SummaryRow {
  thread_id: number;
  last_date: number;
  in_thread: number;
  unread: number;
}

export interface ConversationQuery {
  folderId: string;
  sort: MessageSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export function listConversations(
  db: Database,
  query: ConversationQuery,
): { total: number; conversations: ConversationSummary[] } {
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  // SQLite returns the bare columns of the row that holds max(): the latest message of each thread here.
  const rows = db
    .prepare<[string, number, number], ConversationRow>(
      `WITH latest AS (
         SELECT ${summaryColumns()}, thread_id, sort_from, sort_subject, max(internal_date) AS last_date
         FROM messages WHERE folder_id = ? AND pending_action IS NULL GROUP BY thread_id
       )
       SELECT m.*,
         (SELECT count(*) FROM messages t WHERE t.thread_id = m.thread_id) AS in_thread,
         (SELECT count(*) FROM messages t WHERE t.thread_id = m.thread_id AND t.seen = 0) AS unread
       FROM latest m
       ORDER BY ${orderBy[query.sort]} ${direction}, m.thread_id ${direction}
       LIMIT ? OFFSET ?`,
    )
    .all(query.folderId, query.limit, query.offset);
  const total =
    db
      .prepare<[string], { n: number }>(
        'SELECT count(DISTINCT thread_id) AS n FROM messages WHERE folder_id = ? AND pending_action IS NULL',
      )
      .get(query.folderId)?.n ?? 0;
  return {
    total,
    conversations: rows.map((row) => ({
      ...toSummary(row),
      threadId: row.thread_id,
      messageCount: row.in_thread,
      unreadCount: row.unread,
    })),
  };
}

/** Every message of a conversation, oldest first, whatever folder holds it. */
export function listThread(db: Database, threadId: number): MessageSummary[] {
  return db
    .prepare<[number], SummaryRow>(
      `SELECT ${summaryColumns()} FROM messages WHERE thread_id = ? ORDER BY internal_date ASC, id ASC`,
    )
    .all(threadId)
    .map(toSummary);
}
