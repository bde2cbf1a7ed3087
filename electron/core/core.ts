/**
 * `createCore(ports, options)` builds everything the app does behind one
 * dispatcher. It does not know its host: the browser host, the Electron
 * utilityProcess and the tests all drive it the same way.
 */
import { z } from 'zod';
import type { EventName, EventPayload, RpcEvent, RpcResponse } from '../../shared/contract/index.ts';
import { builtinPresets } from '../../shared/presets.ts';
import { AccountRepository } from './accounts/repository.ts';
import { AccountService } from './accounts/service.ts';
import { openDatabase, schemaVersion } from './db/database.ts';
import { createDiscoveryDeps, discoverAccount } from './discovery/index.ts';
import { FolderRepository } from './mail/folder-repository.ts';
import { syncFolders } from './mail/folder-sync.ts';
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

const syncFoldersPayload = z.object({ accountId: z.string() });

export function createCore(ports: CorePorts, options: CoreOptions): Core {
  const db = openDatabase(options.databasePath);
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
  const tasks = new TaskQueue({
    db,
    clock: ports.clock,
    logger: ports.logger,
    onChanged: (task) => emit('tasks.changed', task),
  });
  const accounts = new AccountService({
    repository: accountRepository,
    secrets: ports.secrets,
    clock: ports.clock,
    verifyContext: (email) => ({
      network,
      version: options.version,
      onProgress: (service, state) => emit('accounts.progress', { email, service, state }),
    }),
    onChanged: () => emit('accounts.changed', {}),
    onSaved: (account) => tasks.enqueue('mail.syncFolders', { accountId: account.id }),
    onRemoved: (accountId) => tasks.cancelForAccount(accountId),
  });

  tasks.register('mail.syncFolders', syncFoldersPayload, async ({ accountId }) => {
    const account = accountRepository.get(accountId);
    if (!account) return; // removed since the task was queued: nothing left to do
    await syncFolders(account, {
      folders,
      network,
      version: options.version,
      password: (id) => accounts.password(id),
      onChanged: (id) => emit('mail.foldersChanged', { accountId: id }),
    });
  });

  const dispatch = createDispatcher(
    {
      'app.info': () => ({ version: options.version, schemaVersion: schemaVersion(db) }),
      'presets.list': () => presets,
      'accounts.discover': ({ email }) => discoverAccount(email, discoveryDeps),
      'accounts.add': ({ settings, password }) => accounts.add(settings, password),
      'accounts.list': () => accounts.list(),
      'accounts.verify': ({ id, password }) => accounts.verify(id, password),
      'accounts.update': ({ id, settings, password }) => accounts.update(id, settings, password),
      'accounts.remove': async ({ id }) => ({ removed: await accounts.remove(id) }),
      'mail.listFolders': ({ accountId }) => {
        accounts.require(accountId);
        return folders.list(accountId);
      },
      'mail.syncFolders': ({ accountId }) => {
        accounts.require(accountId);
        return { taskId: tasks.enqueue('mail.syncFolders', { accountId }) };
      },
      'tasks.list': () => tasks.list(),
    },
    ports.logger,
  );

  tasks.start();

  return {
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle: () => tasks.idle(),
    async close() {
      await tasks.close();
      listeners.clear();
      db.close();
    },
  };
}
