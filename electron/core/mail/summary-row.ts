/**
 * One message-list row, read from `messages`: the columns every list query
 * selects and how they become the contract's MessageSummary. Shared by the
 * folder list and search so a row reads the same wherever it is shown.
 */
import type { MessageSummary } from '../../../shared/contract/index.ts';

export interface SummaryRow {
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

const columns = [
  'id',
  'folder_id',
  'uid',
  'subject',
  'from_name',
  'from_address',
  'to_json',
  'internal_date',
  'size',
  'seen',
  'flagged',
  'answered',
  'has_attachments',
];

/** The SELECT list, optionally qualified with a table alias ("m.id, m.folder_id, …"). */
export function summaryColumns(alias?: string): string {
  return columns.map((column) => (alias ? `${alias}.${column}` : column)).join(', ');
}

export function toSummary(row: SummaryRow): MessageSummary {
  return {
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
  };
}
