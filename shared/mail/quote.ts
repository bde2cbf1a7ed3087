/**
 * The quoted part of a reply and the body of a forward, in plain text and in HTML. The HTML of
 * the original is taken as given: the caller passes it already sanitised (the renderer's
 * DOMPurify), as this module cannot know what is safe to put in an editor.
 */
import { composeStrings, formatDateTime, type ComposeLocale } from './compose-strings.ts';

export interface Mailbox {
  name: string;
  address: string;
}

export interface QuotedBody {
  text: string;
  html: string;
}

export interface QuoteSource {
  from?: Mailbox | undefined;
  to: readonly Mailbox[];
  cc: readonly Mailbox[];
  subject: string;
  /** Milliseconds since the epoch. */
  date: number;
  text?: string | null | undefined;
  /** Sanitised HTML of the original, if it had any. */
  html?: string | null | undefined;
}

export interface QuoteOptions {
  locale: ComposeLocale;
  /** IANA zone for the dates written in the message; the user's own when absent. */
  timeZone?: string | undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function who(from: Mailbox | undefined): string {
  if (!from) return '?';
  return from.name.trim() || from.address;
}

/** "Bob Martin <bob@x.fr>", or the bare address when there is no name. */
export function formatMailbox(m: Mailbox): string {
  const name = m.name.trim();
  return name ? `${name} <${m.address}>` : m.address;
}

/** Splits on any line ending: a body from a mail may carry CRLF, LF or a lone CR. */
function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
}

/**
 * "> " before each line; an already quoted line gets ">" alone, so levels read ">> " as most
 * clients write them (RFC 3676 §4.5 quote depth).
 */
export function quoteLines(text: string): string {
  return lines(text)
    .map((line) => (line.startsWith('>') ? `>${line}` : line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** The text as HTML paragraphs' worth of lines, for an original without HTML. */
function textToHtml(text: string): string {
  return lines(text).map(escapeHtml).join('<br>\n');
}

function originalHtml(source: QuoteSource): string {
  return source.html ?? textToHtml(source.text ?? '');
}

/** The attribution line, then the original quoted. */
export function replyQuote(source: QuoteSource, options: QuoteOptions): QuotedBody {
  const { date, time } = formatDateTime(source.date, options.timeZone);
  const attribution = composeStrings[options.locale].attribution(date, time, who(source.from));
  return {
    text: `${attribution}\n${quoteLines(source.text ?? '')}\n`,
    html:
      `<p>${escapeHtml(attribution)}</p>\n` +
      `<blockquote type="cite">\n${originalHtml(source)}\n</blockquote>\n`,
  };
}

/** The "Message transféré" header block, then the original as it was (not quoted with ">"). */
export function forwardBody(source: QuoteSource, options: QuoteOptions): QuotedBody {
  const s = composeStrings[options.locale];
  const { date, time } = formatDateTime(source.date, options.timeZone);
  const fields: Array<[string, string]> = [
    [s.subject, source.subject],
    [s.date, `${date} ${time}`],
    [s.from, source.from ? formatMailbox(source.from) : ''],
    [s.to, source.to.map(formatMailbox).join(', ')],
  ];
  if (source.cc.length > 0) fields.push([s.cc, source.cc.map(formatMailbox).join(', ')]);
  const headerText = fields.map(([label, value]) => `${label}${s.colon}${value}`).join('\n');
  const headerHtml = fields
    .map(
      ([label, value]) =>
        `<tr><th>${escapeHtml(label)}${escapeHtml(s.colon)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  return {
    text: `${s.forwardTitle}\n${headerText}\n\n${lines(source.text ?? '').join('\n')}\n`,
    html:
      `<div class="moz-forward-container">\n<p>${escapeHtml(s.forwardTitle)}</p>\n` +
      `<table>\n${headerHtml}\n</table>\n<br>\n${originalHtml(source)}\n</div>\n`,
  };
}
