/**
 * Keeps one connection per account in IDLE on the inbox (RFC 2177), so new
 * mail shows up without polling. It syncs nothing itself: any activity the
 * server reports is handed to `onActivity` (which queues a sync of the inbox).
 * A lost connection is reopened with backoff until the watcher is stopped.
 */
import type { ImapSession } from '../imap/client.ts';
import type { Logger } from '../ports.ts';

const MIN_RETRY_MS = 1_000;
/** A school network that drops for an hour should not be hammered every second. */
const MAX_RETRY_MS = 5 * 60_000;

export interface InboxWatcherDeps {
  open(onActivity: () => void): Promise<ImapSession>;
  onActivity(): void;
  logger: Logger;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export class InboxWatcher {
  readonly #deps: InboxWatcherDeps;
  readonly #stop = new AbortController();
  #session: ImapSession | undefined;
  #loop: Promise<void> | undefined;

  constructor(deps: InboxWatcherDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    // A hard close: a polite LOGOUT would first wait for the server to end IDLE.
    this.#session?.client.close();
    await this.#loop;
  }

  async #run(): Promise<void> {
    for (let attempt = 0; !this.#stop.signal.aborted; attempt++) {
      try {
        const session = await this.#deps.open(() => this.#deps.onActivity());
        this.#session = session;
        if (this.#stop.signal.aborted) break;
        await session.client.mailboxOpen('INBOX', { readOnly: true });
        attempt = 0;
        // Whatever arrived while we were not watching.
        this.#deps.onActivity();
        while (!this.#stop.signal.aborted && session.client.usable) await session.client.idle();
      } catch (error) {
        if (!this.#stop.signal.aborted) {
          this.#deps.logger.warn('inbox watch interrupted', {
            error: error instanceof Error ? error.message : String(error),
          });
        }
      } finally {
        await this.#session?.close();
        this.#session = undefined;
      }
      const delay = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.min(attempt, 10));
      await sleep(delay, this.#stop.signal);
    }
  }
}
