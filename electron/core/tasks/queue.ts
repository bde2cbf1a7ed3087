/**
 * Persisted tasks: every user action and the sync work it starts is a row
 * first, then run. Rows survive a restart (a task caught "running" by a crash
 * runs again), transient network failures retry with exponential backoff,
 * and other failures stay visible with their error.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  CartableError,
  cartableErrorSchema,
  taskSchema,
  type ErrorCode,
  type Task,
} from '../../../shared/contract/index.ts';
import type { Database } from '../db/database.ts';
import type { Clock, Logger } from '../ports.ts';

/** Past this many tries a transient failure is treated as lasting. */
export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 10 * 60_000;
const retryable = new Set<ErrorCode>(['NETWORK', 'TIMEOUT', 'HOST_NOT_FOUND', 'PORT_CLOSED']);

type TaskState = Task['state'];

/** A failure the queue retries later (with backoff) rather than one it records for good. */
export function isTransient(error: unknown): boolean {
  return error instanceof CartableError && retryable.has(error.code);
}

interface TaskRow {
  id: string;
  kind: string;
  payload_json: string;
  state: TaskState;
  attempts: number;
  next_at: string;
  created_at: string;
  error_json: string | null;
}

interface Handler {
  schema: z.ZodType;
  run(payload: unknown): Promise<void>;
}

export interface TaskQueueDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  onChanged(task: { taskId: string; kind: string; state: TaskState }): void;
}

/** setTimeout fires at once past this (2^31 - 1 ms, about 24.8 days): later rows wait in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface WrittenRow {
  id: string;
  kind: string;
}

/**
 * The queue serving each database hears of every row insertTaskRow writes, whoever the caller,
 * so no caller can forget to announce its task or to wake the queue for it.
 */
const rowListeners = new WeakMap<Database, (row: WrittenRow) => void>();

/**
 * Writes a pending task row due at `runAt`: the one place that knows the row's shape. Callers
 * may write it inside their own transaction (an action's undo window, an outbox item): the
 * queue announces the row (`tasks.changed`) and arms its timer for `runAt` once that
 * transaction has committed, and never for a row a rollback took back.
 */
export function insertTaskRow(db: Database, kind: string, payload: unknown, runAt: Date, now: Date): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO tasks (id, kind, payload_json, state, attempts, next_at, created_at, updated_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
  ).run(id, kind, JSON.stringify(payload), runAt.toISOString(), now.toISOString(), now.toISOString());
  rowListeners.get(db)?.({ id, kind });
  return id;
}

export class TaskQueue {
  readonly #deps: TaskQueueDeps;
  readonly #handlers = new Map<string, Handler>();
  #running: Promise<void> | undefined;
  /** A kick that arrived while draining: drain again instead of losing it. */
  #kickedWhileRunning = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #started = false;
  /** Rows written since the last announcement, maybe inside a transaction not committed yet. */
  #written: WrittenRow[] = [];
  #announceScheduled = false;
  readonly #onRowWritten = (row: WrittenRow): void => this.#rowWritten(row);

