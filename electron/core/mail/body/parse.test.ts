import { describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES, MAX_MIME_DEPTH, MAX_MIME_PARTS } from './limits.ts';
import { parseBody } from './parse.ts';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

function header(contentType: string, extra: string[] = []): string[] {
  return [
    'From: a@example.test',
    'To: b@example.test',
    'Subject: test',
    'MIME-Version: 1.0',
    ...extra,
    `Content-Type: ${contentType}`,
  ];
}

describe('parseBody: ordinary mail', () => {
  it('reads a UTF-8 text message', async () => {
    const body = await parseBody(
      crlf([
        ...header('text/plain; charset=UTF-8', ['Content-Transfer-Encoding: 8bit']),
        '',
        'Élèves réunis à 17 h.',
        '',
      ]),
    );
    expect(body).toMatchObject({ text: 'Élèves réunis à 17 h.\n', html: null, parts: [], note: null });
  });

  it('reads an ISO-8859-1 quoted-printable message', async () => {
    const raw = Buffer.concat([
      crlf([
        ...header('text/plain; charset=ISO-8859-1', ['Content-Transfer-Encoding: quoted-printable']),
        '',
        '',
      ]),
      Buffer.from('Cl=E9ment et Fran=E7oise, co=FBt : 3 \u20ac\r\n'.replace('\u20ac', '=80'), 'latin1'),
    ]);
    const body = await parseBody(raw);
    expect(body.text).toContain('Clément et Françoise, coût');
    expect(body.note).toBeNull();
  });

  it('keeps both sides of multipart/alternative, the HTML raw', async () => {
    const body = await parseBody(
      crlf([
        ...header('multipart/alternative; boundary="b"'),
        '',
        '--b',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Bonjour',
        '--b',
        'Content-Type: text/html; charset=UTF-8',
        '',
        '<p onclick="x()">Bonjour <b>à tous</b></p><script>alert(1)</script>',
        '--b--',
        '',
      ]),
    );
    expect(body.text?.trim()).toBe('Bonjour');
    // Raw on purpose: the renderer's sanitiser is the one place HTML is cleaned.
    expect(body.html).toContain('<script>alert(1)</script>');
    expect(body.parts).toEqual([]);
  });

  it('keeps a small inline cid image as a blob and lists it with its IMAP part number', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const body = await parseBody(
      crlf([
        ...header('multipart/related; boundary="rel"'),
        '',
        '--rel',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Logo',
        '--alt',
        'Content-Type: text/html; charset=UTF-8',
        '',
        '<img src="cid:logo@college">',
        '--alt--',
        '--rel',
        'Content-Type: image/png; name="logo.png"',
        'Content-Disposition: inline; filename="logo.png"',
        'Content-ID: <logo@college>',
        'Content-Transfer-Encoding: base64',
        '',
        png.toString('base64'),
        '--rel--',
        '',
      ]),
    );
    expect(body.inline).toHaveLength(1);
    expect(body.inline[0]).toMatchObject({ contentId: 'logo@college', mimeType: 'image/png' });
    expect(Buffer.from(body.inline[0]?.data ?? [])).toEqual(png);
    expect(body.parts).toEqual([
      {
        partId: '2',
        filename: 'logo.png',
        mimeType: 'image/png',
        size: png.length,
        contentId: 'logo@college',
        disposition: 'inline',
      },
    ]);
  });

  it('decodes an RFC 2231 accented attachment name and numbers nested parts like IMAP', async () => {
    const pdf = Buffer.from('%PDF-1.4 procès-verbal', 'utf8');
    const body = await parseBody(
      crlf([
        ...header('multipart/mixed; boundary="mixed"'),
        '',
        '--mixed',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Voir la pièce jointe.',
        '--alt',
        'Content-Type: text/html; charset=UTF-8',
        '',
        '<p>Voir la pièce jointe.</p>',
        '--alt--',
        '--mixed',
        "Content-Type: application/pdf; name*=UTF-8''Proc%C3%A8s-verbal%20r%C3%A9union.pdf",
        "Content-Disposition: attachment; filename*=UTF-8''Proc%C3%A8s-verbal%20r%C3%A9union.pdf",
        'Content-Transfer-Encoding: base64',
        '',
        pdf.toString('base64'),
        '--mixed',
        'Content-Type: text/plain; charset=UTF-8; name="notes.txt"',
        'Content-Disposition: attachment; filename="notes.txt"',
        '',
        'notes',
        '--mixed--',
        '',
      ]),
    );
    expect(body.text?.trim()).toBe('Voir la pièce jointe.');
    expect(body.parts.map((p) => [p.partId, p.filename, p.mimeType, p.size, p.disposition])).toEqual([
      ['2', 'Procès-verbal réunion.pdf', 'application/pdf', pdf.length, 'attachment'],
      // postal-mime ends a text part with its line break.
      ['3', 'notes.txt', 'text/plain', 6, 'attachment'],
    ]);
    expect(body.inline).toEqual([]);
  });
});

