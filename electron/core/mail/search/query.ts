/**
 * The search box's little language, parsed into a structured query. Pure and
 * total: any text gives a query (never a throw) in work bounded by the limits
 * below. User text stays data here; it becomes FTS5 syntax only in
 * match-expression.ts, where every term is quoted.
 */

/** Where a term must be found; no field means anywhere (body and attachment names included). */
export type SearchField = 'subject' | 'sender' | 'recipients' | 'attachments';

export interface SearchTerm {
  /** As typed, accents and case included: the FTS5 tokenizer folds them. */
  text: string;
  field?: SearchField;
  /** The word being typed: matches words that start with it. */
  prefix: boolean;
  /** Quoted by the user: its words must follow each other. */
  phrase: boolean;
}

export interface SearchQuery {
  terms: SearchTerm[];
  /** Arrival strictly before this instant (ms): `avant:` excludes the day given. */
  before?: number;
  /** Arrival at or after this instant (ms): `après:` includes the day given. */
  after?: number;
  /** Size strictly above this many bytes. */
  minSize?: number;
  hasAttachment?: boolean;
}

/** The contract allows 500; this guards the parser's other callers. A search is a sentence, not a pasted document. */
export const MAX_QUERY_CHARS = 1000;
/** Each term is one doclist walk in FTS5; a person types a handful, 32 is generous. */
export const MAX_TERMS = 32;
/** A longer "word" is pasted junk; cutting it keeps each phrase cheap to tokenize and match. */
export const MAX_TERM_CHARS = 100;
/** Matches the prefix index ('2 3'); one letter would expand to a large part of the vocabulary. */
export const MIN_PREFIX_CHARS = 2;

type Operator =
  { kind: 'field'; field: SearchField } | { kind: 'before' | 'after' | 'size' | 'attachment' | 'has' };

/** Operator names, lower case without accents ("À:", "Après:" and "APRES:" all fold to these). */
const operators: Readonly<Record<string, Operator>> = {
  de: { kind: 'field', field: 'sender' },
  from: { kind: 'field', field: 'sender' },
  a: { kind: 'field', field: 'recipients' },
  to: { kind: 'field', field: 'recipients' },
  cc: { kind: 'field', field: 'recipients' },
  objet: { kind: 'field', field: 'subject' },
  subject: { kind: 'field', field: 'subject' },
  pj: { kind: 'attachment' },
  has: { kind: 'has' },
  avant: { kind: 'before' },
  before: { kind: 'before' },
  apres: { kind: 'after' },
  after: { kind: 'after' },
  larger: { kind: 'size' },
  taille: { kind: 'size' },
  size: { kind: 'size' },
};

const yes = new Set(['', 'oui', 'o', 'yes', 'y', '1', 'true', 'vrai']);
const no = new Set(['non', 'n', 'no', '0', 'false', 'faux']);
const attachmentWords = new Set(['attachment', 'attachments', 'pj', 'piece-jointe', 'pieces-jointes']);

/** Bytes per unit; French users write Ko/Mo/Go, others k/KB/M/MB. Binary multiples, as mail clients show sizes. */
const sizeUnits: Readonly<Record<string, number>> = {
  '': 1,
  o: 1,
  b: 1,
  k: 1024,
  ko: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mo: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  go: 1024 ** 3,
  gb: 1024 ** 3,
};

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A term the tokenizer would reduce to nothing ("*", "!!!", emoji) matches nothing in FTS5: drop it. */
function hasWordCharacter(text: string): boolean {
  return /[\p{L}\p{N}\p{Co}]/u.test(text);
}

interface RawToken {
  text: string;
  quoted: boolean;
  last: boolean;
}

/** Splits on whitespace outside quotes; an unbalanced quote runs to the end. */
function tokenize(input: string): RawToken[] {
  const tokens: RawToken[] = [];
  let current = '';
  let quoted = false;
  let inQuote = false;
  for (const char of input) {
    if (char === '"') {
      inQuote = !inQuote;
      quoted = true;
      current += char;
    } else if (!inQuote && /\s/u.test(char)) {
      if (current !== '') tokens.push({ text: current, quoted, last: false });
      current = '';
      quoted = false;
    } else {
      current += char;
    }
  }
  if (current !== '') tokens.push({ text: current, quoted, last: true });
  return tokens;
}

