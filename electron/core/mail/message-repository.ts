/**
 * Message headers in SQLite. Every write is one transaction over one batch,
 * so a killed sync leaves whole batches and a consistent folder behind.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Statement } from 'better-sqlite3';
import type { Database } from '../db/database.ts';
import type { FlagChange, MessageHeaders } from './model.ts';
import { senderSortKey, subjectSortKey } from './sort-keys.ts';
import { Threader, type ThreadInput } from './threading.ts';

/** UIDs read per statement when a whole folder is compared with the server (~10 ms each). */
const UID_CHUNK = 20_000;

function flagColumns(flags: readonly string[]) {
  const has = (flag: string) => (flags.some((f) => f.toLowerCase() === flag.toLowerCase()) ? 1 : 0);
  return {
    // Sorted, so two answers with the same flags compare equal as text.
    flags: JSON.stringify([...flags].sort()),
    seen: has('\\Seen'),
    flagged: has('\\Flagged'),
    answered: has('\\Answered'),
    draft: has('\\Draft'),
  };
}

/** SQLite integers are signed 64-bit; RFC 7162 modseqs fit (they are < 2^63). */
function modseqValue(modseq: bigint | undefined): bigint | null {
  return modseq === undefined ? null : modseq;
}

export class MessageRepository {
  readonly #db: Database;
  readonly #threads: Threader;

  constructor(db: Database) {
    this.#db = db;
    this.#threads = new Threader(db);
  }