/** Hostile input, generated: each case says what must come out. */
function nested(depth: number): Buffer {
  const lines: string[] = header('multipart/mixed; boundary="b0"');
  lines.push('');
  for (let i = 1; i <= depth; i++)
    lines.push(`--b${i - 1}`, `Content-Type: multipart/mixed; boundary="b${i}"`, '');
  lines.push(`--b${depth}`, 'Content-Type: text/plain', '', 'fond', `--b${depth}--`);
  for (let i = depth - 1; i >= 0; i--) lines.push(`--b${i}--`);
  return crlf(lines);
}

function tinyParts(count: number): Buffer {
  const chunk = '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n';
  return Buffer.concat([
    crlf([...header('multipart/mixed; boundary="b"'), '', '']),
    Buffer.from(chunk.repeat(count), 'utf8'),
    Buffer.from('--b--\r\n'),
  ]);
}

const hostile: Array<{ name: string; raw: () => Buffer; note: string | null; text?: RegExp }> = [
  { name: '1000-level nesting', raw: () => nested(1000), note: 'TOO_DEEP' },
  { name: 'nesting just past MAX_MIME_DEPTH', raw: () => nested(MAX_MIME_DEPTH + 1), note: 'TOO_DEEP' },
  { name: 'nesting well within the limit', raw: () => nested(10), note: null, text: /fond/ },
  { name: '200k tiny parts', raw: () => tinyParts(200_000), note: 'TOO_MANY_PARTS' },
  {
    name: 'parts just past MAX_MIME_PARTS',
    raw: () => tinyParts(MAX_MIME_PARTS + 1),
    note: 'TOO_MANY_PARTS',
  },
  {
    name: 'a 2 MB header',
    raw: () => crlf([...header('text/plain', [`X-Padding: ${'a'.repeat(2 * 1024 * 1024)}`]), '', 'corps']),
    note: 'HEADER_TOO_LARGE',
  },
  {
    name: 'a 2 MB header line with no end',
    raw: () => Buffer.from(`Subject: ${'a'.repeat(2 * 1024 * 1024)}`),
    note: 'HEADER_TOO_LARGE',
  },
  {
    name: 'a part header past MAX_HEADER_BYTES',
    raw: () =>
      crlf([
        ...header('multipart/mixed; boundary="b"'),
        '',
        '--b',
        `X-Padding: ${'a'.repeat(MAX_HEADER_BYTES + 10)}`,
        '',
        'x',
        '--b--',
      ]),
    note: 'HEADER_TOO_LARGE',
  },
  {
    name: 'broken base64',
    raw: () =>
      crlf([
        ...header('text/plain; charset=UTF-8', ['Content-Transfer-Encoding: base64']),
        '',
        'Qm9u!!@@##am91cg=',
        '',
      ]),
    note: null,
  },
  {
    name: 'broken quoted-printable',
    raw: () =>
      crlf([
        ...header('text/plain; charset=UTF-8', ['Content-Transfer-Encoding: quoted-printable']),
        '',
        'Bon=ZZjour =C3',
        '',
      ]),
    note: null,
    text: /Bon/,
  },
  {
    name: 'an unknown charset',
    raw: () => crlf([...header('text/plain; charset=x-klingon-9'), '', 'Bonjour quand même', '']),
    note: null,
    text: /Bonjour/,
  },
  {
    name: 'truncated boundaries',
    raw: () =>
      crlf([
        ...header('multipart/mixed; boundary="b"'),
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'coupé au milieu',
        '--b',
        'Content-Type: application/pdf',
        '',
      ]),
    note: null,
    text: /coupé/,
  },
  {
    name: 'a boundary never declared',
    raw: () => crlf([...header('multipart/mixed'), '', 'texte sans frontière']),
    note: null,
  },
  {
    name: 'NUL bytes',
    raw: () =>
      crlf([...header('text/plain; charset=UTF-8'), '', 'a\u0000b\u0000\u0000c', '\u0000'.repeat(1000)]),
    note: null,
    text: /a/,
  },
  {
    name: 'no header at all',
    raw: () => Buffer.alloc(0),
    note: null,
  },
  {
    name: 'binary garbage',
    raw: () => Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)),
    note: null,
  },
];

describe('parseBody: hostile input', () => {
  it.each(hostile)('$name → note $note, never a throw', async ({ raw, note, text }) => {
    const source = raw();
    const body = await parseBody(source);
    expect(body.note).toBe(note);
    if (note !== null) {
      // An opaque part: the whole message, still saveable as a file.
      expect(body.parts).toEqual([
        {
          partId: '',
          filename: 'message.eml',
          mimeType: 'message/rfc822',
          size: source.length,
          contentId: null,
          disposition: 'attachment',
        },
      ]);
      expect(body.text).toBeNull();
    }
    if (text) expect(body.text ?? '').toMatch(text);
  });

  it('parses the whole hostile corpus in one go (bounded work: every case returns)', async () => {
    const bodies = await Promise.all(hostile.map(({ raw }) => parseBody(raw())));
    expect(bodies.map((b) => b.note)).toEqual(hostile.map((h) => h.note));
  });
});
