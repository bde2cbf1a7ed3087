/**
 * The whole document given to the mail frame's srcdoc. Its CSP comes first
 * in <head>, before any mail content: no script, no frame, no form, no font,
 * no remote style; images from data:/blob: only, plus http(s) for the one
 * render where the user asked to see this message's images. The page's own
 * CSP applies too (a srcdoc frame inherits it): both must allow a load.
 */
export function frameCsp(allowRemote: boolean): string {
  return [
    "default-src 'none'",
    `img-src data: blob:${allowRemote ? ' http: https:' : ''}`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Mail layouts assume a white page: keep it light even in the app's dark theme. */
const BASE_STYLE = [
  ':root{color-scheme:light}',
  'body{margin:0;padding:12px;background:#fff;color:#1a1a1a;',
  'font:15px/1.5 system-ui,sans-serif;overflow-wrap:anywhere}',
  'img{max-width:100%;height:auto}',
  'blockquote{margin:0 0 0 .5em;padding-left:.8em;border-left:3px solid #c8ccd4;color:#444}',
  'pre{white-space:pre-wrap}',
].join('');

export function frameDocument(sanitizedBody: string, allowRemote: boolean): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${frameCsp(allowRemote)}">`,
    '<meta name="referrer" content="no-referrer">',
    `<style>${BASE_STYLE}</style>`,
    '</head><body>',
    sanitizedBody,
    '</body></html>',
  ].join('');
}
