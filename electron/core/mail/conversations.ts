/**
 * Conversation views over the synced headers: the list shows one row per
 * thread that has mail in the folder (its latest message there, flagged
 * `conversation_head` by migration 13's triggers), and a thread opens with
 * all its messages across the account's folders, so the replies filed in
 * Envoyés sit between the messages of the inbox.
 */
import type { ConversationSummary, MessageSort, MessageSummary } from '../../../shared/contract/index.ts';
import type { Database } from '../db/database.ts';
import { folderCounts } from './message-list.ts';
import { summaryColumns, toSummary, type SummaryRow } from './summary-row.ts';

/** Each walks one of the partial conversations_by_* indexes, which hold heads only. */
const orderBy: Readonly<Record<MessageSort, string>> = {
  date: 'm.internal_date',
  from: 'm.sort_from',
  subject: 'm.sort_subject',
  size: 'm.size',
};

interface ConversationRow extends SummaryRow {
  thread_id: number;
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

/** The page's SQL, exported for the query-plan tests. */
export function listConversationsSql(sort: MessageSort, order: 'asc' | 'desc'): string {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  // The thread's figures are read for the page's rows only: OFFSET skips before the SELECT list.
  return `SELECT ${summaryColumns('m')}, m.thread_id,
      (SELECT count(*) FROM messages t WHERE t.thread_id = m.thread_id) AS in_thread,
      (SELECT count(*) FROM messages t WHERE t.thread_id = m.thread_id AND t.seen = 0) AS unread
    FROM messages m WHERE m.folder_id = ? AND m.conversation_head = 1
    ORDER BY ${orderBy[sort]} ${direction}, m.uid ${direction}
    LIMIT ? OFFSET ?`;
}

export function listConversations(
  db: Database,
  query: ConversationQuery,
): { total: number; conversations: ConversationSummary[] } {
  const read = db.transaction(() => ({
    rows: db
      .prepare<[string, number, number], ConversationRow>(listConversationsSql(query.sort, query.order))
      .all(query.folderId, query.limit, query.offset),
    total: folderCounts(db, query.folderId).conversations,
  }));
  const { rows, total } = read.deferred();
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
