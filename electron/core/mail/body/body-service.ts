/**
 * Bodies on demand and in the background. Opening a message reads its body
 * from the database, or fetches the source (bounded by MAX_SOURCE_BYTES),
 * parses it and stores it first. Attachments are never stored: saving one
 * streams that single part from the server to a new file.
 */
import { CartableError, type MessageBody } from '../../../../shared/contract/index.ts';
import { downloadPart, fetchSource, fetchStructure } from '../../imap/body.ts';
import type { ImapSession } from '../../imap/client.ts';
import { ensureOpen, selectReadOnly } from '../../imap/mailbox.ts';
import type { Clock } from '../../ports.ts';
import type { FolderRef } from '../message-sync.ts';
import type { BodyRepository, MessageLocation } from './body-repository.ts';
import { MAX_SOURCE_BYTES } from './limits.ts';
import { opaqueBody, parseBody, type ParsedBody } from './parse.ts';
import { readBounded } from './read-bounded.ts';
import { searchableText } from './plain-text.ts';
import { writeNewFile } from './save-file.ts';

/** Bodies fetched per batch in the background: each batch is written, then announced. */
export const BODY_BATCH = 20;
/** An invitation is a few kilobytes; the reader's card reads no more than this (MAX_ICS_CHARS). */
export const MAX_CALENDAR_BYTES = 256 * 1024;

export interface BodyStoreDeps {
  bodies: BodyRepository;
  clock: Clock;
  /** After a body is stored: its plain text and attachment names, for whoever indexes it (search). */
  onStored?(messageId: number, plainText: string, attachmentNames: string[]): void;
}

function notFound(messageId: number, reason: string): CartableError {
  return new CartableError('MESSAGE_NOT_FOUND', { id: messageId, reason });
}

/**
 * Fetches and parses one message of the selected folder. Too large (by the server's
 * RFC822.SIZE or by what it actually sends): the server's structure only, with a note.
 */
export async function fetchBody(
  session: ImapSession,
  message: { uid: number; size: number },
): Promise<ParsedBody | undefined> {
  const fetched =
    message.size > MAX_SOURCE_BYTES
      ? ({ kind: 'tooLarge' } as const)
      : await fetchSource(session, message.uid, MAX_SOURCE_BYTES);
  if (fetched.kind === 'gone') return undefined;
  if (fetched.kind === 'source') return parseBody(fetched.source);
  const parts = await fetchStructure(session, message.uid);
  return parts ? opaqueBody('TOO_LARGE', message.size, parts) : undefined;
}

function storeParsed(deps: BodyStoreDeps, messageId: number, body: ParsedBody): boolean {
  const stored = deps.bodies.store(messageId, body, deps.clock.now().getTime());
  if (stored) {
    const names = body.parts.flatMap((part) =>
      part.filename && part.disposition !== 'inline' ? [part.filename] : [],
    );
    deps.onStored?.(messageId, searchableText(body), names);
  }
  return stored;
}

export interface RecentBodiesDeps extends BodyStoreDeps {
  batchSize?: number;
  /** After each stored batch, with how many bodies it held. */
  onBatch?(folderId: string, stored: number): void;
  /** A message the server refused to send; it is tried again on the next run. */
  onSkipped?(messageId: number, code: string): void;
}

/**
 * Fetches the bodies of the folder's messages that arrived since `sinceMs` and have none yet,
 * newest first, in small batches, so recent mail reads offline. Returns how many were stored.
 */
export async function fetchRecentBodies(
  session: ImapSession,
  folder: FolderRef,
  sinceMs: number,
  deps: RecentBodiesDeps,
): Promise<number> {
  const missing = deps.bodies.missingSince(folder.id, sinceMs);
  if (missing.length === 0) return 0;
  // Right after the folder's headers it is still open: no second EXAMINE, nor even a NOOP.
  await ensureOpen(session, folder.path);
  const batchSize = deps.batchSize ?? BODY_BATCH;
  let total = 0;
  for (let start = 0; start < missing.length; start += batchSize) {
    let stored = 0;
    for (const message of missing.slice(start, start + batchSize)) {
      // One command at a time: each fetch completes before the next starts.
      const body = await fetchBody(session, message).catch((error: unknown) => {
        // The server refusing one message (a NO) must not stop the others forever; a lost
        // connection still ends the run, and the next sync resumes where this one stopped.
        if (error instanceof CartableError && error.code === 'PROTOCOL_ERROR') {
          deps.onSkipped?.(message.messageId, error.code);
          return undefined;
        }
        throw error;
      });
      if (body && storeParsed(deps, message.messageId, body)) stored++;
    }
    total += stored;
    if (stored > 0) deps.onBatch?.(folder.id, stored);
  }
  return total;
}