/** `2025-09-01`, `01/09/2025` (also with `.` or `-`), local midnight; an impossible date gives undefined. */
export function parseDay(value: string): number | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(value);
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(value);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : french
      ? [Number(french[3]), Number(french[2]), Number(french[1])]
      : [NaN, NaN, NaN];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day)
    return undefined;
  return date.getTime();
}

/** `2Mo`, `500k`, `1,5 Go`, `300000`; case-insensitive. */
export function parseSize(value: string): number | undefined {
  const match = /^(\d{1,9}(?:[.,]\d{1,3})?)\s*([a-z]*)$/iu.exec(value.trim());
  if (!match) return undefined;
  const unit = sizeUnits[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  return Math.round(Number((match[1] ?? '').replace(',', '.')) * unit);
}

function textTerm(
  raw: string,
  quoted: boolean,
  prefix: boolean,
  field?: SearchField,
): SearchTerm | undefined {
  const text = raw.replaceAll('"', ' ').trim().slice(0, MAX_TERM_CHARS);
  if (!hasWordCharacter(text)) return undefined;
  const lastWord = /[\p{L}\p{N}\p{Co}]+$/u.exec(text)?.[0] ?? '';
  const term: SearchTerm = {
    text,
    prefix: prefix && !quoted && [...lastWord].length >= MIN_PREFIX_CHARS,
    phrase: quoted,
  };
  if (field !== undefined) term.field = field;
  return term;
}

export function parseQuery(input: string): SearchQuery {
  // Control characters (NUL included) are never meant; they become spaces.
  const text = input.slice(0, MAX_QUERY_CHARS).replace(/\p{Cc}/gu, ' ');
  // The word being typed is a prefix; once the user types a space it is whole.
  const typing = !/\s$/u.test(text);
  const query: SearchQuery = { terms: [] };
  const addTerm = (term: SearchTerm | undefined) => {
    if (term !== undefined && query.terms.length < MAX_TERMS) query.terms.push(term);
  };

  for (const token of tokenize(text)) {
    const prefix = token.last && typing;
    const operator = /^([\p{L}]{1,10})([:>])(.*)$/su.exec(token.text);
    const name = operator ? fold(operator[1] ?? '') : '';
    const known = operators[name];
    if (!operator || known === undefined || (operator[2] === '>' && known.kind !== 'size')) {
      addTerm(textTerm(token.text, token.quoted, prefix));
      continue;
    }
    const rawValue = operator[3] ?? '';
    const valueQuoted = rawValue.includes('"');
    const value = rawValue.replaceAll('"', '').trim();
    switch (known.kind) {
      case 'field':
        addTerm(textTerm(rawValue, valueQuoted, prefix, known.field));
        break;
      case 'before': {
        const day = parseDay(value);
        if (day !== undefined) query.before = Math.min(day, query.before ?? Infinity);
        break;
      }
      case 'after': {
        const day = parseDay(value);
        if (day !== undefined) query.after = Math.max(day, query.after ?? -Infinity);
        break;
      }
      case 'size': {
        const bytes = parseSize(value.replace(/^>/u, ''));
        if (bytes !== undefined) query.minSize = Math.max(bytes, query.minSize ?? 0);
        break;
      }
      case 'attachment': {
        const folded = fold(value);
        if (yes.has(folded)) query.hasAttachment = true;
        else if (no.has(folded)) query.hasAttachment = false;
        else {
          // `pj:rapport` searches attachment names (and implies there is one).
          query.hasAttachment = true;
          addTerm(textTerm(rawValue, valueQuoted, prefix, 'attachments'));
        }
        break;
      }
      case 'has':
        if (attachmentWords.has(fold(value))) query.hasAttachment = true;
        break;
    }
    // A half-typed or invalid operator value ("avant:2025-0") is ignored, not searched as text:
    // results must not flicker to nothing while the user is still typing the date.
  }
  return query;
}