  constructor(deps: TaskQueueDeps) {
    this.#deps = deps;
    rowListeners.set(deps.db, this.#onRowWritten);
  }

  register<S extends z.ZodType>(kind: string, schema: S, run: (payload: z.output<S>) => Promise<void>): void {
    this.#handlers.set(kind, { schema, run: (payload) => run(payload as z.output<S>) });
  }

  /** Tasks a crash interrupted are due again; then the queue starts. */
  start(): void {
    this.#deps.db.prepare("UPDATE tasks SET state = 'pending' WHERE state = 'running'").run();
    this.#started = true;
    this.kick();
  }

  enqueue(kind: string, payload: unknown): string {
    const handler = this.#handlers.get(kind);
    if (!handler) throw new Error(`no handler for task ${kind}`);
    handler.schema.parse(payload);
    const now = this.#deps.clock.now();
    // Announced and run by #rowWritten: at once, or after the caller's transaction commits.
    return insertTaskRow(this.#deps.db, kind, payload, now, now);
  }

  /**
   * Queues the task unless the same one (kind and payload) is already waiting: ten IDLE
   * wake-ups in a row need one sync, not ten.
   */
  enqueueUnique(kind: string, payload: unknown): string {
    const waiting = this.#deps.db
      .prepare<[string, string], { id: string }>(
        "SELECT id FROM tasks WHERE kind = ? AND payload_json = ? AND state = 'pending' LIMIT 1",
      )
      .get(kind, JSON.stringify(payload));
    if (waiting) {
      this.kick();
      return waiting.id;
    }
    return this.enqueue(kind, payload);
  }

  list(limit = 100): Task[] {
    const rows = this.#deps.db
      .prepare<[number], TaskRow>('SELECT * FROM tasks ORDER BY created_at DESC LIMIT ?')
      .all(limit);
    return rows.map((row) =>
      taskSchema.parse({
        id: row.id,
        kind: row.kind,
        state: row.state,
        attempts: row.attempts,
        createdAt: row.created_at,
        ...(row.error_json ? { error: cartableErrorSchema.parse(JSON.parse(row.error_json)) } : {}),
      }),
    );
  }

  /** Drops pending work whose payload names an account that no longer exists. */
  cancelForAccount(accountId: string): void {
    this.#deps.db
      .prepare(
        "DELETE FROM tasks WHERE state IN ('pending', 'failed') AND json_extract(payload_json, '$.accountId') = ?",
      )
      .run(accountId);
  }

  /** Resolves when no task is due right now (used by tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    if (rowListeners.get(this.#deps.db) === this.#onRowWritten) rowListeners.delete(this.#deps.db);
    await this.idle();
  }

  #rowWritten(row: WrittenRow): void {
    this.#written.push(row);
    if (!this.#deps.db.inTransaction) {
      this.#announceWritten();
      return;
    }
    // better-sqlite3 transactions are synchronous: a microtask runs after the commit or rollback.
    if (this.#announceScheduled) return;
    this.#announceScheduled = true;
    queueMicrotask(() => this.#announceWritten());
  }

  #announceWritten(): void {
    if (this.#deps.db.inTransaction) {
      // A transaction held open across a callback (BEGIN … COMMIT by hand): look again later,
      // on a macrotask so this never starves the event loop.
      this.#announceScheduled = true;
      setImmediate(() => this.#announceWritten());
      return;
    }
    this.#announceScheduled = false;
    if (this.#closed) return;
    const written = this.#written;
    this.#written = [];
    const stateOf = this.#deps.db.prepare<[string], { state: TaskState }>(
      'SELECT state FROM tasks WHERE id = ?',
    );
    for (const row of written) {
      // Gone: rolled back, or cancelled before the commit (an undo send within the same tick).
      const current = stateOf.get(row.id);
      if (current) this.#deps.onChanged({ taskId: row.id, kind: row.kind, state: current.state });
    }
    // Before start() the queue is paused (the core recovers the outbox first): start() kicks.
    if (this.#started) this.kick();
  }

  kick(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#kickedWhileRunning = true;
      return;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#kickedWhileRunning) {
        this.#kickedWhileRunning = false;
        this.kick();
      } else {
        this.#schedule();
      }
    });
  }

  async #drain(): Promise<void> {
    for (let row = this.#nextDue(); row && !this.#closed; row = this.#nextDue()) await this.#run(row);
  }

  #nextDue(): TaskRow | undefined {
    return this.#deps.db
      .prepare<[string], TaskRow>(
        "SELECT * FROM tasks WHERE state = 'pending' AND next_at <= ? ORDER BY next_at, created_at LIMIT 1",
      )
      .get(this.#deps.clock.now().toISOString());
  }

  #schedule(): void {
    if (this.#closed) return;
    const next = this.#deps.db
      .prepare<[], { next_at: string }>(
        "SELECT next_at FROM tasks WHERE state = 'pending' ORDER BY next_at LIMIT 1",
      )
      .get();
    clearTimeout(this.#timer);
    if (!next) return;
    const delay = Math.min(
      MAX_TIMER_MS,
      Math.max(0, Date.parse(next.next_at) - this.#deps.clock.now().getTime()),
    );
    this.#timer = setTimeout(() => this.kick(), delay);
    this.#timer.unref();
  }

  #setState(
    row: TaskRow,
    state: TaskState,
    fields: { attempts?: number; nextAt?: string; error?: string | null },
  ) {
    this.#deps.db
      .prepare(
        `UPDATE tasks SET state = ?, attempts = COALESCE(?, attempts), next_at = COALESCE(?, next_at),
           error_json = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        state,
        fields.attempts ?? null,
        fields.nextAt ?? null,
        fields.error ?? null,
        this.#deps.clock.now().toISOString(),
        row.id,
      );
    this.#deps.onChanged({ taskId: row.id, kind: row.kind, state });
  }

  async #run(row: TaskRow): Promise<void> {
    const handler = this.#handlers.get(row.kind);
    const attempts = row.attempts + 1;
    if (!handler) {
      this.#setState(row, 'failed', {
        attempts,
        error: JSON.stringify({ code: 'INTERNAL', details: { kind: row.kind } }),
      });
      return;
    }
    this.#setState(row, 'running', { attempts });
    try {
      await handler.run(handler.schema.parse(JSON.parse(row.payload_json)));
      this.#setState(row, 'done', {});
    } catch (error) {
      const failure =
        error instanceof CartableError ? error : new CartableError('INTERNAL', { kind: row.kind });
      if (!(error instanceof CartableError))
        this.#deps.logger.error('task crashed', { kind: row.kind, error: String(error) });
      const again = isTransient(failure) && attempts < MAX_ATTEMPTS;
      const delay = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempts - 1));
      const nextAt = new Date(this.#deps.clock.now().getTime() + delay).toISOString();
      this.#setState(row, again ? 'pending' : 'failed', {
        ...(again ? { nextAt } : {}),
        error: JSON.stringify(failure.toShape()),
      });
    }
  }
}
