/**
 * The IMAP side of mail actions: read-write SELECT, STORE, MOVE, COPY and
 * UID EXPUNGE by UID. imapflow reports a refused command as `false`; here
 * that becomes a PROTOCOL_ERROR so a task never mistakes it for success.
 */
import { CartableError } from '../../../shared/contract/index.ts';
import { toUidSet } from '../mail/uid-set.ts';
import { toCartableError } from '../net/errors.ts';
import type { ImapSession } from './client.ts';

/** One SEARCH per this many Message-IDs: an OR tree deeper than this is slow on some servers. */
const MESSAGE_IDS_PER_SEARCH = 25;

async function guarded<T>(session: ImapSession, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CartableError) throw error;
    throw toCartableError(error, session.context);
  }
}

function refused(session: ImapSession, command: string): CartableError {
  return new CartableError('PROTOCOL_ERROR', { ...session.context, command });
}

export function hasCapability(session: ImapSession, name: string): boolean {
  return session.client.capabilities.has(name);
}

/** SELECT (not EXAMINE): the following commands change the mailbox. Returns its UIDVALIDITY. */
export function selectReadWrite(session: ImapSession, path: string): Promise<number> {
  return guarded(session, async () => Number((await session.client.mailboxOpen(path)).uidValidity));
}

/** Those of `uids` that the selected mailbox still holds. */
export function existingUids(session: ImapSession, uids: readonly number[]): Promise<number[]> {
  if (uids.length === 0) return Promise.resolve([]);
  return guarded(session, async () => {
    const found = await session.client.search({ uid: toUidSet(uids) }, { uid: true });
    return (found || []).sort((a, b) => a - b);
  });
}

export function storeFlag(
  session: ImapSession,
  uids: readonly number[],
  flag: string,
  value: boolean,
): Promise<void> {
  return guarded(session, async () => {
    const set = toUidSet(uids);
    const done = value
      ? await session.client.messageFlagsAdd(set, [flag], { uid: true })
      : await session.client.messageFlagsRemove(set, [flag], { uid: true });
    if (!done) throw refused(session, 'STORE');
  });
}

/** Source UID → destination UID, as far as the server said (COPYUID, RFC 4315 §3). */
export type UidMap = Map<number, number>;

/** RFC 6851 MOVE: atomic on the server, nothing left to expunge. */
export function moveUids(
  session: ImapSession,
  uids: readonly number[],
  destination: string,
): Promise<UidMap> {
  return guarded(session, async () => {
    const answer = await session.client.messageMove(toUidSet(uids), destination, { uid: true });
    if (!answer) throw refused(session, 'MOVE');
    return answer.uidMap ?? new Map<number, number>();
  });
}

export function copyUids(
  session: ImapSession,
  uids: readonly number[],
  destination: string,
): Promise<UidMap> {
  return guarded(session, async () => {
    const answer = await session.client.messageCopy(toUidSet(uids), destination, { uid: true });
    if (!answer) throw refused(session, 'COPY');
    return answer.uidMap ?? new Map<number, number>();
  });
}

/** Those of `messageIds` (with their angle brackets) present in the selected mailbox. */
export function presentMessageIds(session: ImapSession, messageIds: readonly string[]): Promise<Set<string>> {
  return guarded(session, async () => {
    const present = new Set<string>();
    for (let start = 0; start < messageIds.length; start += MESSAGE_IDS_PER_SEARCH) {
      const batch = messageIds.slice(start, start + MESSAGE_IDS_PER_SEARCH);
      const uids = await session.client.search(
        { or: batch.map((id) => ({ header: { 'message-id': id } })) },
        { uid: true },
      );
      if (!uids || uids.length === 0) continue;
      const fetched = await session.client.fetchAll(
        toUidSet(uids),
        { uid: true, envelope: true },
        { uid: true },
      );
      for (const message of fetched) {
        const id = message.envelope?.messageId;
        if (id && batch.includes(id)) present.add(id);
      }
    }
    return present;
  });
}

/**
 * \\Deleted then UID EXPUNGE of exactly `uids`. Without UIDPLUS (RFC 4315) the
 * only EXPUNGE there is removes every \\Deleted message, other clients' too,
 * so we refuse instead.
 */
export function expungeUids(session: ImapSession, uids: readonly number[]): Promise<void> {
  return guarded(session, async () => {
    if (uids.length === 0) return;
    if (!hasCapability(session, 'UIDPLUS')) throw refused(session, 'UID EXPUNGE');
    if (!(await session.client.messageDelete(toUidSet(uids), { uid: true })))
      throw refused(session, 'UID EXPUNGE');
  });
}
