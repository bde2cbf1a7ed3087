/**
 * Our adapter over imapflow: the only file that imports it. Connections are
 * always encrypted (implicit TLS, or STARTTLS required), and trust was
 * decided by the probe before the password leaves the machine.
 */
import { ImapFlow, type ExpungeEvent, type ListResponse } from 'imapflow';
import type { Endpoint, TlsPin } from '../../../shared/contract/index.ts';
import { toCartableError } from '../net/errors.ts';
import { secureEndpoint, type NetworkContext } from '../net/secure.ts';

export interface ImapLogin {
  endpoint: Endpoint;
  login: string;
  password: string;
  pins: readonly TlsPin[];
}

/**
 * A VANISHED (EARLIER) answer is ranges the server chooses: "1:16777216" is a few bytes that
 * would expand to sixteen million UIDs. Past this many the sync compares UIDs instead.
 */
export const MAX_VANISHED_UIDS = 500_000;

export interface ImapSession {
  /** The connection itself, for the sync operations in mailbox.ts (same adapter). */
  readonly client: ImapFlow;
  readonly context: { service: string; host: string; port: number };
  /** UIDs reported expunged (VANISHED) since last drained; `overflow` when past MAX_VANISHED_UIDS. */
  drainVanished(): { uids: number[]; overflow: boolean };
  /** False once the server or the network ended the connection. */
  readonly usable: boolean;
  list(): Promise<ListResponse[]>;
  /** LOGOUT, or a plain close if the server no longer answers; never throws. */
  close(): Promise<void>;
  /** Closes the socket at once, without LOGOUT (after a failure, mid-command). */
  destroy(): void;
}

/**
 * Dovecot answers LIST-STATUS of the selected mailbox from this connection's own view, not
 * synced since its last command (2.3 imap-status.c; RFC 3501 §6.3.10 says not to ask STATUS
 * of it): a kept session with the inbox still open would miss new mail. So leave it first.
 * CLOSE expunges nothing in a mailbox opened read-only (RFC 3501 §6.4.2); one opened
 * read-write is re-opened read-only before.
 */
async function deselect(client: ImapFlow): Promise<void> {
  const selected = client.mailbox;
  if (!selected) return;
  if (!selected.readOnly) await client.mailboxOpen(selected.path, { readOnly: true });
  // imapflow answers false, not an exception, when the server refused the CLOSE.
  if (!(await client.mailboxClose())) throw new Error('CLOSE refused');
}

function isAuthFailure(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { authenticationFailed?: unknown }).authenticationFailed === true
  );
}

export interface ImapEvents {
  /** New, expunged or re-flagged messages in the selected mailbox (IDLE or any answer). */
  onMailboxActivity?: () => void;
}

export async function openImap(
  login: ImapLogin,
  network: NetworkContext,
  clientVersion: string,
  events: ImapEvents = {},
): Promise<ImapSession> {
  const { endpoint } = login;
  const context = { service: 'imap', host: endpoint.host, port: endpoint.port };
  const secured = await secureEndpoint(endpoint, 'imap', login.pins, network);
  const vanished: number[] = [];
  let overflow = false;
  const client = new ImapFlow({
    host: secured.target.host,
    port: secured.target.port,
    secure: endpoint.security === 'tls',
    // Never continue in cleartext when STARTTLS is missing or stripped.
    ...(endpoint.security === 'starttls' ? { doSTARTTLS: true } : {}),
    tls: secured.tls,
    ...(secured.target.servername ? { servername: secured.target.servername } : {}),
    auth: { user: login.login, pass: login.password },
    logger: false,
    clientInfo: { name: 'Cartable', version: clientVersion },
    connectionTimeout: network.timeoutMs,
    greetingTimeout: network.timeoutMs,
    disableAutoIdle: true,
    // QRESYNC (RFC 7162) lets a resync learn expunges without listing every UID.
    qresync: true,
    expungeHandler: (event: ExpungeEvent) => {
      events.onMailboxActivity?.();
      if (!event.vanished || event.uid === undefined) return;
      if (vanished.length < MAX_VANISHED_UIDS) vanished.push(event.uid);
      else overflow = true;
    },
  });
  // imapflow emits 'error' on socket failures after connect; without a listener Node would crash.
  client.on('error', () => undefined);
  if (events.onMailboxActivity) {
    const activity = events.onMailboxActivity;
    client.on('exists', () => activity());
    client.on('flags', () => activity());
  }
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw toCartableError(error, context, isAuthFailure);
  }
  return {
    client,
    context,
    drainVanished: () => {
      const drained = { uids: vanished.splice(0), overflow };
      overflow = false;
      return drained;
    },
    get usable() {
      return client.usable;
    },
    async list() {
      try {
        await deselect(client);
        // One LIST-STATUS (RFC 5819) gives every folder's counters and HIGHESTMODSEQ at once.
        return await client.list({
          statusQuery: { messages: true, unseen: true, uidValidity: true, highestModseq: true },
        });
      } catch (error) {
        throw toCartableError(error, context);
      }
    },
    async close() {
      try {
        await client.logout();
      } catch {
        client.close();
      }
    },
    destroy() {
      client.close();
    },
  };
}
