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
 *
 * A sync writes a thousand messages per transaction, so the links are read
 * for the whole batch in two queries and followed in memory; a lookup per
 * reference per message was half of the header sync's time. The outcome is
 * the same as threading the batch's messages one after the other.
 */
import type { Database } from '../db/database.ts';

/** Two "Re: Réunion" a season apart are different meetings. */
export const SUBJECT_WINDOW_MS = 45 * 24 * 3600_000;

const replyPrefix = /^\s*(?:re|tr|fw|fwd|réf|ref|aw|wg|rv|sv)\s*(?:\[\d+\])?\s*:/i;

export interface ThreadInput {
  id: number;
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: readonly string[];
  subject: string;
  sortSubject: string;
  date: number;
}

/** Message-ID → thread ids, kept up to date while a batch is threaded. */
class ThreadIndex {
  readonly #map = new Map<string, Set<number>>();

  add(key: string, thread: number): void {
    const threads = this.#map.get(key);
    if (threads) threads.add(thread);
    else this.#map.set(key, new Set([thread]));
  }

  get(key: string): Iterable<number> {
    return this.#map.get(key) ?? [];
  }
}

function referencesOf(message: ThreadInput): string[] {
  return [...new Set([...message.references, ...(message.inReplyTo ? [message.inReplyTo] : [])])];
}

export class Threader {
  readonly #byMessageIds;
  readonly #referencing;
  readonly #bySubject;
  readonly #addRefs;
  readonly #setThread;
  readonly #merge;

  constructor(db: Database) {
    const inAccount = 'JOIN folders f ON f.id = m.folder_id AND f.account_id = ?';
    // Parameters: the keys (JSON), then the account. CROSS JOIN fixes the order: from the batch's few keys into the indexes. Left to
    // itself the planner walked the account's whole folder instead (seconds a batch at 100k).
    this.#byMessageIds = db.prepare<[string, string], { key: string; thread_id: number }>(
      `SELECT DISTINCT k.value AS key, m.thread_id
       FROM json_each(?) k CROSS JOIN messages m ON m.message_id = k.value ${inAccount}
       WHERE m.thread_id IS NOT NULL`,
    );
    this.#referencing = db.prepare<[string, string], { key: string; thread_id: number }>(
      `SELECT DISTINCT k.value AS key, m.thread_id
       FROM json_each(?) k CROSS JOIN message_refs r ON r.ref = k.value
       CROSS JOIN messages m ON m.id = r.message_id ${inAccount}
       WHERE m.thread_id IS NOT NULL`,
    );
    this.#bySubject = db.prepare<[string, string, number, number], { thread_id: number }>(
      // By subject per folder: the date index would walk 45 days of a big inbox per lookup.
      `SELECT m.thread_id FROM folders f CROSS JOIN messages m INDEXED BY messages_by_subject
       ON m.folder_id = f.id AND f.account_id = ?
       WHERE m.sort_subject = ? AND m.internal_date BETWEEN ? AND ? AND m.thread_id IS NOT NULL
       ORDER BY m.internal_date DESC LIMIT 1`,
    );
    this.#addRefs = db.prepare<[string]>(
      `INSERT INTO message_refs (message_id, ref)
       SELECT value ->> 0, value ->> 1 FROM json_each(?)`,
    );
    this.#setThread = db.prepare('UPDATE messages SET thread_id = ? WHERE id = ?');
    this.#merge = db.prepare('UPDATE messages SET thread_id = ? WHERE thread_id = ?');
  }

  /**
   * Threads messages just inserted (thread_id still NULL), in the order given.
   * Call inside the transaction that inserted them.
   */
  assign(accountId: string, batch: readonly ThreadInput[]): void {
    if (batch.length === 0) return;
    const refs = new Map(batch.map((message) => [message.id, referencesOf(message)]));
    this.#addRefs.run(JSON.stringify(batch.flatMap((m) => (refs.get(m.id) ?? []).map((ref) => [m.id, ref]))));

    // Threads of stored messages whose Message-ID is one of ours or one we reference,
    // and of stored messages referencing one of ours.
    const wanted = new Set<string>();
    for (const message of batch) {
      if (message.messageId) wanted.add(message.messageId);
      for (const ref of refs.get(message.id) ?? []) wanted.add(ref);
    }
    const byMessageId = new ThreadIndex();
    for (const row of this.#byMessageIds.all(JSON.stringify([...wanted]), accountId))
      byMessageId.add(row.key, row.thread_id);
    const ownIds = batch.flatMap((m) => (m.messageId ? [m.messageId] : []));
    const referencing = new ThreadIndex();
    for (const row of this.#referencing.all(JSON.stringify(ownIds), accountId))
      referencing.add(row.key, row.thread_id);

    // Merged threads, so links read before a merge still lead to the surviving thread.
    const mergedInto = new Map<number, number>();
    const current = (thread: number): number => {
      let t = thread;
      for (let next = mergedInto.get(t); next !== undefined; next = mergedInto.get(t)) t = next;
      return t;
    };

    for (const message of batch) {
      const own = refs.get(message.id) ?? [];
      const found = new Set<number>();
      for (const ref of own) for (const t of byMessageId.get(ref)) found.add(current(t));
      if (message.messageId) {
        for (const t of referencing.get(message.messageId)) found.add(current(t));
        // The same message in another folder (a copy in Envoyés, a move) is the same conversation.
        for (const t of byMessageId.get(message.messageId)) found.add(current(t));
      }
      found.delete(message.id);

      let thread: number;
      if (found.size > 0) {
        // The oldest thread id survives a merge, so open conversations keep their id.
        thread = Math.min(...found);
        for (const other of found) {
          if (other === thread) continue;
          this.#merge.run(thread, other);
          mergedInto.set(other, thread);
        }
      } else if (own.length === 0 && replyPrefix.test(message.subject) && message.sortSubject !== '') {
        const window = [message.date - SUBJECT_WINDOW_MS, message.date + SUBJECT_WINDOW_MS] as const;
        thread =
          this.#bySubject.get(accountId, message.sortSubject, window[0], window[1])?.thread_id ?? message.id;
      } else {
        thread = message.id;
      }
      this.#setThread.run(thread, message.id);
      // What later messages of this batch would have read from the database.
      if (message.messageId) byMessageId.add(message.messageId, thread);
      for (const ref of own) referencing.add(ref, thread);
    }
  }
}
