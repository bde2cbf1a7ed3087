/**
 * `createCore(ports, options)` builds everything the app does behind one
 * dispatcher. It does not know its host: the browser host, the Electron
 * utilityProcess and the tests all drive it the same way.
 */
import path from 'node:path';
import { z } from 'zod';
import {
  type EventName,
  type EventPayload,
  type RpcEvent,
  type RpcResponse,
} from '../../shared/contract/index.ts';
import { builtinPresets } from '../../shared/presets.ts';
import { AccountRepository } from './accounts/repository.ts';
import { AccountService } from './accounts/service.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { openDatabase, schemaVersion } from './db/database.ts';
import { createDiscoveryDeps, discoverAccount } from './discovery/index.ts';
import { openImap, type ImapSession } from './imap/client.ts';
import { SessionPool } from './imap/session-pool.ts';
import { FolderRepository } from './mail/folder-repository.ts';
import { ActionService } from './mail/actions/service.ts';
import { registerActionTasks } from './mail/actions/replay.ts';
import { syncAccount } from './mail/account-sync.ts';
import { BodyRepository } from './mail/body/body-repository.ts';
import { BodyService, fetchRecentBodies } from './mail/body/body-service.ts';
import { schoolYearStart } from './mail/body/school-year.ts';
import { ChangeNotifier } from './mail/change-notifier.ts';
import { CorrespondentIndex } from './mail/compose/correspondent-index.ts';
import { ComposeSettingsRepository } from './mail/compose/compose-settings.ts';
import { DraftRepository } from './mail/drafts/draft-repository.ts';
import { DraftService } from './mail/drafts/draft-service.ts';
import { registerDraftTasks } from './mail/drafts/draft-upload.ts';
import { DEFAULT_POLL_INTERVAL_MS, MailWatch } from './mail/mail-watch.ts';
import { FOLDER_OP_TASK, FolderOps, folderOpPayload } from './mail/folder-ops.ts';
import { mailHandlers } from './mail/handlers.ts';
import { replayFolderOp } from './mail/folder-op-replay.ts';
import { insertTaskRow } from './tasks/queue.ts';
import { MessageRepository } from './mail/message-repository.ts';
import { OutboxRepository, SEND_TASK, SENT_COPY_TASK } from './mail/outbox/outbox-repository.ts';
import { OutboxService } from './mail/outbox/outbox-service.ts';
import { openStaging } from './files/staging-setup.ts';
import { indexBody } from './mail/search/index-body.ts';
import { SyncStateRepository } from './mail/sync-state.ts';
import { openSyncWriter } from './mail/sync-writer/index.ts';
import { QuotaRepository } from './mail/quota.ts';
import { RemoteContentSenders } from './mail/remote-content/remote-senders.ts';
import { trustedAuthorities } from './net/trust.ts';
import type { NetworkContext } from './net/secure.ts';
import type { CoreOptions, CorePorts } from './ports.ts';
import { createDispatcher } from './rpc/dispatcher.ts';
import { TaskQueue } from './tasks/queue.ts';

/** One connection attempt; a school network can be slow, an academy server slower. */
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

