/**
 * Turns what sockets, TLS and protocol libraries throw into our stable
 * codes, so each failure the user can act on gets its own message.
 */
import { CartableError, type ErrorDetails } from '../../../shared/contract/index.ts';

export interface FailureContext {
  service: string;
  host: string;
  port: number;
}

const hostNotFound = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA']);
const timeouts = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'TIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);
const network = new Set([
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'NoConnection',
  // imapflow: the connection closed before the server's greeting (a proxy or firewall dropping
  // it, a BYE "Too many connections"): the network's doing, worth retrying.
  'ClosedAfterConnectTLS',
  'ClosedAfterConnectText',
]);
// OpenSSL verification failures as Node reports them.
const tlsUntrusted =
  /^(SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|CERT_|ERR_TLS_CERT_ALTNAME_INVALID)/;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function causeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
}

/** Maps a low-level failure; `isAuthFailure` lets each protocol adapter say what "wrong password" looks like. */
export function toCartableError(
  error: unknown,
  context: FailureContext,
  isAuthFailure: (error: unknown) => boolean = () => false,
): CartableError {
  if (error instanceof CartableError) return error;
  const where: ErrorDetails = { service: context.service, host: context.host, port: context.port };
  if (isAuthFailure(error)) return new CartableError('AUTH_FAILED', where, { cause: error });
  const code = codeOf(error) ?? codeOf(causeOf(error));
  if (code !== undefined) {
    if (hostNotFound.has(code)) return new CartableError('HOST_NOT_FOUND', where, { cause: error });
    if (code === 'ECONNREFUSED') return new CartableError('PORT_CLOSED', where, { cause: error });
    if (timeouts.has(code)) return new CartableError('TIMEOUT', where, { cause: error });
    if (network.has(code)) return new CartableError('NETWORK', where, { cause: error });
    if (tlsUntrusted.test(code)) return new CartableError('TLS_UNTRUSTED', where, { cause: error });
    if (code === 'ENOSPC' || code === 'SQLITE_FULL')
      return new CartableError('DISK_FULL', {}, { cause: error });
  }
  return new CartableError('PROTOCOL_ERROR', where, { cause: error });
}
