// Follows a short chain of redirects for discovery, https to https only: a
// Location pointing to http (or anything else) ends the chain, never a downgrade.
import type { DiscoveryDeps, HttpAnswer } from './types.ts';

/** Front ends add one or two hops (http→https is not followed anyway); more is a loop. */
export const MAX_REDIRECTS = 3;

export interface FollowedAnswer {
  /** The URL that gave `answer`: the request URL when there was no redirect. */
  url: string;
  answer: HttpAnswer;
  hops: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Resolves a Location against the URL that sent it; undefined unless it is plain https. */
export function httpsLocation(location: string, base: string): string | undefined {
  let target: URL;
  try {
    target = new URL(location, base);
  } catch {
    return undefined;
  }
  // Credentials in a redirect are never what a DAV or autoconfig server means.
  if (target.protocol !== 'https:' || target.username !== '' || target.password !== '') return undefined;
  target.hash = '';
  return target.href;
}

/**
 * The final non-redirect answer and its URL; undefined on a network error, a
 * non-https Location or too many hops.
 */
export async function requestFollowingHttps(
  deps: DiscoveryDeps,
  url: string,
  method: 'GET' | 'PROPFIND',
): Promise<FollowedAnswer | undefined> {
  let current = url;
  for (let hops = 0; hops <= MAX_REDIRECTS; hops += 1) {
    const answer = await deps.request(current, { method });
    if (answer === undefined) return undefined;
    if (!REDIRECT_STATUSES.has(answer.status)) return { url: current, answer, hops };
    const next = answer.location === undefined ? undefined : httpsLocation(answer.location, current);
    if (next === undefined) return undefined;
    current = next;
  }
  return undefined;
}
