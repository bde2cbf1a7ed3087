/**
 * The flat message list of a folder, sorted and paged in SQL: the renderer
 * asks for the rows it shows and nothing more.
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

export function listMessages(db: Database, query: ListQuery): { total: number; messages: MessageSummary[] } {
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare<[string, number, number], SummaryRow>(
      `SELECT ${summaryColumns()}
       FROM messages WHERE folder_id = ? AND pending_action IS NULL
       ORDER BY ${orderBy[query.sort]} ${direction}, uid ${direction}
       LIMIT ? OFFSET ?`,
    )
    .all(query.folderId, query.limit, query.offset);
  const total =
    db
      .prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM messages WHERE folder_id = ? AND pending_action IS NULL',
      )
      .get(query.folderId)?.n ?? 0;
  return { total, messages: rows.map(toSummary) };
}
