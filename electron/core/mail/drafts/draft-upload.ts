/**
 * The draft tasks' server side. Invariant: the Drafts folder never loses the last version that
 * reached it before a newer one is there and verified (APPENDUID, or found by its Message-ID).
 * Copies are named by their X-Cartable-Draft header, never by a remembered UID, so a re-run
 * after a crash anywhere (before the APPEND's answer, between it and the delete) and a folder
 * recreated under a new UIDVALIDITY both end with exactly one copy: the newest.
 */
import { CartableError, type Account } from '../../../../shared/contract/index.ts';
import { expungeUids, selectReadWrite } from '../../imap/actions.ts';
import type { ImapSession } from '../../imap/client.ts';
import { appendDraft, DRAFT_HEADER, draftCopies, findDraftsPath, uidOfMessageId } from '../../imap/drafts.ts';
import type { Logger } from '../../ports.ts';
import { buildMessage, messageIdFor, type StagedPath } from '../../smtp/send.ts';
import { isTransient, type TaskQueue } from '../../tasks/queue.ts';
import type { DraftRecord, DraftRepository } from './draft-repository.ts';
import { draftTaskKinds, draftTaskPayload, type DraftTaskPayload } from './model.ts';

export interface DraftUploadDeps {
  repository: DraftRepository;
  logger: Logger;
  account(accountId: string): Account | undefined;
  /** Runs `work` on a session of the account (the core lends its kept one, imap/session-pool.ts). */
  withSession<R>(accountId: string, work: (session: ImapSession) => Promise<R>): Promise<R>;
  onChanged(accountId: string): void;
  /** Where a staged attachment's file is (mail.stageAttachment). */
  stagedPath?: StagedPath;
  /** Test hook: runs once the new copy is verified, before older ones are removed; throwing there simulates a crash. */
  afterAppend?: (uid: number) => void;
}

export function registerDraftTasks(tasks: TaskQueue, deps: DraftUploadDeps): void {
  tasks.register(draftTaskKinds.upload, draftTaskPayload, (payload) => uploadDraft(deps, payload));
  tasks.register(draftTaskKinds.removeCopies, draftTaskPayload, (payload) =>
    removeDraftCopies(deps, payload),
  );
}

export async function uploadDraft(
  deps: DraftUploadDeps,
  { accountId, draftId }: DraftTaskPayload,
): Promise<void> {
  const draft = deps.repository.get(draftId);
  // Deleted or sent since (its removal task cleans up), moved to another account (that one's
  // upload runs), or this version is already the one copy there.
  if (!draft || draft.accountId !== accountId || draft.uploadedVersion === draft.version) return;
  const account = deps.account(accountId);
  if (!account) return;
  try {
    await withDraftsFolder(deps, accountId, (session, path) =>
      replaceCopies(deps, session, path, account, draft),
    );
  } catch (error) {
    // The text stays here whatever happened; the list shows why it is not on the server yet.
    deps.repository.setError(draftId, error instanceof CartableError ? error : new CartableError('INTERNAL'));
    deps.onChanged(accountId);
    if (!isTransient(error)) deps.logger.warn('draft not uploaded', { code: codeOf(error) });
    throw error;
  }
  deps.repository.markUploaded(draftId, draft.version);
  deps.onChanged(accountId);
}

/** APPENDs this version unless a previous run did, verifies it, then removes every other copy. */
async function replaceCopies(
  deps: DraftUploadDeps,
  session: ImapSession,
  path: string,
  account: Account,
  draft: DraftRecord,
): Promise<void> {
  const copies = await draftCopies(session, draft.id);
  const messageId = messageIdFor(draft.versionId, account.email);
  let uid = copies.find((copy) => copy.messageId === messageId)?.uid;
  if (uid === undefined) {
    // The Date header and INTERNALDATE are the save's, not the upload's: when the user wrote it.
    const date = new Date(draft.updatedAt);
    const built = await buildMessage({ name: account.displayName, address: account.email }, draft.message, {
      id: draft.versionId,
      date,
      headers: { [DRAFT_HEADER]: draft.id },
      ...(deps.stagedPath ? { staged: deps.stagedPath } : {}),
    });
    uid = (await appendDraft(session, path, built.raw, date)) ?? (await uidOfMessageId(session, messageId));
    if (uid === undefined)
      throw new CartableError('PROTOCOL_ERROR', { ...session.context, command: 'APPEND', path });
  }
  deps.afterAppend?.(uid);
  const kept = uid;
  await expungeUids(
    session,
    copies.filter((copy) => copy.uid !== kept).map((copy) => copy.uid),
  );
}

export async function removeDraftCopies(
  deps: DraftUploadDeps,
  { accountId, draftId }: DraftTaskPayload,
): Promise<void> {
  // Saved again into this account since: its upload keeps the new copy and removes the others.
  if (deps.repository.get(draftId)?.accountId === accountId) return;
  if (!deps.account(accountId)) return;
  try {
    await withDraftsFolder(deps, accountId, async (session) => {
      const copies = await draftCopies(session, draftId);
      await expungeUids(
        session,
        copies.map((copy) => copy.uid),
      );
    });
  } catch (error) {
    // No Drafts folder: there is no copy to remove.
    if (!(error instanceof CartableError && error.code === 'DRAFTS_FOLDER_MISSING')) throw error;
  }
}

/**
 * Opens a session with the Drafts folder selected read-write: the one the folder sync knows,
 * else the one LIST names (the sync has not run yet, or the folder was renamed since).
 */
async function withDraftsFolder(
  deps: DraftUploadDeps,
  accountId: string,
  work: (session: ImapSession, path: string) => Promise<void>,
): Promise<void> {
  await deps.withSession(accountId, async (session) => {
    const known = deps.repository.draftsFolderPath(accountId);
    let path: string | undefined;
    if (known !== undefined) {
      try {
        await selectReadWrite(session, known);
        path = known;
      } catch (error) {
        if (isTransient(error)) throw error;
      }
    }
    if (path === undefined) {
      path = await findDraftsPath(session);
      if (path === undefined) throw new CartableError('DRAFTS_FOLDER_MISSING', { accountId });
      await selectReadWrite(session, path);
    }
    await work(session, path);
  });
}

function codeOf(error: unknown): string {
  return error instanceof CartableError ? error.code : 'INTERNAL';
}
