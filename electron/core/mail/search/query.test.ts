import { describe, expect, it } from 'vitest';
import { matchExpression } from './match-expression.ts';
import { MAX_TERM_CHARS, MAX_TERMS, parseDay, parseQuery, parseSize } from './query.ts';

const day = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime();

describe('parseQuery', () => {
  it('makes bare words terms, the last one a prefix while it is being typed', () => {
    expect(parseQuery('conseil cla')).toEqual({
      terms: [
        { text: 'conseil', prefix: false, phrase: false },
        { text: 'cla', prefix: true, phrase: false },
      ],
    });
    // A trailing space means the word is whole.
    expect(parseQuery('conseil cla ').terms.at(-1)?.prefix).toBe(false);
    // One letter is too broad a prefix.
    expect(parseQuery('conseil c').terms.at(-1)?.prefix).toBe(false);
  });

  it('keeps quoted phrases whole and never as a prefix', () => {
    expect(parseQuery('"conseil de classe" eleve ').terms).toEqual([
      { text: 'conseil de classe', prefix: false, phrase: true },
      { text: 'eleve', prefix: false, phrase: false },
    ]);
    expect(parseQuery('"conseil de cla').terms).toEqual([
      { text: 'conseil de cla', prefix: false, phrase: true },
    ]);
  });

  it.each([
    ['de:dupont ', 'sender'],
    ['from:dupont ', 'sender'],
    ['à:dupont ', 'recipients'],
    ['À:dupont ', 'recipients'],
    ['a:dupont ', 'recipients'],
    ['to:dupont ', 'recipients'],
    ['objet:dupont ', 'subject'],
    ['subject:dupont ', 'subject'],
  ])('%s searches the %s column', (input, field) => {
    expect(parseQuery(input).terms).toEqual([{ text: 'dupont', field, prefix: false, phrase: false }]);
  });

  it('takes a quoted operator value as a phrase', () => {
    expect(parseQuery('de:"Jean Dupont"').terms).toEqual([
      { text: 'Jean Dupont', field: 'sender', prefix: false, phrase: true },
    ]);
  });

  it.each([
    ['pj:', true],
    ['pj:oui', true],
    ['PJ:Oui', true],
    ['pj:non', false],
    ['has:attachment', true],
  ])('%s filters on attachments', (input, hasAttachment) => {
    expect(parseQuery(input)).toEqual({ terms: [], hasAttachment });
  });

  it('pj: with a name searches attachment names', () => {
    expect(parseQuery('pj:bulletin')).toEqual({
      terms: [{ text: 'bulletin', field: 'attachments', prefix: true, phrase: false }],
      hasAttachment: true,
    });
  });

  it.each([
    ['avant:2025-09-01', { before: day(2025, 9, 1) }],
    ['before:01/09/2025', { before: day(2025, 9, 1) }],
    ['après:2025-09-01', { after: day(2025, 9, 1) }],
    ['apres:1/9/2025', { after: day(2025, 9, 1) }],
    ['after:2025-09-01', { after: day(2025, 9, 1) }],
    ['taille>2Mo', { minSize: 2 * 1024 ** 2 }],
    ['TAILLE>2mo', { minSize: 2 * 1024 ** 2 }],
    ['larger:500k', { minSize: 500 * 1024 }],
    ['larger:1,5Go', { minSize: 1.5 * 1024 ** 3 }],
    ['size>300', { minSize: 300 }],
  ])('%s is a filter', (input, filter) => {
    expect(parseQuery(input)).toEqual({ terms: [], ...filter });
  });

  it('ignores half-typed or impossible operator values instead of searching them as words', () => {
    expect(parseQuery('avant:2025-0')).toEqual({ terms: [] });
    expect(parseQuery('avant:2025-02-30')).toEqual({ terms: [] });
    expect(parseQuery('taille>2Xo')).toEqual({ terms: [] });
    expect(parseQuery('de:')).toEqual({ terms: [] });
  });

  it('treats unknown keys and "Re:" as plain words', () => {
    expect(parseQuery('Re: http://x.fr ').terms.map((t) => t.text)).toEqual(['Re:', 'http://x.fr']);
  });

  it('survives hostile input with bounded output', () => {
    const long = 'mot '.repeat(2500);
    expect(parseQuery(long).terms).toHaveLength(MAX_TERMS);
    expect(parseQuery('x'.repeat(10_000)).terms[0]?.text).toHaveLength(MAX_TERM_CHARS);
    expect(parseQuery('"""""" " "')).toEqual({ terms: [] });
    expect(parseQuery('* ^ : ( ) - + AND')).toEqual({
      terms: [{ text: 'AND', prefix: true, phrase: false }],
    });
    expect(parseQuery('😀 🎉')).toEqual({ terms: [] });
    expect(parseQuery('\u0000\u0001élève')).toEqual({
      terms: [{ text: 'élève', prefix: true, phrase: false }],
    });
    expect(parseQuery('')).toEqual({ terms: [] });
    expect(parseQuery('de: à: objet: avant: après: taille>')).toEqual({ terms: [] });
  });
});

describe('matchExpression', () => {
  it('quotes every term, doubling quotes, so FTS5 operators typed by the user are words', () => {
    expect(
      matchExpression([
        { text: 'NEAR(a b)', prefix: false, phrase: false },
        { text: 'say "hi"', field: 'subject', prefix: false, phrase: true },
        { text: 'cla', field: 'sender', prefix: true, phrase: false },
      ]),
    ).toBe('"NEAR(a b)" subject : "say ""hi""" sender : "cla"*');
    expect(matchExpression([])).toBeUndefined();
  });
});

describe('parseDay and parseSize', () => {
  it('reads French and ISO dates and rejects the rest', () => {
    expect(parseDay('2025-09-01')).toBe(day(2025, 9, 1));
    expect(parseDay('01.09.2025')).toBe(day(2025, 9, 1));
    expect(parseDay('32/01/2025')).toBeUndefined();
    expect(parseDay('hier')).toBeUndefined();
  });

  it('reads units in any case', () => {
    expect(parseSize('2Mo')).toBe(2 * 1024 ** 2);
    expect(parseSize('2 MB')).toBe(2 * 1024 ** 2);
    expect(parseSize('10KO')).toBe(10 * 1024);
    expect(parseSize('1g')).toBe(1024 ** 3);
    expect(parseSize('-1')).toBeUndefined();
  });
});
