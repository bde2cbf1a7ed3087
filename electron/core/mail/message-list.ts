/**
 * The flat message list of a folder, sorted and paged in SQL: the renderer
 * asks for the rows it shows and nothing more.
 */
import type { MessageSort, MessageSummary } from '../../../shared/contract/index.ts';
import type { Database } from '../db/database.ts';

/** Whitelisted ORDER BY terms: the sort key never reaches SQL as text. */
const orderBy: Readonly<Record<MessageSort, string>> = {
  date: 'internal_date',
  from: 'sort_from',
  subject: 'sort_subject',
  size: 'size',
};

interface Row {
  id: number;
  folder_id: string;
  uid: number;
  subject: string;
  from_name: string | null;
  from_address: string | null;
  to_json: string;
  internal_date: number;
  size: number;
  seen: number;
  flagged: number;
  answered: number;
  has_attachments: number;
}

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
    .prepare<[string, number, number], Row>(
      `SELECT id, folder_id, uid, subject, from_name, from_address, to_json, internal_date, size, seen, flagged,
              answered, has_attachments
       FROM messages WHERE folder_id = ?
       ORDER BY ${orderBy[query.sort]} ${direction}, uid ${direction}
       LIMIT ? OFFSET ?`,
    )
    .all(query.folderId, query.limit, query.offset);
  const total =
    db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE folder_id = ?')
      .get(query.folderId)?.n ?? 0;
  return {
    total,
    messages: rows.map((row) => ({
      id: row.id,
      folderId: row.folder_id,
      uid: row.uid,
      subject: row.subject,
      ...(row.from_address !== null || row.from_name !== null
        ? { from: { name: row.from_name ?? '', address: row.from_address ?? '' } }
        : {}),
      to: JSON.parse(row.to_json) as MessageSummary['to'],
      date: row.internal_date,
      size: row.size,
      seen: row.seen === 1,
      flagged: row.flagged === 1,
      answered: row.answered === 1,
      hasAttachments: row.has_attachments === 1,
    })),
  };
}
