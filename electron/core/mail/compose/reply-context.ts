/**
 * The original message's headers as a reply or a forward needs them (shared/mail/reply.ts),
 * read from the cached row: nothing is fetched from the server.
 */
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { CartableError, type Result } from '../../../../shared/contract/index.ts';

interface ContextRow {
  subject: string;
  from_name: string | null;
  from_address: string | null;
  to_json: string;
  cc_json: string;
  reply_to_json: string | null;
  message_id: string | null;
  refs: string | null;
  sent_date: number | null;
  internal_date: number;
}

/** The columns are ours, but written from server bytes: parsed, not trusted to be well formed. */
const mailboxes = z.array(z.object({ name: z.string().catch(''), address: z.string() })).catch([]);

function parseMailboxes(json: string | null): Array<{ name: string; address: string }> {
  if (json === null) return [];
  try {
    return mailboxes.parse(JSON.parse(json));
  } catch {
    return [];
  }
}

export function replyContext(db: Database, messageId: number): Result<'mail.getReplyContext'> {
  const row = db
    .prepare<[number], ContextRow>(
      `SELECT subject, from_name, from_address, to_json, cc_json, reply_to_json, message_id, refs,
              sent_date, internal_date
       FROM messages WHERE id = ?`,
    )
    .get(messageId);
  if (!row) throw new CartableError('MESSAGE_NOT_FOUND', { id: messageId });
  return {
    ...(row.from_address === null ? {} : { from: { name: row.from_name ?? '', address: row.from_address } }),
    replyTo: parseMailboxes(row.reply_to_json),
    to: parseMailboxes(row.to_json),
    cc: parseMailboxes(row.cc_json),
    subject: row.subject,
    date: row.sent_date ?? row.internal_date,
    ...(row.message_id === null ? {} : { messageId: row.message_id }),
    references: row.refs === null ? [] : row.refs.split(' ').filter((id) => id !== ''),
  };
}
