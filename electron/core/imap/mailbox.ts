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
import { fetchPaced } from './paced-fetch.ts';

/** What a header sync asks for; exported so the bench's raw FETCH asks for the same. */
export const HEADER_FETCH_QUERY: Readonly<FetchQueryObject> = {
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

/**
 * `path` open read-only and up to date. A kept session (session-pool.ts) often has the inbox
 * open already: a NOOP then brings the server's news as untagged EXISTS, VANISHED and FETCH in
 * a few ms, where a new EXAMINE makes Dovecot reopen it (hundreds of ms for a 100,000-message
 * inbox on the test stack). What the session then knows of UIDNEXT and HIGHESTMODSEQ is its
 * running estimate, never above the server's: `refreshed` says so.
 * Only the inbox: it cannot be deleted or renamed away (RFC 3501 §6.3.4-5), while another
 * folder deleted and re-created meanwhile is not reported to a connection that has it open
 * (Dovecot 2.3 keeps answering from the old one); only a new EXAMINE sees its new UIDVALIDITY.
 * A renumbered inbox (a server-side restore) is caught by the next full sync, which lists the
 * folders with none open.
 */
export function openReadOnly(session: ImapSession, path: string): Promise<SelectedMailbox> {
  const current = session.client.mailbox;
  if (path !== 'INBOX' || !current || current.path !== path || !current.readOnly)
    return selectReadOnly(session, path);
  return guarded(session, async () => {
    await session.client.noop();
    const refreshed = session.client.mailbox;
    // A server may close the mailbox in answer (RFC 7162 §3.2.11 [CLOSED]): open it anew.
    if (!refreshed || refreshed.path !== path) return selectReadOnly(session, path);
    return { ...toSelected(refreshed), refreshed: true };
  });
}

/** `path` open, as it is: for fetches by UID right after its sync, which need no refresh. */
export async function ensureOpen(session: ImapSession, path: string): Promise<void> {
  if (session.client.mailbox && session.client.mailbox.path === path) return;
  await selectReadOnly(session, path);
}

/** Messages and unseen messages of the selected mailbox, as LIST-STATUS would count them. */
export function selectedCounters(session: ImapSession): Promise<{ messages: number; unseen: number }> {
  return guarded(session, async () => {
    const messages = session.client.mailbox ? session.client.mailbox.exists : 0;
    if (session.client.capabilities.has('ESEARCH')) {
      // SEARCH RETURN (COUNT) (RFC 4731): the count alone, not one number per unseen message.
      const answer = await session.client.search({ seen: false }, { returnOptions: ['COUNT'] });
      if (answer && !Array.isArray(answer)) return { messages, unseen: answer.count ?? 0 };
    }
    const unseen = await session.client.search({ seen: false });
    return { messages, unseen: unseen ? unseen.length : 0 };
  });
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
    return fetchPaced(session, uidSet, HEADER_FETCH_QUERY, { uid: true }, toMessageHeaders);
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
    const changed = await fetchPaced(
      session,
      uidSet,
      { uid: true, flags: true },
      { uid: true, ...(changedSince === undefined ? {} : { changedSince }) },
      (m) => ({ uid: m.uid, modseq: m.modseq, flags: storedFlags(m.flags) }),
    );
    const vanished = session.drainVanished();
    return {
      changed,
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
