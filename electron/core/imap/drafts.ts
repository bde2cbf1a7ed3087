/**
 * The IMAP side of drafts: find the Drafts folder, list a draft's copies in it by their
 * X-Cartable-Draft header, APPEND a version and learn its UID. Removing copies is
 * `expungeUids` (actions.ts): \Deleted then UID EXPUNGE of exactly those UIDs.
 */
import { CartableError } from '../../../shared/contract/index.ts';
import { specialUseOf } from '../mail/special-use.ts';
import { toUidSet } from '../mail/uid-set.ts';
import { toCartableError } from '../net/errors.ts';
import type { ImapSession } from './client.ts';

/** Names the draft a copy belongs to, whatever its Message-ID and UID. */
export const DRAFT_HEADER = 'X-Cartable-Draft';

/** Every copy is a draft (RFC 3501 §2.3.2) and already read: the user wrote it. */
const DRAFT_FLAGS = ['\\Draft', '\\Seen'];

export interface DraftCopy {
  uid: number;
  messageId: string | undefined;
}

interface ImapCommandFailure {
  serverResponseCode?: unknown;
  response?: unknown;
}

/**
 * RFC 5530 response codes that say the server will not store the message whatever we retry:
 * Dovecot answers a full mailbox with "NO [OVERQUOTA] Quota exceeded (mailbox for user is full)".
 */
export function appendFailure(error: unknown, context: ImapSession['context']): CartableError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ImapCommandFailure;
  const code = typeof failure.serverResponseCode === 'string' ? failure.serverResponseCode.toUpperCase() : '';
  const response = typeof failure.response === 'string' ? failure.response.slice(0, 200) : '';
  if (code === 'OVERQUOTA') return new CartableError('QUOTA_EXCEEDED', { response }, { cause: error });
  // TOOBIG (RFC 5530) or over the APPENDLIMIT the server announced (RFC 7889).
  if (code === 'TOOBIG' || code === 'APPENDLIMIT' || code === 'LIMIT')
    return new CartableError('MESSAGE_TOO_LARGE', { response }, { cause: error });
  return toCartableError(error, context);
}

async function guarded<T>(session: ImapSession, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toCartableError(error, session.context);
  }
}

/** The Drafts folder by its SPECIAL-USE flag (RFC 6154), else by a name users and servers give it. */
export function findDraftsPath(session: ImapSession): Promise<string | undefined> {
  return guarded(session, async () => {
    const folders = await session.list();
    const flagged = folders.find((folder) => folder.specialUse === '\\Drafts');
    if (flagged) return flagged.path;
    return folders.find(
      (folder) => specialUseOf(folder.path, folder.name, undefined, folder.parentPath === '') === 'drafts',
    )?.path;
  });
}

/**
 * The copies of one draft in the selected mailbox. SEARCH HEADER matches substrings (RFC 3501
 * §6.4.4), so each hit's header is read back and compared whole.
 */
export function draftCopies(session: ImapSession, draftId: string): Promise<DraftCopy[]> {
  return guarded(session, async () => {
    const uids = await session.client.search({ header: { [DRAFT_HEADER]: draftId } }, { uid: true });
    if (!uids || uids.length === 0) return [];
    const fetched = await session.client.fetchAll(
      toUidSet(uids),
      { uid: true, envelope: true, headers: [DRAFT_HEADER] },
      { uid: true },
    );
    return fetched
      .filter((message) => draftHeaderValue(message.headers) === draftId)
      .map((message) => ({ uid: message.uid, messageId: message.envelope?.messageId }))
      .sort((a, b) => a.uid - b.uid);
  });
}

/** The value of our one requested header in imapflow's raw header block ("Name: value\r\n"). */
export function draftHeaderValue(block: Buffer | undefined): string | undefined {
  if (!block) return undefined;
  const match = /^[^:]+:\s*(.*?)\s*$/s.exec(block.toString('latin1').replace(/\r?\n[ \t]+/g, ' '));
  return match?.[1];
}

/** UID of the message with this Message-ID in the selected mailbox, if there is one. */
export function uidOfMessageId(session: ImapSession, messageId: string): Promise<number | undefined> {
  return guarded(session, async () => {
    const uids = await session.client.search({ header: { 'message-id': messageId } }, { uid: true });
    if (!uids || uids.length === 0) return undefined;
    const fetched = await session.client.fetchAll(
      toUidSet(uids),
      { uid: true, envelope: true },
      { uid: true },
    );
    return fetched.find((message) => message.envelope?.messageId === messageId)?.uid;
  });
}

/**
 * APPENDs one version, flagged \Draft \Seen. Returns its UID when the server said it
 * (APPENDUID, RFC 4315 §3), undefined otherwise: the caller then looks for it by Message-ID.
 */
export async function appendDraft(
  session: ImapSession,
  path: string,
  raw: Buffer,
  date: Date,
): Promise<number | undefined> {
  let answer;
  try {
    answer = await session.client.append(path, raw, DRAFT_FLAGS, date);
  } catch (error) {
    throw appendFailure(error, session.context);
  }
  // imapflow answers false only when the session is not logged in any more.
  if (answer === false) throw new CartableError('NETWORK', { ...session.context, command: 'APPEND' });
  return answer.uid;
}
