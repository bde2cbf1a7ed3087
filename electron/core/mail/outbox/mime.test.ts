import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import {
  CartableError,
  composeMessageSchema,
  type ComposeMessageInput,
} from '../../../../shared/contract/index.ts';
import { buildMessage, MAX_ATTACHMENT_BYTES } from '../../smtp/send.ts';

const from = { name: 'Élodie Martin', address: 'elodie.martin@ac-lyon.fr' };
const date = new Date('2026-03-02T08:30:00Z');

function compose(input: Partial<ComposeMessageInput> = {}) {
  return composeMessageSchema.parse({
    to: [{ name: 'Paul Durand', address: 'paul@ac-lyon.fr' }],
    subject: 'Réunion',
    text: 'Bonjour',
    ...input,
  });
}

function headerBlock(raw: Buffer): string {
  const text = raw.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

describe('buildMessage', () => {
  it('encodes a UTF-8 subject and names as RFC 2047 words that decode back', async () => {
    const built = await buildMessage(
      from,
      compose({
        subject: 'Conseil de classe – 3ᵉ B ✓',
        to: [{ name: 'Zoé Lefèvre', address: 'zoe@ac-lyon.fr' }],
      }),
      { id: 'abc', date },
    );
    const headers = headerBlock(built.raw);
    // Header lines stay 7-bit: every non-ASCII character travels encoded.
    expect(/[^\x20-\x7e\r\n\t]/.test(headers)).toBe(false);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?/m);
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.subject).toBe('Conseil de classe – 3ᵉ B ✓');
    expect(parsed.from).toEqual({ name: 'Élodie Martin', address: 'elodie.martin@ac-lyon.fr' });
    expect(parsed.to).toEqual([{ name: 'Zoé Lefèvre', address: 'zoe@ac-lyon.fr' }]);
    expect(parsed.text?.trim()).toBe('Bonjour');
  });

  it('gives a stable Message-ID on the sender’s domain, and keeps Bcc out of the headers but in the envelope', async () => {
    const built = await buildMessage(
      from,
      compose({
        cc: [{ name: '', address: 'cpe@ac-lyon.fr' }],
        bcc: [{ name: 'Direction', address: 'direction@ac-lyon.fr' }],
      }),
      { id: '1234-5678', date },
    );
    expect(built.messageId).toBe('<1234-5678@ac-lyon.fr>');
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.messageId).toBe('<1234-5678@ac-lyon.fr>');
    expect(headerBlock(built.raw)).not.toMatch(/^Bcc:/im);
    expect(built.raw.toString('latin1')).not.toContain('direction@ac-lyon.fr');
    expect(built.envelope).toEqual({
      from: 'elodie.martin@ac-lyon.fr',
      to: ['paul@ac-lyon.fr', 'cpe@ac-lyon.fr', 'direction@ac-lyon.fr'],
    });
  });

  it('writes In-Reply-To and References for a reply', async () => {
    const built = await buildMessage(
      from,
      compose({ inReplyTo: '<b@x.fr>', references: ['<a@x.fr>', '<b@x.fr>'] }),
      { id: 'r', date },
    );
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.inReplyTo).toBe('<b@x.fr>');
    expect(parsed.references).toBe('<a@x.fr> <b@x.fr>');
  });

  it('reads attachments from their files, named after them, with an HTML alternative', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cartable-mime-'));
    const pdf = path.join(dir, 'compte-rendu é.pdf');
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    writeFileSync(pdf, bytes);
    const built = await buildMessage(
      from,
      compose({ html: '<p>Bonjour</p>', attachments: [{ path: pdf }] }),
      { id: 'p', date },
    );
    const parsed = await PostalMime.parse(built.raw);
    expect(parsed.html).toContain('<p>Bonjour</p>');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]?.filename).toBe('compte-rendu é.pdf');
    expect(Buffer.from(parsed.attachments[0]?.content as ArrayBuffer)).toEqual(bytes);
  });

  it('refuses a missing or relative attachment, and attachments past the limit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cartable-mime-'));
    const code = async (message: ReturnType<typeof compose>) => {
      try {
        await buildMessage(from, message, { id: 'x', date });
      } catch (error) {
        return error instanceof CartableError ? error.code : 'other';
      }
      return 'built';
    };
    expect(await code(compose({ attachments: [{ path: path.join(dir, 'absent.pdf') }] }))).toBe(
      'ATTACHMENT_UNREADABLE',
    );
    expect(await code(compose({ attachments: [{ path: 'relatif.pdf' }] }))).toBe('ATTACHMENT_UNREADABLE');
    const big = path.join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(MAX_ATTACHMENT_BYTES / 2 + 1));
    expect(await code(compose({ attachments: [{ path: big }, { path: big }] }))).toBe('MESSAGE_TOO_LARGE');
  });

  it('the compose schema wants a recipient and bounds the lists', () => {
    expect(composeMessageSchema.safeParse({ text: 'x' }).success).toBe(false);
    const many = Array.from({ length: 501 }, (_, i) => ({ address: `e${i}@x.fr` }));
    expect(composeMessageSchema.safeParse({ to: many, text: 'x' }).success).toBe(false);
    expect(composeMessageSchema.safeParse({ to: [{ address: 'pas une adresse' }], text: 'x' }).success).toBe(
      false,
    );
  });
});
