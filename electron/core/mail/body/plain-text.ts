/**
 * The plain text of a body, for the search index and previews. HTML is
 * stripped crudely but safely: one linear pass, input bounded first.
 */
import { MAX_SEARCH_TEXT_CHARS } from './limits.ts';

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    const code = Number.parseInt(body.slice(2), 16);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  if (body.startsWith('#')) {
    const code = Number.parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return entities[body.toLowerCase()] ?? entity;
}

/** Elements whose content is not text the reader sees. */
const HIDDEN = new Set(['script', 'style', 'head', 'title', 'template']);
/** Elements that start a new line. */
const BLOCK = new Set(['br', 'p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

/**
 * One pass, no backtracking regex: every search continues after the previous match, so a
 * storm of unclosed "<" or "<script>" costs linear time (a regex version took minutes).
 */
export function htmlToPlainText(html: string): string {
  // Bounded twice: what is indexed, and a margin for the markup that is removed.
  const input = html.slice(0, MAX_SEARCH_TEXT_CHARS * 4);
  const lower = input.toLowerCase();
  const out: string[] = [];
  let at = 0;
  while (at < input.length) {
    const open = input.indexOf('<', at);
    if (open < 0) {
      out.push(input.slice(at));
      break;
    }
    out.push(input.slice(at, open));
    if (lower.startsWith('<!--', open)) {
      const close = input.indexOf('-->', open + 4);
      if (close < 0) break;
      at = close + 3;
      continue;
    }
    const close = input.indexOf('>', open + 1);
    // No ">" anywhere after: nothing later can be a tag either.
    if (close < 0) {
      out.push(input.slice(open));
      break;
    }
    const name = /^\/?([a-z][a-z0-9]*)/.exec(lower.slice(open + 1, Math.min(close, open + 20)))?.[1] ?? '';
    const closing = lower[open + 1] === '/';
    at = close + 1;
    if (!closing && HIDDEN.has(name)) {
      const end = lower.indexOf(`</${name}`, at);
      if (end < 0) break;
      const endClose = input.indexOf('>', end);
      at = endClose < 0 ? input.length : endClose + 1;
      out.push(' ');
    } else {
      out.push(BLOCK.has(name) ? '\n' : ' ');
    }
  }
  return out
    .join('')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (entity, body: string) =>
      decodeEntity(entity, body),
    )
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/ ?\n[ \n]*/g, '\n')
    .trim()
    .slice(0, MAX_SEARCH_TEXT_CHARS);
}

/** What search indexes: the text part when there is one, else the HTML stripped. */
export function searchableText(body: { text: string | null; html: string | null }): string {
  if (body.text && body.text.trim()) return body.text.slice(0, MAX_SEARCH_TEXT_CHARS);
  return body.html ? htmlToPlainText(body.html) : '';
}
