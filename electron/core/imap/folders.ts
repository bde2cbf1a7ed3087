/** CREATE, RENAME and DELETE of mailboxes (RFC 3501 §6.3.3–6.3.5), mapped to our errors. */
import type { ImapSession } from './client.ts';
import { toCartableError } from '../net/errors.ts';

async function guarded(session: ImapSession, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw toCartableError(error, session.context);
  }
}

export function createMailbox(session: ImapSession, path: string): Promise<void> {
  return guarded(session, () => session.client.mailboxCreate(path));
}

export function renameMailbox(session: ImapSession, from: string, to: string): Promise<void> {
  return guarded(session, () => session.client.mailboxRename(from, to));
}

export function deleteMailbox(session: ImapSession, path: string): Promise<void> {
  return guarded(session, () => session.client.mailboxDelete(path));
}
