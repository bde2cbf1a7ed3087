/**
 * Outbox rows in SQLite. Every state change is one guarded UPDATE (`WHERE state IN …`), so two
 * callers racing on the same row (the send task and an undo) cannot both win.
 */
import { insertTaskRow } from '../../tasks/queue.ts';
import {
  cartableErrorSchema,
  outboxItemSchema,
  type CartableError,
  type OutboxItem,
  type OutboxState,
} from '../../../../shared/contract/index.ts';
import type { Database } from '../../db/database.ts';
import { nextState, statesAllowing, type OutboxEvent } from './state.ts';

export type SentCopy = OutboxItem['sentCopy'];

interface OutboxRow {
  id: string;
  account_id: string;
  message_id: string;
  subject: string;
  to_json: string;
  envelope_json: string;
  raw: Buffer;
  state: OutboxState;
  send_at: string;
  attempts: number;
  task_id: string | null;
  sent_copy: SentCopy;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  error_json: string | null;
  draft_id: string | null;
}

export interface OutboxRecord {
  id: string;
  accountId: string;
  messageId: string;
  state: OutboxState;
  raw: Buffer;
  envelope: { from: string; to: string[] };
  attempts: number;
  taskId: string | null;
  sentCopy: SentCopy;
  createdAt: string;
  /** The draft it was written in, removed once the message is sent. */
  draftId: string | null;
}

export interface NewOutboxRow {
  id: string;
  accountId: string;
  messageId: string;
  subject: string;
  to: Array<{ name: string; address: string }>;
  envelope: { from: string; to: string[] };
  raw: Buffer;
  sendAt: string;
  now: string;
  draftId?: string;
}

export const SEND_TASK = 'mail.send';
export const SENT_COPY_TASK = 'mail.fileSentCopy';

