/**
 * The setup the sending tests (compose, send, drafts, staged attachments)
 * share: cores on throwaway profiles that trust the stack's CA and can be
 * restarted on the same profile, alice signed in with chosen servers (a
 * proxy in front of one of them), and polling for what the real servers do
 * asynchronously.
 */
import type { ImapFlow } from 'imapflow';
import { expect } from 'vitest';
import type { CoreOptions } from '../../../electron/core/index.ts';
import type { Endpoint } from '../../../shared/contract/index.ts';
import { startTestCore, type TestCore } from '../core.ts';
import { caPem, endpoints, user } from '../stack.ts';
import { uidsWithSubject } from './imap-admin.ts';

export interface CoreOpener {
  /** `databasePath` and `from` (whose secrets it keeps) restart on an earlier core's profile. */
  start: (options?: { databasePath?: string; from?: TestCore }) => TestCore;
  /** Closes every core started, for afterAll: some tests close theirs already, hence the catch. */
  closeAll: () => Promise<void>;
}

/**
 * Cores that trust the stack's CA; `watchMail: false` so that only the
 * tests' own syncs touch the server. `extra` adds options for every core.
 */
export function coreOpener(extra: Partial<CoreOptions> = {}): CoreOpener {
  const opened: TestCore[] = [];
  return {
    start(options = {}) {
      const app = startTestCore({
        extraCaPem: [caPem()],
        watchMail: false,
        ...extra,
        ...(options.databasePath ? { databasePath: options.databasePath } : {}),
        ...(options.from ? { secrets: options.from.secrets } : {}),
      });
      opened.push(app);
      return app;
    },
    async closeAll() {
      for (const app of opened) await app.close().catch(() => undefined);
    },
  };
}

/**
 * Adds alice's account as the wizard would, over `servers` (the stack's
 * IMAPS and SMTPS unless given), and waits for the first sync so that her
 * special folders (Sent, Drafts) are known. Unlike signIn, the verification
 * report is asserted: these tests are about what comes after it.
 */
export async function addAlice(
  app: TestCore,
  servers: { imap?: Endpoint; smtp?: Endpoint } = {},
): Promise<string> {
  const alice = user('alice');
  const outcome = await app.client.invoke('accounts.add', {
    settings: {
      email: alice.email,
      displayName: 'Alice Dupré',
      login: alice.login,
      imap: servers.imap ?? endpoints.imaps,
      smtp: servers.smtp ?? endpoints.submissions,
    },
    password: alice.password,
  });
  expect(outcome.report.ok).toBe(true);
  await app.core.idle();
  return outcome.account?.id ?? '';
}

/** Polls `probe` every 250 ms until it gives a value: delivery and background tasks take their time. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 45_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until `folder` holds at least `count` messages whose subject contains `tag`; their UIDs. */
export function waitForCopies(
  client: ImapFlow,
  folder: string,
  tag: string,
  what: string,
  count = 1,
): Promise<number[]> {
  return waitFor(async () => {
    const uids = await uidsWithSubject(client, folder, tag);
    return uids.length >= count ? uids : undefined;
  }, what);
}
