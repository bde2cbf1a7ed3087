/**
 * The flat message list of a folder, sorted and paged in SQL: the renderer
 * asks for the rows it shows and nothing more. Every sort walks its index
 * (migration 13: the sort key, then uid, then pending_action), so a page at
 * any offset skips rows inside the index, and the total is a kept count.
 */
import type { MessageSort, MessageSummary } from '../../../shared/contract/index.ts';
import type { Database } from '../db/database.ts';
import { summaryColumns, toSummary, type SummaryRow } from './summary-row.ts';

/** Whitelisted ORDER BY terms: the sort key never reaches SQL as text. */
const orderBy: Readonly<Record<MessageSort, string>> = {
  date: 'internal_date',
  from: 'sort_from',
  subject: 'sort_subject',
  size: 'size',
};

export interface ListQuery {
  folderId: string;
  sort: MessageSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** The page's SQL, exported for the query-plan tests. */
export function listMessagesSql(sort: MessageSort, order: 'asc' | 'desc'): string {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  return `SELECT ${summaryColumns()}
    FROM messages WHERE folder_id = ? AND pending_action IS NULL
    ORDER BY ${orderBy[sort]} ${direction}, uid ${direction}
    LIMIT ? OFFSET ?`;
}

/** The folder's visible, unread and conversation counts, kept by migration 13's triggers. */
export function folderCounts(
  db: Database,
  folderId: string,
): { messages: number; unseen: number; conversations: number } {
  return (
    db
      .prepare<[string], { messages: number; unseen: number; conversations: number }>(
        'SELECT messages, unseen, conversations FROM folder_counts WHERE folder_id = ?',
      )
      .get(folderId) ?? { messages: 0, unseen: 0, conversations: 0 }
  );
}

export function listMessages(db: Database, query: ListQuery): { total: number; messages: MessageSummary[] } {
  const read = db.transaction(() => ({
    rows: db
      .prepare<[string, number, number], SummaryRow>(listMessagesSql(query.sort, query.order))
      .all(query.folderId, query.limit, query.offset),
    total: folderCounts(db, query.folderId).messages,
  }));
  // One read transaction: the page and its total describe the same moment.
  const { rows, total } = read.deferred();
  return { total, messages: rows.map(toSummary) };
}
