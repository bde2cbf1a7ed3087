/**
 * Maps imapflow's FETCH answers into our MessageHeaders. Server bytes are
 * hostile: every list and string is bounded, and the bounds say why.
 */
import type { FetchMessageObject, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { Address, MessageHeaders } from '../mail/model.ts';

/** A real subject is a line; thousands of characters are padding for an attack or a bug. */
export const MAX_SUBJECT_CHARS = 1000;
/** Mailing lists stop at a few hundred visible recipients; more is a header bomb. */
export const MAX_ADDRESSES = 500;
/** RFC 5322 References grow with a thread; threading only needs the recent ancestors. */
export const MAX_REFERENCES = 100;
/** Deeper MIME nesting is an attack, not a mail (see also the body parser's limits). */
export const MAX_STRUCTURE_DEPTH = 50;
/** A message with more parts than this is treated as one opaque part for attachment detection. */
export const MAX_STRUCTURE_PARTS = 2000;
const MAX_ID_CHARS = 998; // RFC 5322 line length limit

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function address(entry: MessageAddressObject): Address | undefined {
  const mailbox = text(entry.address, 320);
  const name = text(entry.name, 200);
  return mailbox || name ? { name, address: mailbox } : undefined;
}

function addresses(list: MessageAddressObject[] | undefined): Address[] {
  return (list ?? []).slice(0, MAX_ADDRESSES).flatMap((entry) => address(entry) ?? []);
}

function timestamp(value: Date | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = (value instanceof Date ? value : new Date(value)).getTime();
  return Number.isFinite(time) ? time : undefined;
}

/** Unfolds the requested header block and returns field → raw value (first occurrence). */
export function headerFields(block: Buffer | undefined): Map<string, string> {
  const fields = new Map<string, string>();
  if (!block) return fields;
  const unfolded = block.toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** Message-IDs in a References or In-Reply-To field, "<…>" kept, at most `max`, the latest ones. */
export function messageIds(value: string | undefined, max = MAX_REFERENCES): string[] {
  const ids = (value ?? '').match(/<[^<>\s]{1,998}>/g) ?? [];
  return ids.slice(-max);
}

/** RFC 2919: the list identifier is the part between angle brackets. */
export function listIdentifier(value: string | undefined): string | undefined {
  const match = /<([^<>\s]{1,255})>/.exec(value ?? '');
  return match?.[1]?.toLowerCase();
}

export function hasAttachments(root: MessageStructureObject | undefined): boolean {
  let parts = 0;
  const walk = (node: MessageStructureObject, depth: number): boolean => {
    if (depth > MAX_STRUCTURE_DEPTH || ++parts > MAX_STRUCTURE_PARTS) return false;
    const named = Boolean(node.dispositionParameters?.['filename'] ?? node.parameters?.['name']);
    if (node.disposition === 'attachment') return true;
    // An inline image with a name is part of the HTML, not something the user attached.
    if (named && node.disposition !== 'inline' && !node.type.startsWith('multipart/')) return true;
    return (node.childNodes ?? []).some((child) => walk(child, depth + 1));
  };
  return root ? walk(root, 0) : false;
}

/**
 * The flags worth keeping: \\Recent belongs to one session (RFC 3501 §2.3.2, gone in
 * IMAP4rev2), so two clients see it differently; storing it would make every sync disagree.
 */
export function storedFlags(flags: Iterable<string> | undefined): string[] {
  return [...(flags ?? [])]
    .filter((flag) => flag.toLowerCase() !== '\\recent')
    .slice(0, 64)
    .map((flag) => text(flag, 100));
}

/**
 * RFC 3501 §7.4.2: the server fills an absent Reply-To with From, so a Reply-To equal to From
 * says nothing; only one naming someone else is kept.
 */
function replyToOtherThanFrom(replyTo: Address[], from: Address | undefined): Address[] | undefined {
  const sender = from?.address.toLowerCase();
  return replyTo.some((m) => m.address.toLowerCase() !== sender) ? replyTo : undefined;
}

export function toMessageHeaders(message: FetchMessageObject): MessageHeaders {
  const envelope = message.envelope;
  const from = addresses(envelope?.from)[0];
  const fields = headerFields(message.headers);
  const references = messageIds(fields.get('references'));
  const inReplyTo = messageIds(envelope?.inReplyTo ?? fields.get('in-reply-to'), 1)[0];
  const messageId = messageIds(envelope?.messageId ?? fields.get('message-id'), 1)[0];
  return {
    uid: message.uid,
    modseq: message.modseq,
    flags: storedFlags(message.flags),
    internalDate: timestamp(message.internalDate) ?? 0,
    sentDate: timestamp(envelope?.date),
    size: message.size ?? 0,
    subject: text(envelope?.subject, MAX_SUBJECT_CHARS),
    from,
    to: addresses(envelope?.to),
    cc: addresses(envelope?.cc),
    replyTo: replyToOtherThanFrom(addresses(envelope?.replyTo), from),
    messageId: messageId?.slice(0, MAX_ID_CHARS),
    inReplyTo,
    references,
    listId: listIdentifier(fields.get('list-id')),
    hasAttachments: hasAttachments(message.bodyStructure),
  };
}