export interface BodyServiceDeps extends BodyStoreDeps {
  /** A connection for this account; the service closes it when done. */
  /** Runs `work` on a session of the account (the core lends its kept one, imap/session-pool.ts). */
  withSession<R>(accountId: string, work: (session: ImapSession) => Promise<R>): Promise<R>;
}

export class BodyService {
  readonly #deps: BodyServiceDeps;
  /** One fetch per message at a time: opening a message twice quickly shares the work. */
  readonly #inFlight = new Map<number, Promise<MessageBody>>();

  constructor(deps: BodyServiceDeps) {
    this.#deps = deps;
  }

  async getBody(messageId: number): Promise<MessageBody> {
    const stored = this.#deps.bodies.get(messageId);
    if (stored) return stored;
    const running = this.#inFlight.get(messageId);
    if (running) return running;
    const fetching = this.#fetch(messageId).finally(() => this.#inFlight.delete(messageId));
    this.#inFlight.set(messageId, fetching);
    return fetching;
  }

  async saveAttachment(
    messageId: number,
    partId: string,
    destination: string,
  ): Promise<{ path: string; size: number }> {
    const location = this.#locate(messageId);
    const saved = await this.#withFolder(location, (session) =>
      writeNewFile(() => downloadPart(session, location.uid, partId), destination),
    );
    if (!saved) throw new CartableError('MESSAGE_NOT_FOUND', { id: messageId, reason: 'NOT_ON_SERVER' });
    return saved;
  }

  /**
   * An invitation's iCalendar text, for the reader's summary card: only a part the stored body
   * lists as a calendar, at most `maxBytes` (undefined past that, or when the server lost it).
   */
  async readCalendarPart(messageId: number, partId: string, maxBytes: number): Promise<string | undefined> {
    const part = this.#deps.bodies.get(messageId)?.parts.find((candidate) => candidate.partId === partId);
    const calendar =
      part !== undefined &&
      (/^(text\/calendar|application\/ics)$/i.test(part.mimeType) || /\.ics$/i.test(part.filename ?? ''));
    if (!calendar) throw notFound(messageId, 'NOT_A_CALENDAR');
    const location = this.#locate(messageId);
    const bytes = await this.#withFolder(location, async (session) => {
      const stream = await downloadPart(session, location.uid, partId);
      return stream ? readBounded(stream, maxBytes) : undefined;
    });
    // iCalendar is UTF-8 (RFC 5545 §3.1.4); a stray byte becomes U+FFFD, never an exception.
    return bytes?.toString('utf8');
  }

  #locate(messageId: number): MessageLocation {
    const location = this.#deps.bodies.locate(messageId);
    if (!location) throw notFound(messageId, 'UNKNOWN');
    return location;
  }

  async #fetch(messageId: number): Promise<MessageBody> {
    const location = this.#locate(messageId);
    const body = await this.#withFolder(location, (session) => fetchBody(session, location));
    if (!body) throw notFound(messageId, 'NOT_ON_SERVER');
    if (!storeParsed(this.#deps, messageId, body)) throw notFound(messageId, 'DELETED');
    const stored = this.#deps.bodies.get(messageId);
    if (!stored) throw notFound(messageId, 'DELETED');
    return stored;
  }

  async #withFolder<T>(location: MessageLocation, run: (session: ImapSession) => Promise<T>): Promise<T> {
    return this.#deps.withSession(location.accountId, async (session) => {
      await selectReadOnly(session, location.path);
      return run(session);
    });
  }
}