export interface Core {
  dispatch(request: unknown): Promise<RpcResponse>;
  subscribe(listener: (event: RpcEvent) => void): () => void;
  /** Waits until queued work that is due now has run (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const syncAccountPayload = z.object({ accountId: z.string(), paths: z.array(z.string()).optional() });
const outboxPayload = z.object({ accountId: z.string(), outboxId: z.string() });

export function createCore(ports: CorePorts, options: CoreOptions): Core {
  const db = openDatabase(options.databasePath);
  const checkpoints =
    options.databasePath === ':memory:'
      ? undefined
      : startCheckpointer(db, options.databasePath, ports.logger);
  // Before any repository prepares a statement: the core's writes take turns with the sync's thread.
  const syncWriter = openSyncWriter(db, options.databasePath, ports.logger, checkpoints);
  const listeners = new Set<(event: RpcEvent) => void>();
  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of listeners) listener({ kind: 'event', event, payload });
  }

  const presets = [...builtinPresets, ...(options.extraPresets ?? [])];
  const network: NetworkContext = {
    authorities: trustedAuthorities(options.extraCaPem),
    timeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    hostMap: options.hostMap,
  };
  const discoveryDeps = createDiscoveryDeps({
    presets,
    ca: network.authorities,
    userAgent: `Cartable/${options.version}`,
    timeoutMs: network.timeoutMs,
    ...(options.dnsServers ? { dnsServers: options.dnsServers } : {}),
    ...(options.hostMap ? { hostMap: options.hostMap } : {}),
  });

  const accountRepository = new AccountRepository(db);
  const folders = new FolderRepository(db);
  const messages = new MessageRepository(db);
  const syncState = new SyncStateRepository(db);
  const quotas = new QuotaRepository(db);
  const remoteSenders = new RemoteContentSenders(
    options.databasePath === ':memory:' ? undefined : path.dirname(options.databasePath),
    ports.logger,
  );
  // Known correspondents are folded in after each burst of stored messages, in the background.
  const correspondents = new CorrespondentIndex(db, () => syncWriter.write({ kind: 'correspondents' }));
  correspondents.schedule();
  const mailChanges = new ChangeNotifier((accountId, folderIds) => {
    emit('mail.changed', { accountId, folderIds });
    correspondents.schedule();
  });
  const tasks = new TaskQueue({
    db,
    clock: ports.clock,
    logger: ports.logger,
    onChanged: (task) => emit('tasks.changed', task),
  });
  const composeSettings = new ComposeSettingsRepository(db);
  /** SIZE limits read while verifying an account not saved yet, by email, until onSaved. */
  const pendingSizeLimits = new Map<string, number | undefined>();
  const smtpSizeLimitRead = (email: string, bytes: number | undefined) => {
    const saved = accountRepository.findByEmail(email);
    if (saved) composeSettings.setMaxMessageBytes(saved.id, bytes);
    else pendingSizeLimits.set(email, bytes);
  };
  const accounts = new AccountService({
    repository: accountRepository,
    secrets: ports.secrets,
    clock: ports.clock,
    verifyContext: (email) => ({
      network,
      version: options.version,
      onProgress: (service, state) => emit('accounts.progress', { email, service, state }),
      onSmtpSizeLimit: (bytes) => smtpSizeLimitRead(email, bytes),
    }),
    onChanged: () => emit('accounts.changed', {}),
    onSaved: (account) => {
      // A new account's SIZE limit was read before it had an id.
      const limit = pendingSizeLimits.get(account.email);
      if (pendingSizeLimits.delete(account.email)) composeSettings.setMaxMessageBytes(account.id, limit);
      // New password, server or TLS pins: a kept session was opened under the old ones.
      sessions.invalidate(account.id);
      tasks.enqueue('mail.syncAccount', { accountId: account.id });
      if (watching) mailWatch.watch(account);
    },
    onRemoved: (accountId) => {
      sessions.invalidate(accountId);
      tasks.cancelForAccount(accountId);
      void mailWatch.unwatch(accountId);
    },
  });

  /** A sync that fails because its account was removed meanwhile (its folders went first) did nothing wrong. */
  async function runUnlessRemoved(accountId: string, sync: () => Promise<void>): Promise<void> {
    try {
      await sync();
    } catch (error) {
      if (accountRepository.get(accountId)) throw error;
    }
  }

