/**
 * `withSession` for the engine's services in tests: a new IMAP session to the
 * real stack for each piece of work, logged out after it (the core lends its
 * kept one instead, imap/session-pool.ts).
 */
import { openImap, type ImapSession } from '../../../electron/core/imap/client.ts';
import { trustedAuthorities } from '../../../electron/core/net/trust.ts';
import { caPem, endpoints, type StackUser } from '../stack.ts';

export function sessionsOf(user: StackUser) {
  return async <R>(_accountId: string, work: (session: ImapSession) => Promise<R>): Promise<R> => {
    const session = await openImap(
      { endpoint: endpoints.imaps, login: user.login, password: user.password, pins: [] },
      { authorities: trustedAuthorities([caPem()]), timeoutMs: 15_000 },
      'test',
    );
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  };
}

/** A server that cannot be reached: every piece of work fails as a lost network would. */
export function offlineSessions<R>(
  _accountId: string,
  _work: (session: ImapSession) => Promise<R>,
): Promise<R> {
  return Promise.reject(new Error('hors ligne'));
}
