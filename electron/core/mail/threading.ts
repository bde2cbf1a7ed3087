/**
 * Puts each new message into a conversation, JWZ-style
 * (https://www.jwz.org/doc/threading.html), within one account and across
 * its folders, so a reply in Envoyés joins the thread of the inbox:
 * 1. a message joins the thread of any message it references (In-Reply-To,
 *    References), and of any stored message that references it (a parent
 *    that arrives after its replies); several such threads are merged;
 * 2. a reply ("Re:", "TR:") with no usable reference joins the latest
 *    conversation of the same base subject within SUBJECT_WINDOW_MS;
 * 3. otherwise it starts its own conversation.
 */
import type { Database } from '../db/database.ts';

/** Two "Re: Réunion" a season apart are different meetings. */
export const SUBJECT_WINDOW_MS = 45 * 24 * 3600_000;

const replyPrefix = /^\s*(?:re|tr|fw|fwd|réf|ref|aw|wg|rv|sv)\s*(?:\[\d+\])?\s*:/i;

export interface ThreadInput {
  id: number;
  accountId: string;
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: readonly string[];
  subject: string;
  sortSubject: string;
  date: number;
}

export class Threader {
  readonly #byMessageId;
  readonly #referencing;
  readonly #bySubject;
  readonly #addRef;
  readonly #setThread;
  readonly #merge;

  constructor(db: Database) {
    const inAccount = 'JOIN folders f ON f.id = m.folder_id AND f.account_id = ?';
    this.#byMessageId = db.prepare<[string, string], { thread_id: number }>(
      `SELECT DISTINCT m.thread_id FROM messages m ${inAccount} WHERE m.message_id = ? AND m.thread_id IS NOT NULL`,
    );
    this.#referencing = db.prepare<[string, string], { thread_id: number }>(
      `SELECT DISTINCT m.thread_id FROM message_refs r JOIN messages m ON m.id = r.message_id ${inAccount}
       WHERE r.ref = ? AND m.thread_id IS NOT NULL`,
    );
    this.#bySubject = db.prepare<[string, string, number, number], { thread_id: number }>(
      `SELECT m.thread_id FROM messages m ${inAccount}
       WHERE m.sort_subject = ? AND m.internal_date BETWEEN ? AND ? AND m.thread_id IS NOT NULL
       ORDER BY m.internal_date DESC LIMIT 1`,
    );
    this.#addRef = db.prepare('INSERT INTO message_refs (message_id, ref) VALUES (?, ?)');
    this.#setThread = db.prepare('UPDATE messages SET thread_id = ? WHERE id = ?');
    this.#merge = db.prepare('UPDATE messages SET thread_id = ? WHERE thread_id = ?');
  }

  /** Call inside the transaction that inserted the message. Returns its thread id. */
  assign(message: ThreadInput): number {
    const refs = [...new Set([...message.references, ...(message.inReplyTo ? [message.inReplyTo] : [])])];
    for (const ref of refs) this.#addRef.run(message.id, ref);

    const found = new Set<number>();
    for (const ref of refs)
      for (const row of this.#byMessageId.all(message.accountId, ref)) found.add(row.thread_id);
    if (message.messageId) {
      for (const row of this.#referencing.all(message.accountId, message.messageId)) found.add(row.thread_id);
      // The same message in another folder (a copy in Envoyés, a move) is the same conversation.
      for (const row of this.#byMessageId.all(message.accountId, message.messageId)) found.add(row.thread_id);
    }
    found.delete(message.id);

    let thread: number;
    if (found.size > 0) {
      // The oldest thread id survives a merge, so open conversations keep their id.
      thread = Math.min(...found);
      for (const other of found) if (other !== thread) this.#merge.run(thread, other);
    } else if (refs.length === 0 && replyPrefix.test(message.subject) && message.sortSubject !== '') {
      const window = [message.date - SUBJECT_WINDOW_MS, message.date + SUBJECT_WINDOW_MS] as const;
      thread =
        this.#bySubject.get(message.accountId, message.sortSubject, window[0], window[1])?.thread_id ??
        message.id;
    } else {
      thread = message.id;
    }
    this.#setThread.run(thread, message.id);
    return thread;
  }
}
