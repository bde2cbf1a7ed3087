/**
 * Draft rows in SQLite. A save writes the row and queues its upload in one transaction, so a
 * crash leaves either both or neither; the upload records success only for the version it
 * put on the server, so a newer save made meanwhile is never marked as uploaded.
 */
import {
  cartableErrorSchema,
  draftMessageSchema,
  draftSchema,
  draftSummarySchema,
  type CartableError,
  type Draft,
  type DraftMessage,
  type DraftSummary,
} from '../../../../shared/contract/index.ts';
import type { Database } from '../../db/database.ts';
import { insertTaskRow } from '../../tasks/queue.ts';
import type { DraftTaskKind, DraftTaskPayload } from './model.ts';

interface DraftRow {
  id: string;
  account_id: string;
  message_json: string;
  subject: string;
  to_json: string;
  version: number;
  version_id: string;
  uploaded_version: number | null;
  error_json: string | null;
  created_at: string;
  updated_at: string;
}

/** What the upload task needs of a draft: one version, as it was when read. */
export interface DraftRecord {
  id: string;
  accountId: string;
  message: DraftMessage;
  version: number;
  /** New on every save: the left part of this version's Message-ID. */
  versionId: string;
  uploadedVersion: number | null;
  updatedAt: string;
}

export interface SavedDraft {
  id: string;
  accountId: string;
  message: DraftMessage;
  versionId: string;
  now: string;
}

export class DraftRepository {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  transaction<T>(run: () => T): T {
    return this.#db.transaction(run)();
  }

