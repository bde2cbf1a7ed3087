/**
 * Our adapter over nodemailer for sending: builds a composed message into MIME once, and submits
 * those bytes over one SMTP session. It reports *where* a failure happened, because after the
 * final dot of DATA a lost connection means the server may already have the message.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection, { type SentMessageInfo } from 'nodemailer/lib/smtp-connection';
import { CartableError, type ComposeMessage, type Recipient } from '../../../shared/contract/index.ts';
import { toCartableError } from '../net/errors.ts';
import { secureEndpoint, type NetworkContext } from '../net/secure.ts';
import { announcedSizeLimit } from './size-limit.ts';
import type { SmtpLogin } from './verify.ts';

/**
 * Attachments are read whole into the outbox row. Academy submission servers refuse messages
 * past 25–30 MB, and base64 grows the files by a third: 18 MiB of files is about 24 MB of MIME.
 */
export const MAX_ATTACHMENT_BYTES = 18 * 1024 * 1024;

export interface Sender {
  name: string;
  address: string;
}

export interface BuiltMessage {
  raw: Buffer;
  messageId: string;
  /** Every recipient, Bcc included: the SMTP envelope (Bcc is not in the headers). */
  envelope: { from: string; to: string[] };
}

function addresses(list: readonly Recipient[]): Array<{ name: string; address: string }> {
  return list.map((r) => ({ name: r.name, address: r.address }));
}

/** A staged attachment's file (mail.stageAttachment), or undefined when there is none. */
export type StagedPath = (stagedId: string) => string | undefined;

/** The file to read: a staged one only through the staging directory, never a path of the page's. */
function filePath(file: ComposeMessage['attachments'][number], staged: StagedPath | undefined): string {
  if ('path' in file) return file.path;
  const found = staged?.(file.stagedId);
  if (found === undefined) throw new CartableError('ATTACHMENT_UNREADABLE', { path: file.name });
  return found;
}

async function readAttachments(
  files: ComposeMessage['attachments'],
  staged: StagedPath | undefined,
): Promise<Array<{ filename: string; content: Buffer }>> {
  let total = 0;
  const read: Array<{ filename: string; content: Buffer }> = [];
  for (const file of files) {
    const filename = filePath(file, staged);
    // A relative path would depend on the core's working directory: only absolute ones are meant.
    if (!path.isAbsolute(filename)) throw new CartableError('ATTACHMENT_UNREADABLE', { path: filename });
    try {
      const info = await stat(filename);
      if (!info.isFile()) throw new CartableError('ATTACHMENT_UNREADABLE', { path: filename });
      total += info.size;
      if (total > MAX_ATTACHMENT_BYTES)
        throw new CartableError('MESSAGE_TOO_LARGE', { limit: MAX_ATTACHMENT_BYTES });
      read.push({ filename: path.basename(filename), content: await readFile(filename) });
    } catch (error) {
      if (error instanceof CartableError) throw error;
      throw new CartableError('ATTACHMENT_UNREADABLE', { path: filename }, { cause: error });
    }
  }
  return read;
}

/** The domain part of the sender, so our Message-IDs look like the sender's own. */
function messageIdDomain(address: string): string {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return /^[A-Za-z0-9.-]+$/.test(domain) ? domain : 'cartable.localhost';
}

/** The Message-ID `buildMessage` gives a message built with this id for this sender. */
export function messageIdFor(id: string, senderAddress: string): string {
  return `<${id}@${messageIdDomain(senderAddress)}>`;
}

/**
 * Builds the message once; every attempt and the copy in Sent use these same bytes. `headers`
 * are extra fields of ours (a draft's X-Cartable-Draft).
 */
export async function buildMessage(
  from: Sender,
  message: ComposeMessage,
  options: { id: string; date: Date; headers?: Readonly<Record<string, string>>; staged?: StagedPath },
): Promise<BuiltMessage> {
  const messageId = messageIdFor(options.id, from.address);
  const composer = new MailComposer({
    from: { name: from.name, address: from.address },
    to: addresses(message.to),
    cc: addresses(message.cc),
    bcc: addresses(message.bcc),
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    attachments: await readAttachments(message.attachments, options.staged),
    messageId,
    date: options.date,
    ...(options.headers === undefined ? {} : { headers: { ...options.headers } }),
    ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
    ...(message.references === undefined ? {} : { references: message.references }),
  });
  const raw = await composer.compile().build();
  const to = [...message.to, ...message.cc, ...message.bcc].map((r) => r.address);
  return { raw, messageId, envelope: { from: from.address, to: [...new Set(to)] } };
}

