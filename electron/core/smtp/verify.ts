/**
 * SMTP submission check: EHLO, TLS, AUTH, then QUIT — nothing is sent.
 * Our adapter over nodemailer for verification; sending comes with the mail engine.
 */
import nodemailer from 'nodemailer';
import type { Endpoint, TlsPin } from '../../../shared/contract/index.ts';
import { toCartableError } from '../net/errors.ts';
import { secureEndpoint, type NetworkContext } from '../net/secure.ts';

export interface SmtpLogin {
  endpoint: Endpoint;
  login: string;
  password: string;
  pins: readonly TlsPin[];
}

function isAuthFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EAUTH';
}

export async function verifySmtp(login: SmtpLogin, network: NetworkContext): Promise<void> {
  const { endpoint } = login;
  const context = { service: 'smtp', host: endpoint.host, port: endpoint.port };
  const secured = await secureEndpoint(endpoint, 'smtp', login.pins, network);
  const transport = nodemailer.createTransport({
    host: secured.target.host,
    port: secured.target.port,
    secure: endpoint.security === 'tls',
    // Fail rather than authenticate in clear if STARTTLS is missing.
    requireTLS: endpoint.security === 'starttls',
    tls: secured.tls,
    auth: { user: login.login, pass: login.password },
    connectionTimeout: network.timeoutMs,
    greetingTimeout: network.timeoutMs,
    socketTimeout: network.timeoutMs,
    name: 'cartable.localhost',
  });
  try {
    await transport.verify();
  } catch (error) {
    throw toCartableError(error, context, isAuthFailure);
  } finally {
    transport.close();
  }
}
