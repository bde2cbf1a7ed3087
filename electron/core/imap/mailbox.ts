/**
 * The IMAP side of folder sync: read-only SELECT, UID SEARCH, header and
 * flag fetches. Each call is one command whose answer is collected first:
 * no command is issued from inside a FETCH loop (imapflow's own warning).
 */
import type { FetchQueryObject, MailboxObject } from 'imapflow';
import type { FlagChange, MessageHeaders, SelectedMailbox } from '../mail/model.ts';
import { toCartableError } from '../net/errors.ts';
import { storedFlags, toMessageHeaders } from './headers.ts';
import type { ImapSession } from './client.ts';

const headerQuery: FetchQueryObject = {
  uid: true,
  flags: true,
  envelope: true,
  internalDate: true,
  size: true,
  bodyStructure: true,
  // Only what threading and lists need; the envelope has the rest.
  headers: ['references', 'list-id'],
};

async function guarded<T>(session: ImapSession, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toCartableError(error, session.context);
  }
}

function toSelected(mailbox: MailboxObject): SelectedMailbox {
  return {
    path: mailbox.path,
    uidValidity: mailbox.uidValidity,
    uidNext: mailbox.uidNext,
    exists: mailbox.exists,
    highestModseq: mailbox.noModseq ? undefined : mailbox.highestModseq,
  };
}

/** EXAMINE: reading never changes \\Recent or anything else on the server. */
export function selectReadOnly(session: ImapSession, path: string): Promise<SelectedMailbox> {
  return guarded(session, async () => toSelected(await session.client.mailboxOpen(path, { readOnly: true })));
}

/** UIDs of the selected mailbox, ascending: all of them, or those in `uidRange` ("n:*"). */
export function searchUids(session: ImapSession, uidRange?: string): Promise<number[]> {
  return guarded(session, async () => {
    const found = await session.client.search(uidRange ? { uid: uidRange } : { all: true }, { uid: true });
    return (found || []).sort((a, b) => a - b);
  });
}

export function fetchHeaders(session: ImapSession, uidSet: string): Promise<MessageHeaders[]> {
  return guarded(session, async () => {
    const messages = await session.client.fetchAll(uidSet, headerQuery, { uid: true });
    return messages.map(toMessageHeaders);
  });
}

export interface FlagAnswer {
  changed: FlagChange[];
  /** Only filled with QRESYNC: UIDs expunged since `changedSince`. */
  vanished: number[];
  /** The server reported more expunges than we keep: compare UIDs instead. */
  vanishedOverflow: boolean;
}

/**
 * FLAGS of `uidSet`; with `changedSince` only those changed since (CONDSTORE),
 * and with QRESYNC enabled the server adds the VANISHED UIDs.
 */
export function fetchFlags(session: ImapSession, uidSet: string, changedSince?: bigint): Promise<FlagAnswer> {
  return guarded(session, async () => {
    session.drainVanished();
    const messages = await session.client.fetchAll(
      uidSet,
      { uid: true, flags: true },
      { uid: true, ...(changedSince === undefined ? {} : { changedSince }) },
    );
    const vanished = session.drainVanished();
    return {
      changed: messages.map((m) => ({ uid: m.uid, modseq: m.modseq, flags: storedFlags(m.flags) })),
      vanished: vanished.uids,
      vanishedOverflow: vanished.overflow,
    };
  });
}

export function qresyncEnabled(session: ImapSession): boolean {
  return session.client.enabled.has('QRESYNC');
}

export function condstoreEnabled(session: ImapSession): boolean {
  return session.client.enabled.has('CONDSTORE');
}
