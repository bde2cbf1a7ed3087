import { describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES, MAX_MIME_DEPTH, MAX_MIME_PARTS } from './limits.ts';
import { headerParameter, prescan } from './prescan.ts';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

/** `depth` multiparts inside each other around one text leaf. */
function nested(depth: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++)
    lines.push(`Content-Type: multipart/mixed; boundary="b${i}"`, '', `--b${i}`);
  lines.push('Content-Type: text/plain', '', 'fond');
  for (let i = depth - 1; i >= 0; i--) lines.push(`--b${i}--`);
  return crlf(lines);
}

function parts(count: number): Buffer {
  const lines = ['Content-Type: multipart/mixed; boundary=b', ''];
  for (let i = 0; i < count; i++) lines.push('--b', 'Content-Type: text/plain', '', 'x');
  lines.push('--b--');
  return crlf(lines);
}

describe('prescan limits', () => {
  it('accepts nesting up to MAX_MIME_DEPTH and refuses one level more', () => {
    expect(prescan(nested(MAX_MIME_DEPTH)).ok).toBe(true);
    expect(prescan(nested(MAX_MIME_DEPTH + 1))).toEqual({ ok: false, note: 'TOO_DEEP', parts: [] });
  });

  it('does not take "--b1" for a delimiter of "b10"', () => {
    const scan = prescan(nested(12));
    expect(scan.ok && scan.parts.map((p) => p.partId)).toEqual(['1.1.1.1.1.1.1.1.1.1.1.1']);
  });

  it('accepts MAX_MIME_PARTS parts and refuses one more', () => {
    // The multipart itself counts as a part.
    expect(prescan(parts(MAX_MIME_PARTS - 1)).ok).toBe(true);
    expect(prescan(parts(MAX_MIME_PARTS + 1))).toMatchObject({ ok: false, note: 'TOO_MANY_PARTS' });
  });

  it('refuses a header block past MAX_HEADER_BYTES, at the top or in a part', () => {
    const big = `X-Pad: ${'a'.repeat(MAX_HEADER_BYTES)}`;
    expect(prescan(crlf([big, '', 'x']))).toMatchObject({ note: 'HEADER_TOO_LARGE' });
    expect(
      prescan(crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', big, '', 'x', '--b--'])),
    ).toMatchObject({
      note: 'HEADER_TOO_LARGE',
    });
    expect(prescan(crlf([`X-Pad: ${'a'.repeat(MAX_HEADER_BYTES - 100)}`, '', 'x'])).ok).toBe(true);
  });

  it('numbers parts as IMAP BODYSTRUCTURE does, inside attached messages too', () => {
    const scan = prescan(
      crlf([
        'Content-Type: multipart/mixed; boundary=outer',
        '',
        '--outer',
        'Content-Type: text/plain',
        '',
        'corps',
        '--outer',
        'Content-Type: message/rfc822',
        '',
        'Content-Type: multipart/mixed; boundary=inner',
        '',
        '--inner',
        'Content-Type: text/plain',
        '',
        'dedans',
        '--inner',
        'Content-Type: image/png',
        'Content-ID: <img@x>',
        '',
        'png',
        '--inner--',
        '--outer',
        'Content-Type: message/rfc822',
        '',
        'Content-Type: text/plain',
        '',
        'simple',
        '--outer--',
      ]),
    );
    expect(scan.ok && scan.parts.map((p) => [p.partId, p.mimeType, p.contentId])).toEqual([
      ['1', 'text/plain', undefined],
      ['2', 'message/rfc822', undefined],
      ['2.1', 'text/plain', undefined],
      ['2.2', 'image/png', 'img@x'],
      ['3', 'message/rfc822', undefined],
      ['3.1', 'text/plain', undefined],
    ]);
  });

  it('takes a part without headers for text/plain, whatever its body says', () => {
    const scan = prescan(
      crlf([
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        '',
        'Content-Type: image/png',
        '',
        'texte',
        '--b--',
      ]),
    );
    expect(scan.ok && scan.parts.map((p) => [p.partId, p.mimeType])).toEqual([['1', 'text/plain']]);
  });

  it('reads quoted and bare parameters', () => {
    expect(headerParameter('multipart/mixed; boundary="a b"', 'boundary')).toBe('a b');
    expect(headerParameter('multipart/mixed;boundary=xyz; charset=x', 'boundary')).toBe('xyz');
    expect(headerParameter('multipart/mixed', 'boundary')).toBeUndefined();
  });
});
