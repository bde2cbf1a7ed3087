/**
 * The contract's `mail.*` methods, each handed to the service that does the
 * work. core.ts builds the services and passes them here, so this file is
 * only the table: what a method checks first (the account or folder exists)
 * and whom it asks.
 */
import {
  CartableError,
  type EventName,
  type EventPayload,
  type MethodName,
} from '../../../shared/contract/index.ts';
import type { AccountService } from '../accounts/service.ts';
import type { Database } from '../db/database.ts';
import { defaultDownloadsDir, freeDownloadPath } from '../files/download-path.ts';
import type { Staging } from '../files/staging-setup.ts';
import type { Handlers } from '../rpc/dispatcher.ts';
import type { TaskQueue } from '../tasks/queue.ts';
import type { ActionService } from './actions/service.ts';
import { MAX_CALENDAR_BYTES, type BodyService } from './body/body-service.ts';
import { suggestAddresses } from './compose/address-suggestions.ts';
import type { ComposeSettingsRepository } from './compose/compose-settings.ts';
import type { CorrespondentIndex } from './compose/correspondent-index.ts';
import { replyContext } from './compose/reply-context.ts';
import { listConversations, listThread } from './conversations.ts';
import type { DraftService } from './drafts/draft-service.ts';
import type { FolderOps } from './folder-ops.ts';
import type { FolderRepository } from './folder-repository.ts';
import { listMessages } from './message-list.ts';
import type { OutboxService } from './outbox/outbox-service.ts';
import type { QuotaRepository } from './quota.ts';
import type { RemoteContentSenders } from './remote-content/remote-senders.ts';
import { searchMessages } from './search/search.ts';

type MailMethod = Extract<MethodName, `mail.${string}`>;

export interface MailHandlerDeps {
  db: Database;
  accounts: AccountService;
  folders: FolderRepository;
  folderOps: FolderOps;
  tasks: TaskQueue;
  bodies: BodyService;
  actions: ActionService;
  quotas: QuotaRepository;
  outbox: OutboxService;
  drafts: DraftService;
  staging: Staging;
  remoteSenders: RemoteContentSenders;
  correspondents: CorrespondentIndex;
  composeSettings: ComposeSettingsRepository;
  downloadsDir: string | undefined;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function mailHandlers(deps: MailHandlerDeps): Pick<Handlers, MailMethod> {
  const { db, accounts, folders, folderOps, tasks, bodies, actions, quotas, outbox, drafts, staging } = deps;
  const requireFolder = (folderId: string) => {
    if (!folders.exists(folderId)) throw new CartableError('FOLDER_NOT_FOUND', { id: folderId });
  };
  return {
    'mail.listFolders': ({ accountId }) => {
      accounts.require(accountId);
      return folders.list(accountId);
    },
    'mail.syncAccount': ({ accountId }) => {
      accounts.require(accountId);
      return { taskId: tasks.enqueue('mail.syncAccount', { accountId }) };
    },
    'mail.listMessages': (query) => {
      requireFolder(query.folderId);
      return listMessages(db, query);
    },
    'mail.search': (query) => searchMessages(db, query),
    'mail.getBody': ({ messageId }) => bodies.getBody(messageId),
    'mail.readCalendarPart': async ({ messageId, partId }) => ({
      text: (await bodies.readCalendarPart(messageId, partId, MAX_CALENDAR_BYTES)) ?? null,
    }),
    'mail.saveAttachment': ({ messageId, partId, destination }) =>
      bodies.saveAttachment(messageId, partId, destination),
    'mail.downloadPath': async ({ filename }) => ({
      path: await freeDownloadPath(deps.downloadsDir ?? defaultDownloadsDir(), filename),
    }),
    'mail.listConversations': (query) => {
      requireFolder(query.folderId);
      return listConversations(db, query);
    },
    'mail.listThread': ({ threadId }) => listThread(db, threadId),
    'mail.createFolder': ({ accountId, parentId, name }) => {
      accounts.require(accountId);
      return folderOps.create(accountId, parentId, name);
    },
    'mail.renameFolder': ({ folderId, name }) => folderOps.rename(folderId, name),
    'mail.deleteFolder': ({ folderId }) => folderOps.delete(folderId),
    'mail.act': ({ messageIds, action }) => actions.act(messageIds, action),
    'mail.undo': ({ actionId }) => actions.undo(actionId),
    'mail.emptyTrash': ({ accountId }) => {
      accounts.require(accountId);
      return actions.emptyTrash(accountId);
    },
    'mail.getQuota': ({ accountId }) => {
      accounts.require(accountId);
      return quotas.get(accountId) ?? null;
    },
    'mail.send': async ({ accountId, message, undoDelayMs, draftId }) => {
      const queued = await outbox.queue(accountId, message, undoDelayMs, draftId);
      staging.files.claim(
        queued.outboxId,
        message.attachments.flatMap((file) => ('stagedId' in file ? [file.stagedId] : [])),
      );
      return queued;
    },
    'mail.stageAttachment': async (chunk) => {
      await staging.ready;
      return staging.files.stage(chunk);
    },
    'mail.cancelSend': ({ outboxId }) => ({ cancelled: outbox.cancel(outboxId) }),
    'mail.resolveUncertain': ({ outboxId, decision }) => outbox.resolveUncertain(outboxId, decision),
    'mail.outbox': ({ accountId }) => outbox.list(accountId),
    'mail.saveDraft': ({ accountId, draftId, message }) => drafts.save(accountId, draftId, message),
    'mail.getDraft': ({ draftId }) => drafts.open(draftId),
    'mail.listDrafts': ({ accountId }) => drafts.list(accountId),
    'mail.deleteDraft': ({ draftId }) => drafts.delete(draftId),
    'mail.getRemoteContentSenders': () => ({ senders: deps.remoteSenders.list() }),
    'mail.allowRemoteContent': ({ sender, allow }) => {
      if (deps.remoteSenders.set(sender, allow)) deps.emit('mail.remoteContentChanged', {});
      return {};
    },
    'mail.suggestAddresses': (query) => suggestAddresses(db, deps.correspondents, query),
    'mail.getReplyContext': ({ messageId }) => replyContext(db, messageId),
    'mail.getComposeSettings': ({ accountId }) => {
      accounts.require(accountId);
      return deps.composeSettings.get(accountId);
    },
    'mail.setSignatures': ({ accountId, signatureNew, signatureReply }) => {
      accounts.require(accountId);
      deps.composeSettings.setSignatures(accountId, signatureNew, signatureReply);
      return {};
    },
  };
}