/**
 * retry: the server does not have the message (network down, 4xx): try again later.
 * refused: a 5xx, or a wrong password; the message was not delivered.
 * uncertain: the connection died after the whole message was handed over: never resend.
 * skipped: `beforeMessage` said no (the user cancelled while we were connecting).
 */
export type SendOutcome =
  | { kind: 'sent'; response: string }
  | { kind: 'skipped' }
  | { kind: 'retry' | 'refused' | 'uncertain'; error: CartableError };

interface SmtpFailure {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

function isAuthFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as SmtpFailure).code === 'EAUTH';
}

/** nodemailer rewrites socket codes to ECONNECTION/ESOCKET and keeps the system one as originalCode. */
function networkError(
  error: unknown,
  context: { service: string; host: string; port: number },
): CartableError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  if (typeof failure.originalCode === 'string')
    return toCartableError({ code: failure.originalCode }, context);
  const mapped = toCartableError(error, context, isAuthFailure);
  if (mapped.code !== 'PROTOCOL_ERROR') return mapped;
  if (failure.code === 'ECONNECTION' || failure.code === 'ESOCKET' || failure.code === 'ETIMEDOUT')
    return new CartableError('NETWORK', { ...context }, { cause: error });
  return mapped;
}

export function classifySendFailure(
  error: unknown,
  handedOver: boolean,
  context: { service: string; host: string; port: number },
): SendOutcome {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const response = typeof failure.response === 'string' ? failure.response.slice(0, 500) : '';
  if (isAuthFailure(error)) return { kind: 'refused', error: toCartableError(error, context, isAuthFailure) };
  if (responseCode !== undefined) {
    // RFC 5321 §4.2.1: 4yz is "try again later", 5yz is final. Either way the server answered,
    // so it has not accepted the message: resending is safe.
    if (responseCode >= 400 && responseCode < 500)
      return { kind: 'retry', error: new CartableError('NETWORK', { ...context, response }) };
    return { kind: 'refused', error: new CartableError('SEND_REFUSED', { ...context, response }) };
  }
  if (handedOver) return { kind: 'uncertain', error: new CartableError('SEND_UNCERTAIN', { ...context }) };
  return { kind: 'retry', error: networkError(error, context) };
}

/**
 * One submission: connect, STARTTLS or implicit TLS, AUTH, then — only if `beforeMessage()`
 * commits the 'sending' state and says yes — MAIL/RCPT/DATA with the built bytes.
 */
export async function submitMessage(
  login: SmtpLogin,
  network: NetworkContext,
  message: { raw: Buffer; envelope: { from: string; to: string[] } },
  beforeMessage: () => boolean,
  /** The server's EHLO SIZE limit (RFC 1870), read on every connection so a change is noticed. */
  onSizeLimit?: (bytes: number | undefined) => void,
): Promise<SendOutcome> {
  const { endpoint } = login;
  const context = { service: 'smtp', host: endpoint.host, port: endpoint.port };
  let secured;
  try {
    secured = await secureEndpoint(endpoint, 'smtp', login.pins, network);
  } catch (error) {
    const mapped = toCartableError(error, context);
    const transient = ['NETWORK', 'TIMEOUT', 'HOST_NOT_FOUND', 'PORT_CLOSED'].includes(mapped.code);
    return { kind: transient ? 'retry' : 'refused', error: mapped };
  }
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
  let handedOver = false;
  // nodemailer reports socket failures as 'error' events, not always through the pending callback;
  // the listener stays so a second event after close cannot become an uncaught 'error'.
  const failed = new Promise<never>((_, reject) => connection.on('error', reject));
  failed.catch(() => undefined);
  const step = <T>(run: (done: (error: Error | null, value?: T) => void) => void): Promise<T | undefined> =>
    Promise.race([
      new Promise<T | undefined>((resolve, reject) =>
        run((error, value) => (error ? reject(error) : resolve(value))),
      ),
      failed,
    ]);
  try {
    await step<void>((done) => connection.connect((error) => done(error ?? null)));
    await step<boolean>((done) =>
      connection.login({ credentials: { user: login.login, pass: login.password } }, done),
    );
    onSizeLimit?.(announcedSizeLimit(connection));
    if (!beforeMessage()) {
      connection.quit();
      return { kind: 'skipped' };
    }
    const body = Readable.from([message.raw]);
    body.once('end', () => (handedOver = true));
    const info = await step<SentMessageInfo>((done) => connection.send(message.envelope, body, done));
    connection.quit();
    return { kind: 'sent', response: info?.response ?? '' };
  } catch (error) {
    connection.close();
    return classifySendFailure(error, handedOver, context);
  }
}
