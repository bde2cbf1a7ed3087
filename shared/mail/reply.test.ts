import { describe, expect, it } from 'vitest';
import {
  buildForward,
  buildReply,
  MAX_REFERENCES,
  replyRecipients,
  replyReferences,
  type OriginalMessage,
} from './reply.ts';
import { baseSubject, forwardSubject, replySubject } from './subject.ts';

const bob = { name: 'Bob Martin', address: 'bob@ac-lyon.fr' };
const alice = { name: 'Alice', address: 'alice@ac-lyon.fr' };
const carol = { name: 'Carol', address: 'carol@ac-lyon.fr' };
const dan = { name: '', address: 'dan@ac-lyon.fr' };

const original: OriginalMessage = {
  from: bob,
  to: [alice, carol],
  cc: [{ name: 'Alice again', address: 'ALICE@ac-lyon.fr' }, dan, carol],
  subject: 'Conseil de classe',
  // 12 March 2026, 10:15 in Paris (UTC+1).
  date: Date.UTC(2026, 2, 12, 9, 15),
  messageId: '<m2@ac-lyon.fr>',
  references: ['<m1@ac-lyon.fr>'],
  text: 'Bonjour,\r\n> cité\r\nÀ jeudi.\r\n',
  html: '<p>Bonjour,</p><p>À jeudi.</p>',
};
const fr = { locale: 'fr' as const, timeZone: 'Europe/Paris', ownAddresses: ['alice@ac-lyon.fr'] };

describe('subjects', () => {
  it('never stacks prefixes, whatever client wrote them', () => {
    expect(baseSubject('RE: TR: Re[2]: Fwd:Fw : Réf : AW: réunion ')).toBe('réunion');
    expect(replySubject('Re: Re: Réunion', 'fr')).toBe('RE: Réunion');
    expect(forwardSubject('RE: Réunion', 'fr')).toBe('TR: Réunion');
    expect(replySubject('TR: Réunion', 'en')).toBe('Re: Réunion');
    expect(forwardSubject('Réunion', 'en')).toBe('Fwd: Réunion');
    // A word that merely starts like a prefix is the subject itself.
    expect(replySubject('Travaux: planning', 'fr')).toBe('RE: Travaux: planning');
    expect(replySubject('Reprise', 'fr')).toBe('RE: Reprise');
  });
});

describe('recipients', () => {
  it('reply goes to the author only; Reply-To wins over From', () => {
    expect(replyRecipients(original, 'reply', fr.ownAddresses)).toEqual({ to: [bob], cc: [] });
    const list = { name: 'Liste', address: 'liste@ac-lyon.fr' };
    expect(replyRecipients({ ...original, replyTo: [list] }, 'reply', fr.ownAddresses).to).toEqual([list]);
  });

  it('reply-all removes the user and duplicates, case-insensitively', () => {
    expect(replyRecipients(original, 'replyAll', fr.ownAddresses)).toEqual({ to: [bob], cc: [carol, dan] });
  });

  it('replying to a message the user sent writes to its recipients again', () => {
    const sent = { ...original, from: alice, to: [bob], cc: [carol] };
    expect(replyRecipients(sent, 'reply', fr.ownAddresses)).toEqual({ to: [bob], cc: [] });
    expect(replyRecipients(sent, 'replyAll', fr.ownAddresses)).toEqual({ to: [bob], cc: [carol] });
  });
});

describe('threading headers', () => {
  it("In-Reply-To is the original's Message-ID; References its References plus it", () => {
    const reply = buildReply(original, { ...fr, mode: 'reply' });
    expect(reply.inReplyTo).toBe('<m2@ac-lyon.fr>');
    expect(reply.references).toEqual(['<m1@ac-lyon.fr>', '<m2@ac-lyon.fr>']);
  });

  it('keeps the root and the latest ids of a long chain, and drops malformed ones', () => {
    const references = Array.from({ length: 50 }, (_, i) => `<r${i}@x>`);
    const kept = replyReferences({
      references: [...references, 'not an id', '<a b@x>'],
      messageId: '<last@x>',
    });
    expect(kept).toHaveLength(MAX_REFERENCES);
    expect(kept[0]).toBe('<r0@x>');
    expect(kept.at(-1)).toBe('<last@x>');
    expect(kept.at(-2)).toBe('<r49@x>');
    const bare = buildReply({ ...original, messageId: undefined, references: [] }, { ...fr, mode: 'reply' });
    expect(bare.inReplyTo).toBeUndefined();
    expect(bare.references).toBeUndefined();
  });
});

describe('quoted body', () => {
  it('plain text: the French attribution, then every line quoted', () => {
    const { quote } = buildReply(original, { ...fr, mode: 'reply' });
    expect(quote.text).toBe('Le 12/03/2026 à 10:15, Bob Martin a écrit :\n> Bonjour,\n>> cité\n> À jeudi.\n');
  });

  it('HTML: the attribution, then the original in a cite blockquote', () => {
    const { quote } = buildReply(original, { ...fr, mode: 'reply' });
    expect(quote.html).toBe(
      '<p>Le 12/03/2026 à 10:15, Bob Martin a écrit :</p>\n' +
        '<blockquote type="cite">\n<p>Bonjour,</p><p>À jeudi.</p>\n</blockquote>\n',
    );
  });

  it('English, and an original without HTML is escaped into the quote', () => {
    const { quote } = buildReply(
      { ...original, from: { name: '', address: 'x@y.fr' }, html: undefined, text: 'a < b\n& c' },
      { ...fr, locale: 'en', mode: 'reply' },
    );
    expect(quote.text.split('\n')[0]).toBe('On 12/03/2026 at 10:15, x@y.fr wrote:');
    expect(quote.html).toContain('<blockquote type="cite">\na &#60; b<br>\n&#38; c\n</blockquote>');
  });

  it('forward: the header block, then the original unquoted', () => {
    const forward = buildForward(original, { locale: 'fr', timeZone: 'Europe/Paris' });
    expect(forward.subject).toBe('TR: Conseil de classe');
    expect(forward.body.text).toBe(
      [
        '-------- Message transféré --------',
        'Sujet : Conseil de classe',
        'Date : 12/03/2026 10:15',
        'De : Bob Martin <bob@ac-lyon.fr>',
        'À : Alice <alice@ac-lyon.fr>, Carol <carol@ac-lyon.fr>',
        'Cc : Alice again <ALICE@ac-lyon.fr>, dan@ac-lyon.fr, Carol <carol@ac-lyon.fr>',
        '',
        'Bonjour,',
        '> cité',
        'À jeudi.',
        '',
      ].join('\n'),
    );
    expect(forward.body.html).toContain(
      '<tr><th>De : </th><td>Bob Martin &#60;bob@ac-lyon.fr&#62;</td></tr>',
    );
    const en = buildForward({ ...original, cc: [] }, { locale: 'en', timeZone: 'Europe/Paris' });
    expect(en.body.text).toContain('-------- Forwarded Message --------\nSubject: Conseil de classe');
    expect(en.body.text).not.toContain('Cc:');
  });
});
