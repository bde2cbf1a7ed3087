/**
 * Mail search: the user's text parsed (query.ts), then ONE parameterised SQL
 * shape — FTS5 MATCH for words, plain WHERE for dates, size and attachments —
 * scoped to a folder, an account or everything, newest first. Newest first is
 * rising `search_key` order (migration 11), which FTS5 and an index both walk
 * directly: a page costs its own rows, not a sort of every match.
 */
import type { MessageSummary } from '../../../../shared/contract/index.ts';
import type { Database } from '../../db/database.ts';
import { summaryColumns, toSummary, type SummaryRow } from '../summary-row.ts';
import { matchExpression } from './match-expression.ts';
import { parseQuery } from './query.ts';
import { hasSpilledKeys, keyLimitFrom, lowestKeyBefore } from './search-key.ts';

/**
 * Counting stops here: an exact count of a common word re-reads every match, which costs what
 * the sort used to. Past it the UI says « plus de 1000 »; nobody pages that far, they refine.
 */
export const TOTAL_CAP = 1000;

export interface SearchRequest {
  query: string;
  /** Wins over accountId when both are given: the current folder. */
  folderId?: string | undefined;
  /** All folders of this account; neither id means every account. */
  accountId?: string | undefined;
  offset: number;
  limit: number;
}

export interface SearchResult {
  /** Matches counted, up to max(TOTAL_CAP, offset + limit): never less than what was paged. */
  total: number;
  /** True when more matches exist than `total` says. */
  totalCapped: boolean;
  messages: MessageSummary[];
}

type Parameter = string | number | bigint;

interface Statement {
  sql: string;
  parameters: Parameter[];
}

export interface SearchStatements {
  page: Statement;
  count: Statement;
  /** The count statement stops one past this, to tell "exactly" from "more than". */
  countLimit: number;
}

/** The SQL a request runs (exported for the query-plan tests); undefined when there is nothing to search. */
export function searchStatements(db: Database, request: SearchRequest): SearchStatements | undefined {
  const query = parseQuery(request.query);
  const match = matchExpression(query.terms);
  const where: string[] = [];
  const parameters: Parameter[] = [];
  const filter = (condition: string, value: Parameter) => {
    where.push(condition);
    parameters.push(value);
  };

  if (match !== undefined) filter('message_search MATCH ?', match);
  if (query.before !== undefined) filter('m.internal_date < ?', query.before);
  if (query.after !== undefined) filter('m.internal_date >= ?', query.after);
  if (query.minSize !== undefined) filter('m.size > ?', query.minSize);
  if (query.hasAttachment !== undefined) filter('m.has_attachments = ?', query.hasAttachment ? 1 : 0);
  // An empty search box (or one holding only noise) finds nothing: the folder's list is shown instead.
  if (where.length === 0) return undefined;
  // Messages being moved or deleted are already gone for the user (mail.act applies at once).
  where.push('m.pending_action IS NULL');

  if (request.folderId !== undefined) filter('m.folder_id = ?', request.folderId);
  else if (request.accountId !== undefined)
    // Unary + keeps SQLite off the (folder_id, …) indexes here: an IN over several folders
    // cannot deliver key order, and the account usually holds most messages anyway.
    filter('+m.folder_id IN (SELECT id FROM folders WHERE account_id = ?)', request.accountId);

  // Words: FTS5 yields matches by rowid = search_key, newest first, and each is joined to its
  // message by one unique-index seek. CROSS JOIN keeps that loop order; INDEXED BY stops the
  // planner from probing with a range of messages_by_date per match instead (seen with après:).
  // Filters alone: the search_key indexes, newest first.
  const key = match === undefined ? 'm.search_key' : 'message_search.rowid';
  const from =
    match === undefined
      ? 'messages m'
      : `message_search CROSS JOIN messages m INDEXED BY messages_by_search_key
           ON m.search_key = message_search.rowid`;
  // Dates as key ranges too, so the walk starts at the right day rather than skipping to it.
  // The exact date conditions above stay: keys only have whole seconds.
  if ((query.before !== undefined || query.after !== undefined) && !hasSpilledKeys(db)) {
    if (query.before !== undefined) filter(`${key} >= ?`, lowestKeyBefore(query.before));
    if (query.after !== undefined) filter(`${key} < ?`, keyLimitFrom(query.after));
  }

  const condition = where.join(' AND ');
  const countLimit = Math.max(TOTAL_CAP, request.offset + request.limit);
  return {
    page: {
      sql: `SELECT ${summaryColumns('m')} FROM ${from} WHERE ${condition} ORDER BY ${key} LIMIT ? OFFSET ?`,
      parameters: [...parameters, request.limit, request.offset],
    },
    count: {
      sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${condition} LIMIT ?)`,
      parameters: [...parameters, countLimit + 1],
    },
    countLimit,
  };
}

export function searchMessages(db: Database, request: SearchRequest): SearchResult {
  const statements = searchStatements(db, request);
  if (statements === undefined) return { total: 0, totalCapped: false, messages: [] };
  const { page, count, countLimit } = statements;
  const rows = db.prepare<Parameter[], SummaryRow>(page.sql).all(...page.parameters);
  const counted = db.prepare<Parameter[], { n: number }>(count.sql).get(...count.parameters)?.n ?? 0;
  return {
    total: Math.min(counted, countLimit),
    totalCapped: counted > countLimit,
    messages: rows.map(toSummary),
  };
}
