/**
 * What the user is told before a link of a mail opens: its real target, and
 * whether the text of the link shows another domain than the one it leads
 * to (the classic phishing "ac-lyon.fr" that goes to evil.example). Hosts
 * are compared in their ASCII (punycode) form, so look-alike letters from
 * another script show up as xn-- rather than pass for the real name.
 */
import { linkTarget } from './urls.ts';

export interface LinkCheck {
  url: string;
  kind: 'web' | 'mail';
  /** The host the link really leads to (ASCII), or the address for mailto. */
  destination: string;
  /** A domain the visible text shows, when it differs from the destination. */
  shownDomain: string | undefined;
}

const LABELS = String.raw`(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}`;
const ADDRESS_IN_TEXT = new RegExp(String.raw`[\p{L}\p{N}._%+-]+@(${LABELS})`, 'iu');
const URL_IN_TEXT = new RegExp(String.raw`(?:https?://|\bwww\.)(${LABELS})`, 'iu');
const NAME_IN_TEXT = new RegExp(String.raw`(?<![\p{L}\p{N}.@-])(${LABELS})(?![\p{L}\p{N}-])`, 'giu');
/**
 * A bare name counts as a domain only with a common top-level domain: "M.Dupont" in a link text
 * is a person, not a site, and a warning for it would teach users to ignore the real ones.
 */
const COMMON_TLDS = new Set(
  'fr com org net eu edu gov gouv info io be ch de uk es it lu ca re gp mq gf yt nc pf pm wf app dev'.split(
    ' ',
  ),
);

/** The first domain the visible text of a link shows: in a URL, an address, or a bare name. */
function domainShown(text: string): string | undefined {
  const explicit = URL_IN_TEXT.exec(text)?.[1] ?? ADDRESS_IN_TEXT.exec(text)?.[1];
  if (explicit !== undefined) return explicit;
  for (const match of text.matchAll(NAME_IN_TEXT)) {
    const name = match[1] ?? '';
    if (COMMON_TLDS.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase())) return name;
  }
  return undefined;
}

function asciiHost(domain: string): string | undefined {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
}

const withoutWww = (host: string): string => host.replace(/^www\./, '');

/** Same site as far as a reader can tell: equal, or one is a subdomain of the other. */
function sameSite(a: string, b: string): boolean {
  const x = withoutWww(a);
  const y = withoutWww(b);
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

export function checkLink(href: string, visibleText: string): LinkCheck | undefined {
  const url = linkTarget(href);
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol === 'mailto:') {
    return { url, kind: 'mail', destination: decodeURIComponent(parsed.pathname), shownDomain: undefined };
  }
  const destination = parsed.hostname;
  const text = domainShown(visibleText);
  const shown = text === undefined ? undefined : asciiHost(text);
  const mismatch = shown !== undefined && !sameSite(shown, destination);
  return { url, kind: 'web', destination, shownDomain: mismatch ? shown : undefined };
}