  tasks.register('mail.syncAccount', syncAccountPayload, async ({ accountId, paths }) => {
    const account = accountRepository.get(accountId);
    if (!account) return; // removed since the task was queued: nothing left to do
    await runUnlessRemoved(accountId, () =>
      syncAccount(
        account,
        {
          db,
          folders,
          messages,
          state: syncState,
          logger: ports.logger,
          extensions: options.syncExtensions ?? { qresync: true, condstore: true },
          withSession,
          onFoldersChanged: (id) => emit('mail.foldersChanged', { accountId: id }),
          writer: syncWriter,
          onMessagesChanged: (id, folderId) => mailChanges.changed(id, folderId),
          ...(options.recentBodies === false
            ? {}
            : {
                recentBodies: (session: ImapSession, folder: { id: string; path: string }) =>
                  fetchRecentBodies(session, folder, schoolYearStart(ports.clock.now()), {
                    bodies: bodyStore,
                    clock: ports.clock,
                    onStored: indexStoredBody,
                    onBatch: (folderId) => mailChanges.changed(accountId, folderId),
                  }),
              }),
          onProgress: (id, folderId, synced, total) =>
            emit('mail.syncProgress', { accountId: id, folderId, synced, total }),
          onNewMail: (id, folderId, { count, latest }) =>
            emit('mail.newMail', { accountId: id, folderId, count, ...(latest ? { latest } : {}) }),
          onQuota: (id, quota) => {
            const crossed = quotas.record(id, quota, ports.clock.now().toISOString());
            emit('mail.quotaChanged', { accountId: id });
            if (crossed === 'warning' || crossed === 'critical')
              emit('mail.quotaAlert', { accountId: id, level: crossed, ...quota });
          },
        },
        paths ? { paths } : {},
      ),
    );
  });

  const watching = options.watchMail ?? true;
  const mailWatch = new MailWatch({
    network,
    version: options.version,
    logger: ports.logger,
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    accounts: () => accountRepository.list(),
    password: (id) => accounts.password(id),
    syncInbox: (accountId) => tasks.enqueueUnique('mail.syncAccount', { accountId, paths: ['INBOX'] }),
    syncAccount: (accountId) => tasks.enqueueUnique('mail.syncAccount', { accountId }),
  });

  const bodyStore = new BodyRepository(db);
  const indexStoredBody = (messageId: number, text: string, attachmentNames: string[]) =>
    void indexBody(db, messageId, text, attachmentNames);

  /** A fresh IMAP session for one account, with its keychain password (bodies, actions, outbox). */
  const openAccountSession = async (accountId: string) => {
    const account = accounts.require(accountId);
    const password = await accounts.password(accountId);
    return openImap(
      { endpoint: account.imap, login: account.login, password, pins: account.tlsPins },
      network,
      options.version,
    );
  };

  // Sync tasks run one after another and mostly on the same accounts: each borrows the
  // account's kept session instead of paying a TLS probe, handshake and LOGIN every time.
  // Bodies on demand, actions and the outbox keep their own connections.
  const sessions = new SessionPool<ImapSession>({ open: (id) => openAccountSession(id) });
  /** What every IMAP user of the core borrows: the account's kept session, or a new one. */
  const withSession = <R>(accountId: string, work: (session: ImapSession) => Promise<R>) =>
    sessions.use(accountId, work);

  // Folder create/rename/delete: shown at once, replayed by the queue, then the server's list wins.
  const folderOps = new FolderOps({
    db,
    folder: (id) => folders.get(id),
    schedule: (op) => insertTaskRow(db, FOLDER_OP_TASK, op, ports.clock.now(), ports.clock.now()),
    onChanged: (accountId) => {
      emit('mail.foldersChanged', { accountId });
      tasks.kick();
    },
  });
  tasks.register(FOLDER_OP_TASK, folderOpPayload, (op) =>
    replayFolderOp(op, {
      db,
      folders,
      accountExists: (accountId) => accountRepository.get(accountId) !== undefined,
      withSession,
      onFoldersChanged: (accountId) => emit('mail.foldersChanged', { accountId }),
    }),
  );

  // Bodies on demand: each call opens its own connection, so opening a mail never waits for a sync.
  const bodies = new BodyService({
    bodies: bodyStore,
    clock: ports.clock,
    onStored: indexStoredBody,
    withSession,
  });

