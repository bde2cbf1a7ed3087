/**
 * Our adapter over imapflow: the only file that imports it. Connections are
 * always encrypted (implicit TLS, or STARTTLS required), and trust was
 * decided by the probe before the password leaves the machine.
 */
import { ImapFlow, type ListResponse } from 'imapflow';
import type { Endpoint, TlsPin } from '../../../shared/contract/index.ts';
import { toCartableError } from '../net/errors.ts';
import { secureEndpoint, type NetworkContext } from '../net/secure.ts';

export interface ImapLogin {
  endpoint: Endpoint;
  login: string;
  password: string;
  pins: readonly TlsPin[];
}

export interface ImapSession {
  list(): Promise<ListResponse[]>;
  close(): Promise<void>;
}

function isAuthFailure(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { authenticationFailed?: unknown }).authenticationFailed === true
  );
}

export async function openImap(
  login: ImapLogin,
  network: NetworkContext,
  clientVersion: string,
): Promise<ImapSession> {
  const { endpoint } = login;
  const context = { service: 'imap', host: endpoint.host, port: endpoint.port };
  const secured = await secureEndpoint(endpoint, 'imap', login.pins, network);
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
  });
  // imapflow emits 'error' on socket failures after connect; without a listener Node would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw toCartableError(error, context, isAuthFailure);
  }
  return {
    async list() {
      try {
        return await client.list({ statusQuery: { messages: true, unseen: true } });
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
  };
}
