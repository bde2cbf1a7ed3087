/**
 * SMTP submission check: EHLO, TLS, AUTH, then QUIT — nothing is sent.
 * Our adapter over nodemailer for verification; it also reads the server's size limit.
 */
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Endpoint, TlsPin } from '../../../shared/contract/index.ts';
import { toCartableError } from '../net/errors.ts';
import { secureEndpoint, type NetworkContext } from '../net/secure.ts';
import { announcedSizeLimit } from './size-limit.ts';

export interface SmtpLogin {
  endpoint: Endpoint;
  login: string;
  password: string;
  pins: readonly TlsPin[];
}

function isAuthFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EAUTH';
}

/**
 * Returns the server's EHLO SIZE limit (RFC 1870) when it announces one. A bare SMTPConnection
 * rather than nodemailer's transport.verify(), which does the same steps but keeps the EHLO
 * answer to itself.
 */
export async function verifySmtp(login: SmtpLogin, network: NetworkContext): Promise<number | undefined> {
  const { endpoint } = login;
  const context = { service: 'smtp', host: endpoint.host, port: endpoint.port };
  const secured = await secureEndpoint(endpoint, 'smtp', login.pins, network);
  const connection = new SMTPConnection({
    host: secured.target.host,
    port: secured.target.port,
    secure: endpoint.security === 'tls',
    // Fail rather than authenticate in clear if STARTTLS is missing.
    requireTLS: endpoint.security === 'starttls',
    tls: secured.tls,
    connectionTimeout: network.timeoutMs,
    greetingTimeout: network.timeoutMs,
    socketTimeout: network.timeoutMs,
    name: 'cartable.localhost',
    logger: false,
  });
  // Socket failures arrive as 'error' events, not always through the pending callback.
  const failed = new Promise<never>((_, reject) => connection.on('error', reject));
  failed.catch(() => undefined);
  const step = (run: (done: (error: Error | null | undefined) => void) => void): Promise<void> =>
    Promise.race([
      new Promise<void>((resolve, reject) => run((error) => (error ? reject(error) : resolve()))),
      failed,
    ]);
  try {
    await step((done) => connection.connect(done));
    await step((done) =>
      connection.login({ credentials: { user: login.login, pass: login.password } }, (error) => done(error)),
    );
    const limit = announcedSizeLimit(connection);
    connection.quit();
    return limit;
  } catch (error) {
    connection.close();
    throw toCartableError(error, context, isAuthFailure);
  }
}
