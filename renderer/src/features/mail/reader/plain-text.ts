/**
 * A plain-text body as blocks of lines by quote depth ("> " prefixes), each
 * line cut into text and links. Nothing here makes HTML: the component
 * renders the pieces as Svelte text and buttons, so the mail cannot inject
 * markup, and a link goes through the same confirmation as in HTML mail.
 */
import { linkTarget } from './urls.ts';

export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

export interface TextBlock {
  /** 0 for the message itself, 1 for "> " quoted lines, 2 for "> > "… */
  depth: number;
  lines: Segment[][];
}

/** Beyond this, the rest of a huge text is shown as it is: linkifying megabytes helps nobody. */
const MAX_LINKIFIED_CHARS = 200_000;
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\bmailto:[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
/** Punctuation that ends a sentence, not the URL: "voir https://x.fr/a." */
const TRAILING = /[.,;:!?'»)\]]+$/;

function linkUrl(text: string): string | undefined {
  if (/^www\./i.test(text)) return linkTarget(`https://${text}`);
  if (!/^(?:https?|mailto):/i.test(text)) return linkTarget(`mailto:${text}`);
  return linkTarget(text);
}

export function linkify(line: string): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  for (const match of line.matchAll(LINK)) {
    let text = match[0];
    // Keep a closing parenthesis that belongs to the URL (Wikipedia style).
    const trailing = TRAILING.exec(text)?.[0] ?? '';
    const keepParen = trailing.startsWith(')') && text.includes('(');
    if (trailing && !keepParen) text = text.slice(0, -trailing.length);
    const url = linkUrl(text);
    if (url === undefined) continue;
    const start = match.index;
    if (start > cursor) segments.push({ kind: 'text', text: line.slice(cursor, start) });
    segments.push({ kind: 'link', text, url });
    cursor = start + text.length;
  }
  if (cursor < line.length) segments.push({ kind: 'text', text: line.slice(cursor) });
  return segments;
}

export function plainTextBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let linkified = 0;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const quote = /^((?:>[ \t]?)+)/.exec(raw)?.[1] ?? '';
    const depth = (quote.match(/>/g) ?? []).length;
    const content = raw.slice(quote.length);
    linkified += content.length;
    const line: Segment[] =
      linkified > MAX_LINKIFIED_CHARS ? [{ kind: 'text', text: content }] : linkify(content);
    const last = blocks.at(-1);
    if (last?.depth === depth) last.lines.push(line);
    else blocks.push({ depth, lines: [line] });
  }
  return blocks;
}
