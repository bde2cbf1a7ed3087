/**
 * Drafts as the user sees them: a save is stored on this computer at once, offline too, and
 * its upload to the Drafts folder is queued; a delete is gone from here at once, its copies on
 * the server removed by a task. The local row is the truth: no server answer ever removes it,
 * only the user (delete) or a send the server accepted.
 */
import { randomUUID } from 'node:crypto';
import {
  CartableError,
  type Account,
  type Draft,
  type DraftMessage,
  type DraftSummary,
} from '../../../../shared/contract/index.ts';
import type { Clock } from '../../ports.ts';
import type { DraftRepository } from './draft-repository.ts';
import { draftTask, draftTaskKinds } from './model.ts';

export interface DraftServiceDeps {
  repository: DraftRepository;
  clock: Clock;
  account(accountId: string): Account | undefined;
  /** Tell the task queue rows were written behind its back. */
  kickTasks(): void;
  onChanged(accountId: string): void;
}

export class DraftService {
  readonly #deps: DraftServiceDeps;
  readonly #repository: DraftRepository;

  constructor(deps: DraftServiceDeps) {
    this.#deps = deps;
    this.#repository = deps.repository;
  }

  /**
   * Stores a new version. An unknown `draftId` is created under that id rather than refused: a
   * save racing a send or a delete from another window must not lose what was just typed.
   */
  save(accountId: string, draftId: string | undefined, message: DraftMessage): { draftId: string } {
    if (!this.#deps.account(accountId)) throw new CartableError('ACCOUNT_NOT_FOUND', { id: accountId });
    const id = draftId ?? randomUUID();
    const now = this.#deps.clock.now();
    const { previousAccountId } = this.#repository.transaction(() => {
      const saved = this.#repository.save({
        id,
        accountId,
        message,
        versionId: randomUUID(),
        now: now.toISOString(),
      });
      this.#repository.queueOnce(draftTaskKinds.upload, draftTask(accountId, id), now);
      // The user chose another sender: the copy in the first account's Drafts must go.
      if (saved.previousAccountId !== undefined)
        this.#repository.queueOnce(draftTaskKinds.removeCopies, draftTask(saved.previousAccountId, id), now);
      return saved;
    });
    this.#deps.kickTasks();
    this.#deps.onChanged(accountId);
    if (previousAccountId !== undefined) this.#deps.onChanged(previousAccountId);
    return { draftId: id };
  }

  open(draftId: string): Draft {
    const draft = this.#repository.open(draftId);
    if (!draft) throw new CartableError('DRAFT_NOT_FOUND', { id: draftId });
    return draft;
  }

  list(accountId?: string): DraftSummary[] {
    return this.#repository.list(accountId);
  }

  delete(draftId: string): { deleted: boolean } {
    const accountId = this.#removeLocally(draftId);
    if (accountId === undefined) return { deleted: false };
    this.#deps.kickTasks();
    this.#deps.onChanged(accountId);
    return { deleted: true };
  }

  /**
   * The message written in this draft was accepted by the submission server: the draft is done.
   * Called inside the outbox's transaction, so "sent" and "draft gone" commit together.
   */
  sent(draftId: string): void {
    // Copies live only in the draft's own account (a move queued the removal from the old
    // one); a draft the user deleted meanwhile had its removal queued then.
    const accountId = this.#removeLocally(draftId);
    if (accountId !== undefined) this.#deps.onChanged(accountId);
  }

  /**
   * At start, before the queue runs: drafts whose upload gave up get a new one (the mailbox may
   * have room again, the network may be back), and so do removals that gave up.
   */
  recover(): void {
    const now = this.#deps.clock.now();
    const retried = this.#repository.retryFailed(draftTaskKinds.removeCopies, now);
    const pending = this.#repository.notUploaded(draftTaskKinds.upload);
    if (retried === 0 && pending.length === 0) return;
    this.#repository.transaction(() => {
      for (const draft of pending)
        this.#repository.queueOnce(draftTaskKinds.upload, draftTask(draft.accountId, draft.id), now);
    });
  }

  /** Deletes the row and queues the removal of its copies; the account it was in, if it existed. */
  #removeLocally(draftId: string): string | undefined {
    return this.#repository.transaction(() => {
      const accountId = this.#repository.delete(draftId);
      if (accountId !== undefined) this.#queueRemoval(accountId, draftId);
      return accountId;
    });
  }

  #queueRemoval(accountId: string, draftId: string): void {
    this.#repository.queueOnce(
      draftTaskKinds.removeCopies,
      draftTask(accountId, draftId),
      this.#deps.clock.now(),
    );
  }
}
