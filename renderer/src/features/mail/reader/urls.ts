/**
 * Which URLs of a hostile mail may survive, and as what. Images: inline
 * `cid:` parts (as data: URLs), small data: images, and remote http(s) ones
 * only when the user asked for them. Links: http, https and mailto only,
 * absolute: a relative URL would resolve against the app's own origin.
 */
import type { InlinePart } from '$shared/contract/index.ts';

/** Raster types only: an SVG is a document, not a picture, even when it claims to be one. */
const SAFE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|bmp);base64,[a-z0-9+/=\s]*$/i;
const BASE64 = /^[a-z0-9+/=\s]*$/i;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export interface ImageContext {
  allowRemote: boolean;
  inline: readonly InlinePart[];
  /** Set when the mail asked for at least one remote resource: the bar then offers to show it. */
  remoteFound: boolean;
}

function bareContentId(value: string): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // A malformed escape: compare the raw text, which then simply matches nothing.
  }
  return decoded.replace(/^<|>$/g, '').trim().toLowerCase();
}

function inlineImage(contentId: string, inline: readonly InlinePart[]): string | undefined {
  const wanted = bareContentId(contentId);
  const part = inline.find((candidate) => bareContentId(candidate.contentId) === wanted);
  const type = part?.mimeType.toLowerCase();
  if (!part || !type || !SAFE_IMAGE_TYPES.has(type) || !BASE64.test(part.base64)) return undefined;
  return `data:${type};base64,${part.base64.replace(/\s+/g, '')}`;
}

/** The URL an image may load from, or undefined to drop it. Marks remote ones as found. */
export function imageSource(raw: string, context: ImageContext): string | undefined {
  const value = raw.trim();
  if (/^cid:/i.test(value)) return inlineImage(value.slice(4), context.inline);
  if (DATA_IMAGE.test(value)) return value.replace(/\s+/g, '');
  // Protocol-relative URLs are remote too: they would take the app's scheme.
  const remote = /^https?:\/\//i.test(value) ? value : /^\/\//.test(value) ? `https:${value}` : undefined;
  if (remote === undefined) return undefined;
  context.remoteFound = true;
  return context.allowRemote ? remote : undefined;
}

/** The absolute, normalised target of a link, or undefined when it may not be followed. */
export function linkTarget(raw: string): string | undefined {
  let url: URL;
  try {
    // No base: a relative URL has nowhere safe to go, so it throws and is dropped.
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}
