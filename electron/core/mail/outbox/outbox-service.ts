/**
 * Sending: a composed message is built into MIME once and stored in the outbox with a task due
 * after the undo delay. The task submits it at most once: 'sending' is committed before the
 * message leaves, and a connection lost after the final dot makes it 'uncertain' for the user to
 * check and decide (resend, mark sent, discard), never an automatic resend. Offline, it waits
 * and retries with backoff.
 */
import { randomUUID } from 'node:crypto';
import {
  CartableError,
  type Account,
  type ComposeMessage,
  type OutboxItem,
  type OutboxState,
  type UncertainDecision,
} from '../../../../shared/contract/index.ts';
import { appendToSent, findSentPath, holdsMessageId } from '../../imap/append.ts';
import type { ImapSession } from '../../imap/client.ts';
import type { NetworkContext } from '../../net/secure.ts';
import type { Clock, Logger } from '../../ports.ts';
import { buildMessage, submitMessage, type SendOutcome, type StagedPath } from '../../smtp/send.ts';
import { SEND_TASK, SENT_COPY_TASK, type OutboxRepository } from './outbox-repository.ts';
import { retryDelay, RETRY_BASE_MS } from './state.ts';

/** Long enough to catch a wrong recipient, short enough not to feel like a delay (Gmail's default is 5 s). */
export const DEFAULT_UNDO_DELAY_MS = 10_000;

export interface OutboxTaskPayload {
  accountId: string;
  outboxId: string;
}

export interface OutboxDeps {
  repository: OutboxRepository;
  clock: Clock;
  logger: Logger;
  network: NetworkContext;
  account(accountId: string): Account | undefined;
  password(accountId: string): Promise<string>;
  /** Runs `work` on a session of the account (the core lends its kept one, imap/session-pool.ts). */
  withSession<R>(accountId: string, work: (session: ImapSession) => Promise<R>): Promise<R>;
  /** Tell the task queue a row was written behind its back. */
  kickTasks(): void;
  onChanged(accountId: string): void;
  /**
   * Whether the submission server files the copy in Sent itself (some hosted services do);
   * ours (Postfix, SOGo) do not, so the default is to APPEND it.
   */
  serverFilesSentCopy?: (accountId: string) => boolean;
  retryBaseMs?: number;
  /** The SMTP submission (unit tests replace it to play each outcome). */
  submit?: typeof submitMessage;
  /**
   * The message written in this draft is sent: the draft goes (here and, by a task, on the
   * server). Called inside the transaction that records the send.
   */
  draftSent?: (draftId: string) => void;
  /** Where a staged attachment's file is (mail.stageAttachment). */
  stagedPath?: StagedPath;
  /**
   * The message was accepted by the server, or discarded after an uncertain send: the files it
   * was built from are no longer needed. Not on undo, which reopens the composer with them.
   */
  onFinished?: (outboxId: string) => void;
  /** The submission server's SIZE limit as read at this send (RFC 1870), for the compose window. */
  onSizeLimit?: (accountId: string, bytes: number | undefined) => void;
}

