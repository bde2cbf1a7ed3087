/**
 * Reply, reply-all and forward as pure functions: from the original message and the user's own
 * addresses, the new message's recipients, subject, threading headers (RFC 5322 §3.6.4) and
 * quoted body. The compose window fills its fields from the result; nothing here does I/O.
 */
import type { ComposeLocale } from './compose-strings.ts';
import { forwardBody, replyQuote, type Mailbox, type QuotedBody, type QuoteSource } from './quote.ts';
import { forwardSubject, replySubject } from './subject.ts';

export type { ComposeLocale } from './compose-strings.ts';
export type { Mailbox, QuotedBody } from './quote.ts';

export interface OriginalMessage extends QuoteSource {
  /** Reply-To (RFC 5322 §3.6.2): where the author asked replies to go; wins over From. */
  replyTo?: readonly Mailbox[] | undefined;
  /** The original's Message-ID, with its angle brackets. */
  messageId?: string | undefined;
  /** The original's References, oldest first. */
  references?: readonly string[] | undefined;
}

export interface ReplyOptions {
  mode: 'reply' | 'replyAll';
  /** Every address of the user (the account's, its aliases): never replied to, compared case-insensitively. */
  ownAddresses: readonly string[];
  locale: ComposeLocale;
  timeZone?: string | undefined;
}

export interface ReplyModel {
  to: Mailbox[];
  cc: Mailbox[];
  subject: string;
  inReplyTo?: string;
  references?: string[];
  quote: QuotedBody;
}

export interface ForwardModel {
  subject: string;
  body: QuotedBody;
}

/**
 * References kept in a reply. RFC 5322 §3.6.4 says to copy the parent's References and add its
 * Message-ID; a chain of hundreds makes a header no server likes, so the first (the thread's
 * root, which threading needs) and the most recent ones are kept, as Thunderbird does.
 */
export const MAX_REFERENCES = 20;
/** Same shape as the send contract's Message-ID check: an id it would refuse is left out. */
const MESSAGE_ID = /^<[^<>\s]+>$/;
const MAX_MESSAGE_ID_LENGTH = 998;

function validId(id: string | undefined): string | undefined {
  const trimmed = id?.trim();
  return trimmed && trimmed.length <= MAX_MESSAGE_ID_LENGTH && MESSAGE_ID.test(trimmed) ? trimmed : undefined;
}

export function replyReferences(original: Pick<OriginalMessage, 'messageId' | 'references'>): string[] {
  const ids: string[] = [];
  for (const id of [...(original.references ?? []), original.messageId]) {
    const valid = validId(id);
    if (valid !== undefined && !ids.includes(valid)) ids.push(valid);
  }
  if (ids.length <= MAX_REFERENCES) return ids;
  return [ids[0] as string, ...ids.slice(ids.length - (MAX_REFERENCES - 1))];
}

const key = (address: string) => address.trim().toLowerCase();

/** Drops the user's own addresses and any address already taken (in `seen`). */
function keepOthers(list: readonly Mailbox[], seen: Set<string>): Mailbox[] {
  const kept: Mailbox[] = [];
  for (const m of list) {
    const k = key(m.address);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    kept.push({ name: m.name, address: m.address.trim() });
  }
  return kept;
}

export function replyRecipients(
  original: Pick<OriginalMessage, 'from' | 'replyTo' | 'to' | 'cc'>,
  mode: ReplyOptions['mode'],
  ownAddresses: readonly string[],
): { to: Mailbox[]; cc: Mailbox[] } {
  const own = new Set(ownAddresses.map(key));
  const author = original.replyTo?.length ? original.replyTo : original.from ? [original.from] : [];
  // Replying to one's own message (from Sent) means writing again to its recipients.
  const fromSelf = author.length > 0 && author.every((m) => own.has(key(m.address)));
  const primary = fromSelf ? original.to : author;
  const seen = new Set(own);
  const to = keepOthers(primary, seen);
  if (mode === 'reply') return { to, cc: [] };
  const others = keepOthers(fromSelf ? [] : original.to, seen);
  const cc = keepOthers(original.cc, seen);
  // Reply-all: the author in To, everyone else they wrote to in Cc, as the original had them.
  if (to.length === 0) return { to: [...others, ...cc].slice(0, 1), cc: [...others, ...cc].slice(1) };
  return { to, cc: [...others, ...cc] };
}

export function buildReply(original: OriginalMessage, options: ReplyOptions): ReplyModel {
  const { to, cc } = replyRecipients(original, options.mode, options.ownAddresses);
  const inReplyTo = validId(original.messageId);
  const references = replyReferences(original);
  return {
    to,
    cc,
    subject: replySubject(original.subject, options.locale),
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    ...(references.length === 0 ? {} : { references }),
    quote: replyQuote(original, options),
  };
}

export function buildForward(
  original: QuoteSource,
  options: { locale: ComposeLocale; timeZone?: string | undefined },
): ForwardModel {
  return { subject: forwardSubject(original.subject, options.locale), body: forwardBody(original, options) };
}
