/**
 * A short connection that only looks at the server's certificate (speaking
 * IMAP or SMTP just far enough for STARTTLS) and never sends credentials.
 * It tells whether the chain is trusted, gives the SHA-256 fingerprint the
 * user may pin, and refuses a server that offers no TLS at all.
 */
import net from 'node:net';
import tls, { type DetailedPeerCertificate } from 'node:tls';
import { CartableError, type Endpoint } from '../../../shared/contract/index.ts';
import { authoritiesContext } from './authorities-context.ts';
import { connectTarget } from './connect.ts';
import { toCartableError } from './errors.ts';

export type ProbeProtocol = 'imap' | 'smtp' | 'https';

export interface ProbeResult {
  authorized: boolean;
  authorizationError: string | undefined;
  /** SHA-256 of the leaf certificate, "AB:CD:…" as Node and browsers print it. */
  fingerprint: string;
  /** The top of the chain the server sent, usable as the trust anchor of a pin. */
  anchorPem: string;
}

export interface ProbeOptions {
  ca: readonly string[];
  timeoutMs: number;
  hostMap?: Readonly<Record<string, string>> | undefined;
}

/** A pre-TLS dialogue longer than this is not a mail server talking to us. */
const MAX_CLEARTEXT_BYTES = 64 * 1024;

function toPem(raw: Buffer): string {
  const lines = raw.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function chainTop(leaf: DetailedPeerCertificate): DetailedPeerCertificate {
  let current = leaf;
  // issuerCertificate points to itself at a self-signed root; bound the walk anyway.
  for (let depth = 0; depth < 16; depth++) {
    const issuer = current.issuerCertificate as DetailedPeerCertificate | undefined;
    if (!issuer || issuer === current || issuer.raw.equals(current.raw)) break;
    current = issuer;
  }
  return current;
}

/** Reads cleartext lines until `done` says the answer is complete. */
function readUntil(socket: net.Socket, done: (lines: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let total = 0;
    const lines: string[] = [];
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', reject);
      socket.off('close', onClose);
    };
    const onClose = () => {
      cleanup();
      reject(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }));
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_CLEARTEXT_BYTES) {
        cleanup();
        reject(new Error('pre-TLS dialogue too long'));
        return;
      }
      buffered += chunk.toString('latin1');
      let index;
      while ((index = buffered.indexOf('\n')) !== -1) {
        lines.push(buffered.slice(0, index).replace(/\r$/, ''));
        buffered = buffered.slice(index + 1);
      }
      if (done(lines)) {
        cleanup();
        resolve(lines);
      }
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.on('close', onClose);
  });
}

async function imapStartTls(socket: net.Socket, endpoint: Endpoint): Promise<void> {
  const greeting = await readUntil(socket, (lines) => lines.length > 0);
  socket.write('P1 CAPABILITY\r\n');
  const capability = await readUntil(socket, (lines) => lines.some((l) => l.startsWith('P1 ')));
  const offered = [...greeting, ...capability].some((line) => /\bSTARTTLS\b/i.test(line));
  if (!offered)
    throw new CartableError('TLS_UNAVAILABLE', { service: 'imap', host: endpoint.host, port: endpoint.port });
  socket.write('P2 STARTTLS\r\n');
  const answer = await readUntil(socket, (lines) => lines.some((l) => l.startsWith('P2 ')));
  if (!answer.some((l) => /^P2 OK/i.test(l)))
    throw new CartableError('TLS_UNAVAILABLE', { service: 'imap', host: endpoint.host, port: endpoint.port });
}

async function smtpStartTls(socket: net.Socket, endpoint: Endpoint): Promise<void> {
  // Replies are complete at the line "NNN " (space after the code, RFC 5321 §4.2.1).
  const complete = (lines: string[]) => lines.some((l) => /^\d{3} /.test(l));
  await readUntil(socket, complete);
  socket.write('EHLO [127.0.0.1]\r\n');
  const ehlo = await readUntil(socket, complete);
  if (!ehlo.some((line) => /^250[ -]STARTTLS\b/i.test(line)))
    throw new CartableError('TLS_UNAVAILABLE', { service: 'smtp', host: endpoint.host, port: endpoint.port });
  socket.write('STARTTLS\r\n');
  const answer = await readUntil(socket, complete);
  if (!answer.some((l) => l.startsWith('220')))
    throw new CartableError('TLS_UNAVAILABLE', { service: 'smtp', host: endpoint.host, port: endpoint.port });
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(Object.assign(new Error('probe timed out'), { code: 'ETIMEDOUT' }));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function probeTls(
  endpoint: Endpoint,
  protocol: ProbeProtocol,
  options: ProbeOptions,
): Promise<ProbeResult> {
  const target = connectTarget(endpoint.host, endpoint.port, options.hostMap);
  const sockets: net.Socket[] = [];
  const run = async (): Promise<ProbeResult> => {
    let plain: net.Socket | undefined;
    if (endpoint.security === 'starttls') {
      plain = net.connect({ host: target.host, port: target.port });
      sockets.push(plain);
      await new Promise<void>((resolve, reject) => {
        plain?.once('connect', resolve).once('error', reject);
      });
      if (protocol === 'imap') await imapStartTls(plain, endpoint);
      else if (protocol === 'smtp') await smtpStartTls(plain, endpoint);
    }
    const secure = tls.connect({
      // With a socket, `host` only names the peer for the certificate check of an IP literal.
      ...(plain ? { socket: plain, host: endpoint.host } : { host: target.host, port: target.port }),
      ...(target.servername ? { servername: target.servername } : {}),
      secureContext: authoritiesContext(options.ca),
      // We decide trust ourselves below; nothing but the handshake happens on this socket.
      rejectUnauthorized: false,
    });
    sockets.push(secure);
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve).once('error', reject);
    });
    const leaf = secure.getPeerCertificate(true);
    if (!leaf.raw) throw new CartableError('TLS_UNTRUSTED', { host: endpoint.host, port: endpoint.port });
    return {
      authorized: secure.authorized,
      authorizationError: secure.authorizationError ? String(secure.authorizationError) : undefined,
      fingerprint: leaf.fingerprint256,
      anchorPem: toPem(chainTop(leaf).raw),
    };
  };
  // Only the outermost socket is destroyed: it closes the one it wraps, and destroying the
  // plain socket under a live TLSSocket crashed Node 22 (SIGSEGV, seen after STARTTLS).
  const destroyOutermost = () => sockets.at(-1)?.destroy();
  try {
    return await withTimeout(run(), options.timeoutMs, destroyOutermost);
  } catch (error) {
    throw toCartableError(error, { service: protocol, host: endpoint.host, port: endpoint.port });
  } finally {
    destroyOutermost();
  }
}