export class OutboxService {
  readonly #deps: OutboxDeps;
  readonly #repository: OutboxRepository;

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
    this.#repository = deps.repository;
  }

  #now(): Date {
    return this.#deps.clock.now();
  }

  /**
   * Call once at start, before the task queue runs: a send caught in flight by a crash is
   * uncertain, and scheduled rows that lost their task get a new one.
   */
  recover(): void {
    const now = this.#now().toISOString();
    const touched = this.#repository.markInterruptedUncertain(new CartableError('SEND_UNCERTAIN'), now);
    for (const orphan of this.#repository.orphanedScheduled()) {
      this.#repository.transaction(() => {
        const taskId = this.#repository.insertTask(
          SEND_TASK,
          { accountId: orphan.accountId, outboxId: orphan.id },
          now,
          now,
        );
        this.#repository.setTask(orphan.id, taskId);
      });
    }
    for (const accountId of touched) this.#deps.onChanged(accountId);
  }

  async queue(
    accountId: string,
    message: ComposeMessage,
    undoDelayMs = DEFAULT_UNDO_DELAY_MS,
    draftId?: string,
  ): Promise<{ outboxId: string; sendAt: string }> {
    const account = this.#deps.account(accountId);
    if (!account) throw new CartableError('ACCOUNT_NOT_FOUND', { id: accountId });
    const id = randomUUID();
    const now = this.#now();
    const built = await buildMessage({ name: account.displayName, address: account.email }, message, {
      id,
      date: now,
      ...(this.#deps.stagedPath ? { staged: this.#deps.stagedPath } : {}),
    });
    const sendAt = new Date(now.getTime() + undoDelayMs).toISOString();
    this.#repository.insert({
      id,
      accountId,
      messageId: built.messageId,
      subject: message.subject,
      to: message.to.map((r) => ({ name: r.name, address: r.address })),
      envelope: built.envelope,
      raw: built.raw,
      sendAt,
      now: now.toISOString(),
      // Kept until the server accepts the message: an undone or refused send leaves the draft.
      ...(draftId === undefined ? {} : { draftId }),
    });
    this.#deps.onChanged(accountId);
    this.#deps.kickTasks();
    return { outboxId: id, sendAt };
  }

  /** Undo send: only while the message is still waiting. */
  cancel(outboxId: string): boolean {
    const record = this.#repository.get(outboxId);
    if (!record) return false;
    const cancelled = this.#repository.transaction(() => {
      const ok = this.#repository.apply(outboxId, 'cancel', this.#now().toISOString());
      if (ok && record.taskId) this.#repository.deleteTask(record.taskId);
      return ok;
    });
    if (cancelled) this.#deps.onChanged(record.accountId);
    return cancelled;
  }

  list(accountId?: string): OutboxItem[] {
    return this.#repository.list(accountId);
  }

  /**
   * The user's decision on an uncertain send, after checking with the recipients or in Sent.
   * `resend` queues the same bytes (same Message-ID, so a recipient's client can drop the
   * double) as a new task; `markSent` files it as sent, its copy appended to Sent like any sent
   * message; `discard` drops it. The guarded UPDATE makes a second decision (another window, a
   * double click) fail instead of sending twice.
   */
  resolveUncertain(outboxId: string, decision: UncertainDecision): { state: OutboxState } {
    const record = this.#repository.get(outboxId);
    const refused = () =>
      new CartableError('SEND_NOT_UNCERTAIN', { outboxId, state: record?.state ?? 'missing' });
    if (!record || record.state !== 'uncertain') throw refused();
    const { accountId } = record;
    const at = this.#now().toISOString();
    const moved = this.#repository.transaction((): boolean => {
      if (decision === 'discard') return this.#repository.apply(outboxId, 'discard', at, { taskId: null });
      if (decision === 'resend') {
        const taskId = this.#repository.insertTask(SEND_TASK, { accountId, outboxId }, at, at);
        const ok = this.#repository.apply(outboxId, 'resend', at, { error: null, sendAt: at, taskId });
        if (!ok) this.#repository.deleteTask(taskId);
        return ok;
      }
      const serverFiles = this.#deps.serverFilesSentCopy?.(accountId) ?? false;
      const ok = this.#repository.apply(outboxId, 'confirmSent', at, {
        error: null,
        sentAt: at,
        taskId: null,
        sentCopy: serverFiles ? 'server' : 'pending',
      });
      if (ok && !serverFiles) this.#repository.insertTask(SENT_COPY_TASK, { accountId, outboxId }, at, at);
      if (ok && record.draftId !== null) this.#deps.draftSent?.(record.draftId);
      return ok;
    });
    if (!moved) throw refused();
    if (decision !== 'resend') this.#deps.onFinished?.(outboxId);
    this.#deps.logger.info('uncertain send resolved', { decision });
    this.#deps.onChanged(accountId);
    this.#deps.kickTasks();
    return { state: this.#repository.get(outboxId)?.state ?? 'cancelled' };
  }

  /** The send task. It never throws for a send outcome: the outbox row holds the truth. */
  async runSend({ outboxId }: OutboxTaskPayload): Promise<void> {
    const record = this.#repository.get(outboxId);
    // Cancelled, already sent, or uncertain after a crash: nothing may be sent again.
    if (!record || record.state !== 'scheduled') return;
    const account = this.#deps.account(record.accountId);
    if (!account) return;
    const attempts = record.attempts + 1;
    let outcome: SendOutcome;
    try {
      const password = await this.#deps.password(account.id);
      const submit = this.#deps.submit ?? submitMessage;
      outcome = await submit(
        { endpoint: account.smtp, login: account.login, password, pins: account.tlsPins },
        this.#deps.network,
        record,
        // Committed before MAIL FROM: from here on a crash means 'uncertain'.
        () => this.#repository.apply(outboxId, 'begin', this.#now().toISOString(), { attempts }),
        (bytes) => this.#deps.onSizeLimit?.(account.id, bytes),
      );
    } catch (error) {
      const failure = error instanceof CartableError ? error : new CartableError('INTERNAL');
      // Before 'sending' (the keychain, say) nothing left: try again later. After it, we cannot know.
      outcome =
        this.#repository.get(outboxId)?.state === 'sending'
          ? { kind: 'uncertain', error: new CartableError('SEND_UNCERTAIN') }
          : { kind: 'retry', error: failure };
    }
    this.#settle(record.accountId, outboxId, attempts, outcome);
  }

  #settle(accountId: string, outboxId: string, attempts: number, outcome: SendOutcome): void {
    const now = this.#now();
    const at = now.toISOString();
    switch (outcome.kind) {
      case 'skipped':
        return;
      case 'sent': {
        const serverFiles = this.#deps.serverFilesSentCopy?.(accountId) ?? false;
        const { draftId } = this.#repository.get(outboxId) ?? { draftId: null };
        this.#repository.transaction(() => {
          const delivered = this.#repository.apply(outboxId, 'delivered', at, {
            error: null,
            sentAt: at,
            taskId: null,
            sentCopy: serverFiles ? 'server' : 'pending',
          });
          if (!serverFiles) this.#repository.insertTask(SENT_COPY_TASK, { accountId, outboxId }, at, at);
          if (delivered && draftId !== null) this.#deps.draftSent?.(draftId);
        });
        this.#deps.onFinished?.(outboxId);
        this.#deps.logger.info('message sent', { attempts });
        break;
      }
      case 'retry': {
        const sendAt = new Date(
          now.getTime() + retryDelay(attempts, this.#deps.retryBaseMs ?? RETRY_BASE_MS),
        );
        this.#repository.transaction(() => {
          const taskId = this.#repository.insertTask(
            SEND_TASK,
            { accountId, outboxId },
            sendAt.toISOString(),
            at,
          );
          const moved = this.#repository.apply(outboxId, 'retry', at, {
            error: outcome.error,
            sendAt: sendAt.toISOString(),
            taskId,
            attempts,
          });
          if (!moved) this.#repository.deleteTask(taskId);
        });
        this.#deps.logger.info('send postponed', { code: outcome.error.code, attempts });
        break;
      }
      case 'refused':
        this.#repository.apply(outboxId, 'refused', at, { error: outcome.error, taskId: null, attempts });
        this.#deps.logger.warn('send refused', { code: outcome.error.code });
        break;
      case 'uncertain':
        this.#repository.apply(outboxId, 'lost', at, { error: outcome.error, taskId: null });
        this.#deps.logger.warn('send uncertain');
        break;
    }
    this.#deps.onChanged(accountId);
    this.#deps.kickTasks();
  }

  /** Files the sent bytes in Sent; network failures throw so the queue retries this alone. */
  async runFileSentCopy({ outboxId }: OutboxTaskPayload): Promise<void> {
    const record = this.#repository.get(outboxId);
    if (!record || record.state !== 'sent' || record.sentCopy !== 'pending') return;
    await this.#deps.withSession(record.accountId, async (session) => {
      const path = this.#repository.sentFolderPath(record.accountId) ?? (await findSentPath(session));
      if (path === undefined) {
        this.#deps.logger.warn('no Sent folder: copy not filed');
        this.#repository.setSentCopy(outboxId, 'none', this.#now().toISOString());
      } else {
        // Already there: an APPEND whose answer a crash lost, or a server that files copies itself.
        if (!(await holdsMessageId(session, path, record.messageId)))
          await appendToSent(session, path, record.raw, new Date(record.createdAt));
        this.#repository.setSentCopy(outboxId, 'appended', this.#now().toISOString());
      }
    });
    this.#deps.onChanged(record.accountId);
  }
}
