/**
 * Keeps every account's mail fresh without the user asking: an IDLE watcher
 * on each inbox (new mail within a second or so) and a periodic sync of the
 * whole account (other folders; unchanged ones cost nothing, see
 * account-sync.ts). Both only queue tasks; the task queue does the work.
 */
import type { Account } from '../../../shared/contract/index.ts';
import { openImap } from '../imap/client.ts';
import type { NetworkContext } from '../net/secure.ts';
import type { Logger } from '../ports.ts';
import { InboxWatcher } from './inbox-watcher.ts';

/** Other folders change rarely and IDLE covers the inbox: every few minutes is plenty. */
export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;
/**
 * Several IDLE notices in a burst (EXISTS, RECENT, FETCH, …) become one queued sync. The
 * server has already gathered them (Dovecot waits 500 ms after a change before it tells an
 * IDLE client, mailbox-watch.c), so a burst comes in one or two TCP reads, a few ms apart;
 * every ms waited here is added to each new mail's delay. A notice that still comes later
 * merely queues a second inbox sync, which finds nothing new cheaply (one STATUS).
 */
const ACTIVITY_DEBOUNCE_MS = 30;

export interface MailWatchDeps {
  network: NetworkContext;
  version: string;
  logger: Logger;
  pollIntervalMs: number;
  accounts(): Account[];
  password(accountId: string): Promise<string>;
  syncInbox(accountId: string): void;
  syncAccount(accountId: string): void;
}

export class MailWatch {
  readonly #deps: MailWatchDeps;
  readonly #watchers = new Map<string, InboxWatcher>();
  #poll: NodeJS.Timeout | undefined;

  constructor(deps: MailWatchDeps) {
    this.#deps = deps;
  }

  start(): void {
    for (const account of this.#deps.accounts()) this.watch(account);
    this.#poll = setInterval(() => {
      for (const account of this.#deps.accounts()) this.#deps.syncAccount(account.id);
    }, this.#deps.pollIntervalMs);
    this.#poll.unref();
  }

  /** (Re)starts the inbox watcher of an account, e.g. after its settings changed. */
  watch(account: Account): void {
    void this.unwatch(account.id).then(() => {
      let timer: NodeJS.Timeout | undefined;
      const onActivity = () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.#deps.syncInbox(account.id), ACTIVITY_DEBOUNCE_MS);
      };
      const watcher = new InboxWatcher({
        logger: this.#deps.logger,
        onActivity,
        open: async (activity) =>
          openImap(
            {
              endpoint: account.imap,
              login: account.login,
              password: await this.#deps.password(account.id),
              pins: account.tlsPins,
            },
            this.#deps.network,
            this.#deps.version,
            { onMailboxActivity: activity },
          ),
      });
      this.#watchers.set(account.id, watcher);
      watcher.start();
    });
  }

  async unwatch(accountId: string): Promise<void> {
    const watcher = this.#watchers.get(accountId);
    this.#watchers.delete(accountId);
    await watcher?.stop();
  }

  async stop(): Promise<void> {
    clearInterval(this.#poll);
    await Promise.all([...this.#watchers.keys()].map((id) => this.unwatch(id)));
  }
}
