/**
 * The two bodies a composed message carries: the editor's HTML, sanitised
 * (DOMPurify, only the formatting the editor can produce: a pasted
 * <script>, style or tracking pixel never leaves), and its plain-text
 * alternative in the conventions mail readers know (> quotes, - bullets,
 * "texte <lien>").
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'a',
  'blockquote',
  'div',
  'span',
  'pre',
  'code',
];
const ALLOWED_ATTR = ['href', 'title', 'class'];

export function sanitizeOutgoing(html: string): string {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    // Links in a mail we send open in the recipient's browser: http(s) and mailto only.
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/iu,
  });
}

/** The HTML a message is sent with: a document with the charset declared, body sanitised. */
export function outgoingHtml(bodyHtml: string): string {
  // The editor keeps an empty paragraph after a final quote or list, for the cursor; the mail needs none.
  const body = sanitizeOutgoing(bodyHtml).replace(/(?:<p>(?:<br>)?<\/p>)+$/u, '');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
}

/** Escapes text for an HTML body (signatures and quotes arrive as plain text). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => `&#${char.charCodeAt(0)};`);
}

/** Plain text as HTML paragraphs, line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/u)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/gu, '<br>')}</p>`)
    .join('');
}

/** The plain-text alternative of the editor's HTML. */
export function htmlToPlainText(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${sanitizeOutgoing(html)}</body>`, 'text/html');
  const text = blocksOf(doc.body).join('\n\n');
  return text.replace(/\n{3,}/gu, '\n\n').trim();
}

const BLOCKS = new Set(['P', 'DIV', 'UL', 'OL', 'BLOCKQUOTE', 'PRE']);

/** Each block of a container as text; inline runs between blocks are blocks of their own. */
function blocksOf(container: Element): string[] {
  const blocks: string[] = [];
  let inline = '';
  const flush = (): void => {
    if (inline.trim()) blocks.push(inline.replace(/^\n+|\n+$/gu, ''));
    inline = '';
  };
  for (const node of Array.from(container.childNodes)) {
    if (node instanceof Element && BLOCKS.has(node.tagName)) {
      flush();
      blocks.push(blockText(node));
    } else inline += inlineText(node);
  }
  flush();
  return blocks.filter((block) => block.length > 0);
}

function blockText(element: Element): string {
  switch (element.tagName) {
    case 'UL':
    case 'OL':
      return listText(element, element.tagName === 'OL');
    case 'BLOCKQUOTE':
      return blocksOf(element)
        .join('\n\n')
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'PRE':
      return element.textContent;
    default:
      return blocksOf(element).join('\n\n');
  }
}

function listText(list: Element, ordered: boolean): string {
  const items = Array.from(list.children).filter((child) => child.tagName === 'LI');
  return items
    .map((item, index) => {
      const marker = ordered ? `${index + 1}. ` : '- ';
      const [first = '', ...rest] = blocksOf(item).join('\n').split('\n');
      return [marker + first, ...rest.map((line) => ' '.repeat(marker.length) + line)].join('\n');
    })
    .join('\n');
}

function inlineText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/gu, ' ');
  if (!(node instanceof Element)) return '';
  if (node.tagName === 'BR') return '\n';
  const inner = Array.from(node.childNodes).map(inlineText).join('');
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    const shown = href.replace(/^mailto:/iu, '');
    // A bare link already shows its target; otherwise the target follows the text.
    return href && inner.trim() !== shown ? `${inner} <${href}>` : inner;
  }
  if (BLOCKS.has(node.tagName)) return `\n${blockText(node)}\n`;
  return inner;
}