export class OutboxRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  transaction<T>(run: () => T): T {
    return this.#db.transaction(run)();
  }

  /**
   * A task row due at `runAt`. TaskQueue.enqueue has no "not before"; writing the row here
   * also puts it in the same transaction as the outbox row it serves. The caller kicks the queue.
   */
  insertTask(
    kind: string,
    payload: { accountId: string; outboxId: string },
    runAt: string,
    now: string,
  ): string {
    return insertTaskRow(this.#db, kind, payload, new Date(runAt), new Date(now));
  }

  insert(row: NewOutboxRow): void {
    this.transaction(() => {
      const taskId = this.insertTask(
        SEND_TASK,
        { accountId: row.accountId, outboxId: row.id },
        row.sendAt,
        row.now,
      );
      this.#db
        .prepare(
          `INSERT INTO outbox (id, account_id, message_id, subject, to_json, envelope_json, raw, state, send_at,
             attempts, task_id, sent_copy, created_at, updated_at, draft_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, 0, ?, 'pending', ?, ?, ?)`,
        )
        .run(
          row.id,
          row.accountId,
          row.messageId,
          row.subject,
          JSON.stringify(row.to),
          JSON.stringify(row.envelope),
          row.raw,
          row.sendAt,
          taskId,
          row.now,
          row.now,
          row.draftId ?? null,
        );
    });
  }

  get(id: string): OutboxRecord | undefined {
    const row = this.#db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE id = ?').get(id);
    if (!row) return undefined;
    return {
      id: row.id,
      accountId: row.account_id,
      messageId: row.message_id,
      state: row.state,
      raw: row.raw,
      envelope: JSON.parse(row.envelope_json) as OutboxRecord['envelope'],
      attempts: row.attempts,
      taskId: row.task_id,
      sentCopy: row.sent_copy,
      createdAt: row.created_at,
      draftId: row.draft_id,
    };
  }

  list(accountId?: string, limit = 200): OutboxItem[] {
    const rows =
      accountId === undefined
        ? this.#db
            .prepare<[number], OutboxRow>('SELECT * FROM outbox ORDER BY created_at DESC, id LIMIT ?')
            .all(limit)
        : this.#db
            .prepare<[string, number], OutboxRow>(
              'SELECT * FROM outbox WHERE account_id = ? ORDER BY created_at DESC, id LIMIT ?',
            )
            .all(accountId, limit);
    return rows.map((row) =>
      outboxItemSchema.parse({
        id: row.id,
        accountId: row.account_id,
        messageId: row.message_id,
        subject: row.subject,
        to: JSON.parse(row.to_json) as unknown,
        state: row.state,
        sendAt: row.send_at,
        attempts: row.attempts,
        createdAt: row.created_at,
        ...(row.sent_at === null ? {} : { sentAt: row.sent_at }),
        sentCopy: row.sent_copy,
        ...(row.error_json === null ? {} : { error: cartableErrorSchema.parse(JSON.parse(row.error_json)) }),
      }),
    );
  }

  /**
   * Applies `event` if the row is in a state that allows it; false when it is not (someone else
   * moved it first). `fields` are written in the same statement.
   */
  apply(
    id: string,
    event: OutboxEvent,
    now: string,
    fields: {
      error?: CartableError | null;
      sendAt?: string;
      taskId?: string | null;
      attempts?: number;
      sentAt?: string;
      sentCopy?: SentCopy;
    } = {},
  ): boolean {
    const from = statesAllowing(event);
    const row = this.#db
      .prepare<[string], { state: OutboxState }>('SELECT state FROM outbox WHERE id = ?')
      .get(id);
    if (!row || !from.includes(row.state)) return false;
    const to = nextState(row.state, event);
    const result = this.#db
      .prepare(
        `UPDATE outbox SET state = ?, updated_at = ?,
           error_json = CASE WHEN ? THEN ? ELSE error_json END,
           send_at = COALESCE(?, send_at),
           task_id = CASE WHEN ? THEN ? ELSE task_id END,
           attempts = COALESCE(?, attempts),
           sent_at = COALESCE(?, sent_at),
           sent_copy = COALESCE(?, sent_copy)
         WHERE id = ? AND state = ?`,
      )
      .run(
        to,
        now,
        fields.error === undefined ? 0 : 1,
        fields.error ? JSON.stringify(fields.error.toShape()) : null,
        fields.sendAt ?? null,
        fields.taskId === undefined ? 0 : 1,
        fields.taskId ?? null,
        fields.attempts ?? null,
        fields.sentAt ?? null,
        fields.sentCopy ?? null,
        id,
        row.state,
      );
    return result.changes === 1;
  }

  setSentCopy(id: string, sentCopy: SentCopy, now: string): void {
    this.#db.prepare('UPDATE outbox SET sent_copy = ?, updated_at = ? WHERE id = ?').run(sentCopy, now, id);
  }

  deleteTask(taskId: string): void {
    // Only a task that has not started: a running one finds the row cancelled and does nothing.
    this.#db.prepare("DELETE FROM tasks WHERE id = ? AND state = 'pending'").run(taskId);
  }

  /**
   * After a crash: a row still 'sending' may or may not have reached the server. Returns the
   * accounts touched.
   */
  markInterruptedUncertain(error: CartableError, now: string): string[] {
    const rows = this.#db
      .prepare<[string, string], { account_id: string }>(
        `UPDATE outbox SET state = 'uncertain', error_json = ?, updated_at = ?
         WHERE state = 'sending' RETURNING account_id`,
      )
      .all(JSON.stringify(error.toShape()), now);
    return [...new Set(rows.map((row) => row.account_id))];
  }

  /** Scheduled rows whose task is gone (failed for good, or deleted): they need a new one. */
  orphanedScheduled(): Array<{ id: string; accountId: string }> {
    return this.#db
      .prepare<[], { id: string; account_id: string }>(
        `SELECT o.id, o.account_id FROM outbox o
         LEFT JOIN tasks t ON t.id = o.task_id AND t.state IN ('pending', 'running')
         WHERE o.state = 'scheduled' AND t.id IS NULL`,
      )
      .all()
      .map((row) => ({ id: row.id, accountId: row.account_id }));
  }

  setTask(id: string, taskId: string): void {
    this.#db.prepare('UPDATE outbox SET task_id = ? WHERE id = ?').run(taskId, id);
  }

  /** The Sent folder the sync found (SPECIAL-USE or a known name), if it has run. */
  sentFolderPath(accountId: string): string | undefined {
    return this.#db
      .prepare<[string], { path: string }>(
        "SELECT path FROM folders WHERE account_id = ? AND special_use = 'sent' ORDER BY path LIMIT 1",
      )
      .get(accountId)?.path;
  }
}