  #row(id: string): DraftRow | undefined {
    return this.#db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE id = ?').get(id);
  }

  get(id: string): DraftRecord | undefined {
    const row = this.#row(id);
    if (!row) return undefined;
    return {
      id: row.id,
      accountId: row.account_id,
      message: draftMessageSchema.parse(JSON.parse(row.message_json)),
      version: row.version,
      versionId: row.version_id,
      uploadedVersion: row.uploaded_version,
      updatedAt: row.updated_at,
    };
  }

  /** The draft for the compose window. */
  open(id: string): Draft | undefined {
    const row = this.#row(id);
    if (!row) return undefined;
    return draftSchema.parse({
      ...this.#status(row),
      message: JSON.parse(row.message_json) as unknown,
    });
  }

  list(accountId?: string, limit = 500): DraftSummary[] {
    const rows =
      accountId === undefined
        ? this.#db
            .prepare<[number], DraftRow>('SELECT * FROM drafts ORDER BY updated_at DESC, id LIMIT ?')
            .all(limit)
        : this.#db
            .prepare<[string, number], DraftRow>(
              'SELECT * FROM drafts WHERE account_id = ? ORDER BY updated_at DESC, id LIMIT ?',
            )
            .all(accountId, limit);
    return rows.map((row) =>
      draftSummarySchema.parse({
        ...this.#status(row),
        subject: row.subject,
        to: JSON.parse(row.to_json) as unknown,
      }),
    );
  }

  #status(row: DraftRow) {
    return {
      id: row.id,
      accountId: row.account_id,
      updatedAt: row.updated_at,
      onServer: row.uploaded_version === row.version,
      ...(row.error_json === null ? {} : { error: cartableErrorSchema.parse(JSON.parse(row.error_json)) }),
    };
  }

  /**
   * Inserts the draft, or stores a new version of it (one more, with its own Message-ID).
   * Returns the account it belonged to before, when it moved (the user changed the sender).
   */
  save(draft: SavedDraft): { previousAccountId: string | undefined } {
    const before = this.#row(draft.id);
    const to = draft.message.to.map((r) => ({ name: r.name, address: r.address }));
    this.#db
      .prepare(
        `INSERT INTO drafts (id, account_id, message_json, subject, to_json, version, version_id, created_at, updated_at)
         VALUES (@id, @accountId, @message, @subject, @to, 1, @versionId, @now, @now)
         ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, message_json = excluded.message_json,
           subject = excluded.subject, to_json = excluded.to_json, version = drafts.version + 1,
           version_id = excluded.version_id, updated_at = excluded.updated_at,
           -- A draft moved to another account has no copy there yet.
           uploaded_version = CASE WHEN drafts.account_id = excluded.account_id THEN drafts.uploaded_version END`,
      )
      .run({
        id: draft.id,
        accountId: draft.accountId,
        message: JSON.stringify(draft.message),
        subject: draft.message.subject,
        to: JSON.stringify(to),
        versionId: draft.versionId,
        now: draft.now,
      });
    const moved = before !== undefined && before.account_id !== draft.accountId;
    return { previousAccountId: moved ? before.account_id : undefined };
  }

  /**
   * This version is on the server and every older copy is gone. Only if the row still holds
   * that version: a save made while the upload ran has its own upload queued.
   */
  markUploaded(id: string, version: number): boolean {
    return (
      this.#db
        .prepare('UPDATE drafts SET uploaded_version = ?, error_json = NULL WHERE id = ? AND version = ?')
        .run(version, id, version).changes === 1
    );
  }

  setError(id: string, error: CartableError): void {
    this.#db
      .prepare('UPDATE drafts SET error_json = ? WHERE id = ?')
      .run(JSON.stringify(error.toShape()), id);
  }

  /** Returns the account the draft belonged to, or undefined when there was no such draft. */
  delete(id: string): string | undefined {
    return this.#db
      .prepare<[string], { account_id: string }>('DELETE FROM drafts WHERE id = ? RETURNING account_id')
      .get(id)?.account_id;
  }

  /**
   * Queues the task unless the same one is still waiting: ten saves before the upload starts
   * need one upload, of the latest version. A running one does not count: it may have read an
   * older version. Written with the caller's transaction; the queue runs it after the commit.
   */
  queueOnce(kind: DraftTaskKind, payload: DraftTaskPayload, now: Date): void {
    const waiting = this.#db
      .prepare("SELECT 1 FROM tasks WHERE kind = ? AND payload_json = ? AND state = 'pending'")
      .get(kind, JSON.stringify(payload));
    if (!waiting) insertTaskRow(this.#db, kind, payload, now, now);
  }

  /**
   * Removals that gave up (offline longer than the queue's retries) run again at each start:
   * the row they would clean up after is gone, nothing else would ever remove those copies.
   */
  retryFailed(kind: DraftTaskKind, now: Date): number {
    return this.#db
      .prepare(
        "UPDATE tasks SET state = 'pending', attempts = 0, next_at = ?, updated_at = ? WHERE kind = ? AND state = 'failed'",
      )
      .run(now.toISOString(), now.toISOString(), kind).changes;
  }

  /**
   * Drafts whose latest version is not on the server and that no waiting task will upload
   * (it failed for good: a full mailbox, no network for too long). Retried at each start.
   */
  notUploaded(uploadKind: DraftTaskKind): Array<{ id: string; accountId: string }> {
    return this.#db
      .prepare<[string], { id: string; account_id: string }>(
        `SELECT d.id, d.account_id FROM drafts d
         WHERE d.uploaded_version IS NOT d.version
           AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.kind = ? AND t.state IN ('pending', 'running')
                           AND json_extract(t.payload_json, '$.draftId') = d.id)`,
      )
      .all(uploadKind)
      .map((row) => ({ id: row.id, accountId: row.account_id }));
  }

  /** The Drafts folder the folder sync found (SPECIAL-USE or a known name), if it has run. */
  draftsFolderPath(accountId: string): string | undefined {
    return this.#db
      .prepare<[string], { path: string }>(
        "SELECT path FROM folders WHERE account_id = ? AND special_use = 'drafts' ORDER BY path LIMIT 1",
      )
      .get(accountId)?.path;
  }
}
