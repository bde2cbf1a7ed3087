/**
 * The mail's HTML as the reader may show it: DOMPurify's HTML profile (no
 * SVG, no MathML), then our rules: no form, frame, object, base, meta,
 * link; no remote load unless the user asked for this message's images;
 * `cid:` images from the message's own parts; links turned inert.
 *
 * Links: the frame runs no script, so it cannot ask before leaving. Each
 * link's real target moves to `data-cartable-href` and its href becomes "#"
 * (a click then goes nowhere even if nobody intercepts it); the one mail
 * view reads the attribute on click, from outside the frame, and asks the
 * user. The mail's own data-* attributes are all dropped, so only we write it.
 */
import DOMPurify from 'dompurify';
import type { InlinePart } from '$shared/contract/index.ts';
import { sanitizeCss } from './css.ts';
import { imageSource, linkTarget, type ImageContext } from './urls.ts';

export const LINK_ATTRIBUTE = 'data-cartable-href';

export interface SanitizeOptions {
  allowRemote: boolean;
  inline: readonly InlinePart[];
}

export interface SanitizedMail {
  html: string;
  /** The mail asked for remote images or styles (shown or not). */
  remoteFound: boolean;
}

/** Whatever loads, submits, embeds or redirects; DOMPurify's HTML profile already drops scripts. */
const FORBID_TAGS = [
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'optgroup',
  'fieldset',
  'base',
  'meta',
  'link',
  'object',
  'embed',
  'iframe',
  'frame',
  'frameset',
  'portal',
  'audio',
  'video',
  'source',
  'track',
  'picture',
  'map',
  'area',
  'dialog',
  'template',
  'slot',
];
/** Attributes that load, run or act on their own. */
const FORBID_ATTR = [
  'srcset',
  'sizes',
  'poster',
  'ping',
  'download',
  'target',
  'action',
  'formaction',
  'method',
  'enctype',
  'integrity',
  'crossorigin',
  'popover',
  'popovertarget',
  'popovertargetaction',
  'command',
  'commandfor',
  'autoplay',
  'usemap',
  'loading',
];

const purify = DOMPurify();
let current: ImageContext | undefined;

purify.addHook('uponSanitizeElement', (node) => {
  if (current && node.nodeName === 'STYLE' && node.textContent)
    node.textContent = sanitizeCss(node.textContent, current);
});

purify.addHook('uponSanitizeAttribute', (node, data) => {
  if (!current) return;
  const name = data.attrName;
  if (name === 'style') data.attrValue = sanitizeCss(data.attrValue, current);
  else if (name === 'background' || (name === 'src' && node.nodeName === 'IMG')) {
    const source = imageSource(data.attrValue, current);
    if (source === undefined) data.keepAttr = false;
    else data.attrValue = source;
  } else if (name === 'src') data.keepAttr = false;
});

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'IMG') node.setAttribute('referrerpolicy', 'no-referrer');
  if (node.nodeName !== 'A') return;
  const target = linkTarget(node.getAttribute('href') ?? '');
  node.removeAttribute('href');
  if (target === undefined) return;
  node.setAttribute('href', '#');
  node.setAttribute(LINK_ATTRIBUTE, target);
  // The real target on hover, where the status bar would have shown "#".
  node.setAttribute('title', target);
  node.setAttribute('rel', 'noopener noreferrer');
});

export function sanitizeMail(html: string, options: SanitizeOptions): SanitizedMail {
  current = { allowRemote: options.allowRemote, inline: options.inline, remoteFound: false };
  try {
    const clean = purify.sanitize(html, {
      USE_PROFILES: { html: true },
      FORBID_TAGS,
      FORBID_ATTR,
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: true,
      // <style> in the mail's <head> would be lost otherwise: keep it, in the body.
      FORCE_BODY: true,
    });
    return { html: clean, remoteFound: current.remoteFound };
  } finally {
    current = undefined;
  }
}
