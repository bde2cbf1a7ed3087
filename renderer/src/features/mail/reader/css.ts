/**
 * Cleans the CSS of a mail (style attributes and <style> elements). The
 * frame's CSP is the wall (no remote style, no remote image unless shown);
 * this pass removes what the CSP would refuse anyway, so the reader knows
 * remote content was asked for and no request is even attempted.
 */
import { imageSource, type ImageContext } from './urls.ts';

/** CSS escapes (`u\72l(`) are decoded first: the browser decodes them before it sees a function name. */
function decodeEscapes(css: string): string {
  return css
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_match, hex: string) => {
      const code = Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    })
    .replace(/\\(.)/g, '$1');
}

const COMMENT = /\/\*[\s\S]*?(\*\/|$)/g;
/** @import pulls a remote stylesheet; never allowed, even when images are shown. */
const IMPORT = /@import\b[^;]*;?/gi;
/** One pass over url() calls and strings, so a data: URL we produce is never rescanned. */
const URL_OR_STRING = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)|"([^"]*)"|'([^']*)'/gi;
/** Old IE script hooks and image-set(): nothing a mail needs. */
const FORBIDDEN = /expression\s*\(|-moz-binding|behavior\s*:|(?:-webkit-)?image-set\s*\(/gi;
/** A string that is a URL (src() in @font-face, for one): fonts are never loaded, even when shown. */
const URL_LIKE = /^\s*(?:https?:|ftp:|\/\/)/i;

export function sanitizeCss(css: string, context: ImageContext): string {
  return decodeEscapes(css)
    .replace(COMMENT, '')
    .replace(IMPORT, () => {
      context.remoteFound = true;
      return '';
    })
    .replace(FORBIDDEN, 'none(')
    .replace(URL_OR_STRING, (match, ...groups: Array<string | undefined>) => {
      const [double, single, bare, doubleString, singleString] = groups;
      const text = doubleString ?? singleString;
      if (text !== undefined) return URL_LIKE.test(text) ? '""' : match;
      const source = imageSource(double ?? single ?? bare ?? '', context);
      return source === undefined ? 'none' : `url("${source}")`;
    });
}
