/**
 * A cheap walk over the raw MIME tree before postal-mime sees it: it counts
 * parts, measures nesting and header blocks, and stops at the first limit,
 * so hostile input costs at most MAX_MIME_PARTS header parses. It also
 * numbers the leaves the way IMAP BODYSTRUCTURE does (RFC 3501 §6.4.5), so
 * an attachment can later be fetched alone by its part number.
 */
import type { BodyNote } from '../../../../shared/contract/index.ts';
import { MAX_HEADER_BYTES, MAX_MIME_DEPTH, MAX_MIME_PARTS } from './limits.ts';

export interface ScannedPart {
  /** IMAP part number: "1", "2.1", … */
  partId: string;
  mimeType: string;
  contentId: string | undefined;
  disposition: string | undefined;
}

export type PrescanResult = { ok: true; parts: ScannedPart[] } | { ok: false; note: BodyNote; parts: [] };

class LimitExceeded extends Error {
  readonly note: BodyNote;
  constructor(note: BodyNote) {
    super(note);
    this.note = note;
  }
}

/** Unfolded header fields we need, first occurrence wins (as postal-mime does). */
function headerFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** A parameter of a structured header (`boundary`, …), quoted or not. */
export function headerParameter(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value);
  const found = match?.[1] ?? match?.[2];
  return found ? found : undefined;
}

/** Where the header block of the entity starting at `start` ends, and where its body starts. */
function splitHeader(source: string, start: number, end: number): { headerEnd: number; bodyStart: number } {
  // A part without headers starts with its blank line (RFC 2046 §5.1.1: it is then text/plain).
  if (source.startsWith('\r\n', start)) return { headerEnd: start, bodyStart: start + 2 };
  if (source.startsWith('\n', start)) return { headerEnd: start, bodyStart: start + 1 };
  // Only look as far as the limit: a header with no end in sight is not searched to the end.
  const head = source.slice(start, Math.min(end, start + MAX_HEADER_BYTES + 4));
  const crlf = head.indexOf('\r\n\r\n');
  const lf = head.indexOf('\n\n');
  const candidates = [
    crlf >= 0 ? { headerEnd: start + crlf, bodyStart: start + crlf + 4 } : undefined,
    lf >= 0 ? { headerEnd: start + lf, bodyStart: start + lf + 2 } : undefined,
  ].filter((c) => c !== undefined);
  const first = candidates.sort((a, b) => a.headerEnd - b.headerEnd)[0];
  if (first) {
    if (first.headerEnd - start > MAX_HEADER_BYTES) throw new LimitExceeded('HEADER_TOO_LARGE');
    return first;
  }
  if (end - start > MAX_HEADER_BYTES) throw new LimitExceeded('HEADER_TOO_LARGE');
  return { headerEnd: end, bodyStart: end };
}

/** Byte ranges of the children of a multipart body between `--boundary` lines. */
function childRanges(source: string, start: number, end: number, boundary: string): Array<[number, number]> {
  const delimiter = `--${boundary}`;
  const ranges: Array<[number, number]> = [];
  // Searching a slice keeps each search inside this part: a missing boundary never scans the rest.
  const region = source.slice(0, end);
  let open: number | undefined;
  let at = region.indexOf(delimiter, start);
  while (at >= 0) {
    const atLineStart = at === start || source[at - 1] === '\n';
    const after = at + delimiter.length;
    // "--b1" must not match "--b10": a delimiter ends the line, or closes with "--" (RFC 2046 §5.1.1).
    const isDelimiter = atLineStart && /^(--|[ \t]*(\r?\n|$))/.test(region.slice(after, after + 80));
    if (isDelimiter) {
      // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
      const contentEnd = at > start && source[at - 1] === '\n' ? at - (source[at - 2] === '\r' ? 2 : 1) : at;
      if (open !== undefined) ranges.push([open, Math.max(open, contentEnd)]);
      const closing = source.startsWith('--', after);
      if (closing) return ranges;
      const lineEnd = region.indexOf('\n', after);
      if (lineEnd < 0) return ranges;
      open = lineEnd + 1;
      if (ranges.length + 1 > MAX_MIME_PARTS) throw new LimitExceeded('TOO_MANY_PARTS');
    }
    at = region.indexOf(delimiter, at + delimiter.length);
  }
  // A truncated message: the last part runs to the end, as every reader does.
  if (open !== undefined) ranges.push([open, end]);
  return ranges;
}

export function prescan(raw: Uint8Array): PrescanResult {
  // latin1 maps each byte to one code unit: offsets stay byte offsets and nothing is decoded.
  const source = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  const parts: ScannedPart[] = [];
  let count = 0;

  const walk = (start: number, end: number, depth: number, id: string, childPrefix: string): void => {
    if (depth > MAX_MIME_DEPTH) throw new LimitExceeded('TOO_DEEP');
    if (++count > MAX_MIME_PARTS) throw new LimitExceeded('TOO_MANY_PARTS');
    const { headerEnd, bodyStart } = splitHeader(source, start, end);
    const fields = headerFields(source.slice(start, headerEnd));
    const contentType = fields.get('content-type') ?? 'text/plain';
    const mimeType = (contentType.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
    const boundary = headerParameter(contentType, 'boundary');
    if (mimeType.startsWith('multipart/') && boundary) {
      childRanges(source, bodyStart, end, boundary).forEach(([from, to], index) => {
        const childId = childPrefix ? `${childPrefix}.${index + 1}` : `${index + 1}`;
        walk(from, to, depth + 1, childId, childId);
      });
      return;
    }
    const contentId = fields.get('content-id')?.replace(/^<|>$/g, '').trim();
    const disposition = fields.get('content-disposition')?.split(';')[0]?.trim().toLowerCase();
    parts.push({
      partId: id,
      mimeType,
      contentId: contentId || undefined,
      disposition: disposition || undefined,
    });
    // IMAP numbers the inside of an attached message under its own number (RFC 3501 §6.4.5).
    if (mimeType === 'message/rfc822') walk(bodyStart, end, depth + 1, `${id}.1`, id);
  };

  try {
    walk(0, source.length, 0, '1', '');
    return { ok: true, parts };
  } catch (error) {
    if (error instanceof LimitExceeded) return { ok: false, note: error.note, parts: [] };
    // Our own walk failing (a stack overflow we did not foresee) is treated like the parser failing.
    return { ok: false, note: 'PARSE_FAILED', parts: [] };
  }
}