  /** Inserts or refreshes a batch of headers; new messages join their conversation. Call inside a transaction. */
  upsert(folderId: string, batch: readonly MessageHeaders[]): void {
    const accountId =
      this.#db
        .prepare<[string], { account_id: string }>('SELECT account_id FROM folders WHERE id = ?')
        .get(folderId)?.account_id ?? '';
    const statement = this.#db.prepare<[Record<string, unknown>], { id: number; thread_id: number | null }>(
      `INSERT INTO messages (folder_id, uid, modseq, flags, seen, flagged, answered, draft, internal_date,
         sent_date, size, subject, sort_subject, sort_from, from_name, from_address, to_json, cc_json, message_id, in_reply_to, refs,
         list_id, has_attachments)
       VALUES (@folderId, @uid, @modseq, @flags, @seen, @flagged, @answered, @draft, @internalDate,
         @sentDate, @size, @subject, @sortSubject, @sortFrom, @fromName, @fromAddress, @to, @cc, @messageId, @inReplyTo, @refs,
         @listId, @hasAttachments)
       ON CONFLICT (folder_id, uid) DO UPDATE SET
         modseq = excluded.modseq, flags = excluded.flags, seen = excluded.seen, flagged = excluded.flagged,
         answered = excluded.answered, draft = excluded.draft
       RETURNING id, thread_id`,
    );
    const fresh: ThreadInput[] = [];
    let setReplyTo: Statement<[string, number]> | undefined;
    for (const m of batch) {
      const sortSubject = subjectSortKey(m.subject);
      const row = statement.get({
        folderId,
        uid: m.uid,
        modseq: modseqValue(m.modseq),
        ...flagColumns(m.flags),
        internalDate: m.internalDate,
        sentDate: m.sentDate ?? null,
        size: m.size,
        subject: m.subject,
        sortSubject,
        sortFrom: senderSortKey(m.from?.name, m.from?.address),
        fromName: m.from?.name ?? null,
        fromAddress: m.from?.address ?? null,
        to: JSON.stringify(m.to),
        cc: JSON.stringify(m.cc),
        messageId: m.messageId ?? null,
        inReplyTo: m.inReplyTo ?? null,
        refs: m.references.length > 0 ? m.references.join(' ') : null,
        listId: m.listId ?? null,
        hasAttachments: m.hasAttachments ? 1 : 0,
      });
      // Few messages have a Reply-To of their own: a second statement for those only (prepared
      // on first use, so profiles and tests on a schema before migration 14 never meet it).
      if (row && m.replyTo?.length) {
        setReplyTo ??= this.#db.prepare<[string, number]>(
          'UPDATE messages SET reply_to_json = ? WHERE id = ?',
        );
        setReplyTo.run(JSON.stringify(m.replyTo), row.id);
      }
      // A new row has no conversation yet; an updated one keeps its own.
      if (row && row.thread_id === null) {
        fresh.push({
          id: row.id,
          messageId: m.messageId,
          inReplyTo: m.inReplyTo,
          references: m.references,
          subject: m.subject,
          sortSubject,
          date: m.internalDate,
        });
      }
    }
    this.#threads.assign(accountId, fresh);
  }

  /** Applies flag changes to messages we have; returns how many rows changed. */
  applyFlags(folderId: string, changes: readonly FlagChange[]): number {
    const statement = this.#db.prepare(
      `UPDATE messages SET flags = @flags, seen = @seen, flagged = @flagged, answered = @answered, draft = @draft,
         modseq = COALESCE(@modseq, modseq)
       WHERE folder_id = @folderId AND uid = @uid AND flags IS NOT @flags`,
    );
    let changed = 0;
    for (const change of changes) {
      changed += statement.run({
        folderId,
        uid: change.uid,
        modseq: modseqValue(change.modseq),
        ...flagColumns(change.flags),
      }).changes;
    }
    return changed;
  }

  /** Removes the given UIDs; UIDs we do not have (VANISHED may over-report) change nothing. */
  remove(folderId: string, uids: Iterable<number>): number {
    const statement = this.#db.prepare('DELETE FROM messages WHERE folder_id = ? AND uid = ?');
    let removed = 0;
    for (const uid of uids) removed += statement.run(folderId, uid).changes;
    return removed;
  }

  removeAll(folderId: string): void {
    this.#db.prepare('DELETE FROM messages WHERE folder_id = ?').run(folderId);
  }

  /**
   * The folder's UIDs, ascending, read UID_CHUNK at a time with a turn of the event loop
   * between chunks: 200,000 UIDs in one read held the core for 80 ms.
   */
  async uids(folderId: string, chunkSize = UID_CHUNK): Promise<number[]> {
    const chunk = this.#db
      .prepare<[string, number, number], number>(
        'SELECT uid FROM messages WHERE folder_id = ? AND uid > ? ORDER BY uid LIMIT ?',
      )
      .pluck();
    const all: number[] = [];
    for (let after = 0; ;) {
      const uids = chunk.all(folderId, after, chunkSize);
      for (const uid of uids) all.push(uid);
      if (uids.length < chunkSize) return all;
      after = uids[uids.length - 1] ?? after;
      await yieldToEventLoop();
    }
  }

  /** uid → flags JSON, for the full comparison when the server has no CONDSTORE; read like uids(). */
  async flagsByUid(folderId: string, chunkSize = UID_CHUNK): Promise<Map<number, string>> {
    const chunk = this.#db
      .prepare<[string, number, number], [number, string]>(
        'SELECT uid, flags FROM messages WHERE folder_id = ? AND uid > ? ORDER BY uid LIMIT ?',
      )
      .raw();
    const flags = new Map<number, string>();
    for (let after = 0; ;) {
      const rows = chunk.all(folderId, after, chunkSize);
      for (const [uid, json] of rows) flags.set(uid, json);
      if (rows.length < chunkSize) return flags;
      after = rows[rows.length - 1]?.[0] ?? after;
      await yieldToEventLoop();
    }
  }

  maxUid(folderId: string): number {
    const row = this.#db
      .prepare<[string], { max: number | null }>('SELECT max(uid) AS max FROM messages WHERE folder_id = ?')
      .get(folderId);
    return row?.max ?? 0;
  }

  count(folderId: string): number {
    return (
      this.#db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE folder_id = ?')
        .get(folderId)?.n ?? 0
    );
  }
}