  // Mail actions: applied to the database at once, replayed by the queue after the undo window.
  const mailActions = new ActionService({
    db,
    clock: ports.clock,
    kick: () => tasks.kick(),
    onChanged: (accountId, folderId) => mailChanges.changed(accountId, folderId),
  });
  registerActionTasks(tasks, {
    db,
    logger: ports.logger,
    withSession,
    onChanged: (accountId, folderId) => mailChanges.changed(accountId, folderId),
    requestSync: (accountId, paths) => tasks.enqueueUnique('mail.syncAccount', { accountId, paths }),
  });

  // Attachments the page uploads (the browser host knows no file paths), next to the database.
  const staging = openStaging(options.databasePath, db, ports);

  // Drafts: kept here at once, their latest version replicated to the Drafts folder by a task.
  const draftRepository = new DraftRepository(db);
  const drafts = new DraftService({
    repository: draftRepository,
    clock: ports.clock,
    account: (accountId) => accountRepository.get(accountId),
    kickTasks: () => tasks.kick(),
    onChanged: (accountId) => emit('mail.draftsChanged', { accountId }),
  });
  registerDraftTasks(tasks, {
    repository: draftRepository,
    logger: ports.logger,
    account: (accountId) => accountRepository.get(accountId),
    withSession,
    onChanged: (accountId) => emit('mail.draftsChanged', { accountId }),
    stagedPath: (stagedId) => staging.files.pathOf(stagedId),
  });

  // Sending: the outbox holds each message until its undo delay has passed and the server took it.
  const outbox = new OutboxService({
    repository: new OutboxRepository(db),
    clock: ports.clock,
    logger: ports.logger,
    network,
    account: (accountId) => accountRepository.get(accountId),
    password: (accountId) => accounts.password(accountId),
    withSession,
    kickTasks: () => tasks.kick(),
    onChanged: (accountId) => emit('mail.outboxChanged', { accountId }),
    draftSent: (draftId) => drafts.sent(draftId),
    onSizeLimit: (accountId, bytes) => composeSettings.setMaxMessageBytes(accountId, bytes),
    stagedPath: (stagedId) => staging.files.pathOf(stagedId),
    onFinished: (outboxId) => void staging.files.release(outboxId),
  });
  tasks.register(SEND_TASK, outboxPayload, (payload) => outbox.runSend(payload));
  tasks.register(SENT_COPY_TASK, outboxPayload, (payload) => outbox.runFileSentCopy(payload));

  const dispatch = createDispatcher(
    {
      'app.info': () => ({ version: options.version, schemaVersion: schemaVersion(db) }),
      'presets.list': () => presets,
      'accounts.discover': ({ email }) => discoverAccount(email, discoveryDeps),
      'accounts.add': ({ settings, password }) => accounts.add(settings, password),
      'accounts.list': () => accounts.list(),
      'accounts.verify': ({ id, password }) => accounts.verify(id, password),
      'accounts.update': ({ id, settings, password }) => accounts.update(id, settings, password),
      'accounts.remove': async ({ id }) => {
        const removed = await accounts.remove(id);
        if (removed) correspondents.rebuild();
        return { removed };
      },
      ...mailHandlers({
        db,
        accounts,
        folders,
        folderOps,
        tasks,
        bodies,
        actions: mailActions,
        quotas,
        outbox,
        drafts,
        staging,
        remoteSenders,
        correspondents,
        composeSettings,
        downloadsDir: options.downloadsDir,
        emit,
      }),
      'tasks.list': () => tasks.list(),
    },
    ports.logger,
  );

  // Before the queue runs: a send a crash caught in flight must become 'uncertain', not run again.
  outbox.recover();
  drafts.recover();
  tasks.start();
  if (watching) mailWatch.start();

  return {
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle: () => tasks.idle(),
    async close() {
      await mailWatch.stop();
      await tasks.close();
      await sessions.close();
      correspondents.close();
      listeners.clear();
      await syncWriter.stop();
      await checkpoints?.stop();
      await staging.close();
      db.close();
    },
  };
}
