/**
 * Our adapter over postal-mime: raw RFC 822 bytes in, our body model out.
 * It never throws. Input past a limit of the pre-scan is not given to the
 * parser at all and becomes one opaque part (the whole message) with a note;
 * a parser failure becomes the note PARSE_FAILED.
 */
import PostalMime, { type Attachment } from 'postal-mime';
import type { BodyNote, BodyPart } from '../../../../shared/contract/index.ts';
import {
  MAX_HEADER_BYTES,
  MAX_INLINE_PART_BYTES,
  MAX_INLINE_TOTAL_BYTES,
  MAX_LISTED_PARTS,
  MAX_MIME_DEPTH,
  MAX_SOURCE_BYTES,
} from './limits.ts';
import { prescan, type ScannedPart } from './prescan.ts';

export interface InlineImage {
  contentId: string;
  mimeType: string;
  data: Uint8Array;
}

export interface ParsedBody {
  text: string | null;
  html: string | null;
  parts: BodyPart[];
  inline: InlineImage[];
  note: BodyNote | null;
}

/** The whole message as one part the user can still save and open elsewhere. */
export function opaqueBody(note: BodyNote, size: number, parts: BodyPart[] = []): ParsedBody {
  const whole: BodyPart = {
    partId: '',
    filename: 'message.eml',
    mimeType: 'message/rfc822',
    size,
    contentId: null,
    disposition: 'attachment',
  };
  return { text: null, html: null, parts: [whole, ...parts], inline: [], note };
}

function bytesOf(content: Attachment['content']): Uint8Array {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function bareContentId(value: string | undefined): string | null {
  const bare = value?.replace(/^<|>$/g, '').trim();
  return bare ? bare : null;
}

/**
 * postal-mime does not say which IMAP part an attachment came from. Its attachments come in
 * document order, as do the scanned leaves: take the next unused leaf of the same type (and
 * Content-ID), which skips the text parts it turned into `text`/`html`.
 */
function partIds(attachments: readonly Attachment[], leaves: readonly ScannedPart[]): Array<string | null> {
  const used = new Set<number>();
  let cursor = 0;
  return attachments.map((attachment) => {
    const contentId = bareContentId(attachment.contentId);
    const fits = (leaf: ScannedPart, index: number) =>
      !used.has(index) &&
      leaf.mimeType === attachment.mimeType &&
      (contentId === null || leaf.contentId === contentId);
    let index = leaves.findIndex((leaf, i) => i >= cursor && fits(leaf, i));
    if (index < 0) index = leaves.findIndex(fits);
    if (index < 0) return null;
    used.add(index);
    cursor = index + 1;
    return leaves[index]?.partId ?? null;
  });
}

function isInlineImage(attachment: Attachment): boolean {
  return (
    attachment.mimeType.startsWith('image/') &&
    bareContentId(attachment.contentId) !== null &&
    (attachment.related === true || attachment.disposition === 'inline')
  );
}

export async function parseBody(source: Uint8Array): Promise<ParsedBody> {
  if (source.byteLength > MAX_SOURCE_BYTES) return opaqueBody('TOO_LARGE', source.byteLength);
  const scan = prescan(source);
  if (!scan.ok) return opaqueBody(scan.note, source.byteLength);
  let email;
  try {
    email = await PostalMime.parse(source, {
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: MAX_MIME_DEPTH,
      maxHeadersSize: MAX_HEADER_BYTES,
    });
  } catch {
    return opaqueBody('PARSE_FAILED', source.byteLength);
  }
  const attachments = email.attachments.slice(0, MAX_LISTED_PARTS);
  const ids = partIds(attachments, scan.parts);
  const inline: InlineImage[] = [];
  let inlineBytes = 0;
  const parts = attachments.map((attachment, index): BodyPart => {
    const data = bytesOf(attachment.content);
    const contentId = bareContentId(attachment.contentId);
    if (
      contentId !== null &&
      isInlineImage(attachment) &&
      data.byteLength <= MAX_INLINE_PART_BYTES &&
      inlineBytes + data.byteLength <= MAX_INLINE_TOTAL_BYTES &&
      !inline.some((image) => image.contentId === contentId)
    ) {
      inlineBytes += data.byteLength;
      inline.push({ contentId, mimeType: attachment.mimeType, data });
    }
    return {
      partId: ids[index] ?? null,
      filename: attachment.filename,
      mimeType: attachment.mimeType,
      size: data.byteLength,
      contentId,
      disposition: attachment.disposition,
    };
  });
  return { text: email.text ?? null, html: email.html ?? null, parts, inline, note: null };
}
