import { describe, expect, it } from 'vitest';
import type { Account, MessageBody } from '$shared/contract/index.ts';
import { replyInitial, type ReplySource } from './reply-prefill.ts';

const account = { id: 'acc', email: 'alice@example.org', displayName: 'Alice' } as unknown as Account;
const body: MessageBody = {
  messageId: 7,
  text: 'La sortie est jeudi.',
  html: '<p>La sortie est <b>jeudi</b>.<img src="https://t.example/p.gif"><script>x()</script></p>',
  parts: [],
  inline: [],
  note: null,
  fetchedAt: 0,
};
const source = (kind: ReplySource['kind']): ReplySource => ({
  kind,
  accountId: 'acc',
  account,
  body,
  signature: 'Alice\nSecrétariat',
  locale: 'fr',
  context: {
    from: { name: 'Bob', address: 'bob@example.org' },
    replyTo: [],
    to: [{ name: 'Alice', address: 'alice@example.org' }],
    cc: [{ name: 'Carol', address: 'carol@example.org' }],
    subject: 'Sortie',
    date: Date.UTC(2026, 10, 20, 9, 30),
    messageId: '<m1@example.org>',
    references: [],
  },
});

describe('reply prefill', () => {
  it('answers the author, threads, and puts the signature between the text and the quote', () => {
    const initial = replyInitial(source('reply'));
    expect(initial.to.map((m) => m.address)).toEqual(['bob@example.org']);
    expect(initial.cc).toEqual([]);
    expect(initial.inReplyTo).toBe('<m1@example.org>');
    expect(initial.references).toEqual(['<m1@example.org>']);
    const signature = initial.html.indexOf('Secrétariat');
    const quote = initial.html.indexOf('<blockquote');
    expect(initial.html.startsWith('<p></p>')).toBe(true);
    expect(signature).toBeGreaterThan(0);
    expect(quote).toBeGreaterThan(signature);
  });

  it('quotes the original sanitised: no image, no script', () => {
    const { html } = replyInitial(source('reply'));
    expect(html).toContain('<b>jeudi</b>');
    expect(html).not.toMatch(/<img|<script/);
  });

  it('replies to all but the user, and forwards to no one with a TR subject', () => {
    expect(replyInitial(source('replyAll')).cc.map((m) => m.address)).toEqual(['carol@example.org']);
    const forward = replyInitial(source('forward'));
    expect(forward.to).toEqual([]);
    expect(forward.subject).toMatch(/^TR/i);
    expect(forward.inReplyTo).toBeUndefined();
  });
});
