// Finds where DAV discovery should start for a domain: RFC 6764 (SRV, then the
// well-known URI), then SOGo's fixed /SOGo/dav/ path. https only, no credentials.
import { httpsUrlSchema } from '../../../shared/contract/domain.ts';
import { requestFollowingHttps } from './redirect.ts';
import { httpsUrl, lookupCaldavSrv, type SrvTarget } from './srv.ts';
import type { DiscoveryDeps, DiscoveryStep, HttpAnswer } from './types.ts';

export interface DavLocation {
  url: string | undefined;
  steps: DiscoveryStep[];
}

/**
 * What an unauthenticated PROPFIND Depth 0 gets from a DAV collection: the
 * multistatus itself, a challenge, or (some servers) a plain 200. A 401
 * without a challenge is a web app's login wall, not DAV.
 */
export function answersLikeDav(answer: HttpAnswer | undefined): boolean {
  if (answer === undefined) return false;
  if (answer.status === 207 || answer.status === 200) return true;
  return answer.status === 401 && (answer.wwwAuthenticate ?? '').trim() !== '';
}

/** Our own checks only ever yield https URLs, but a server's Location could still be 3 KiB of junk. */
function acceptable(url: string): string | undefined {
  return httpsUrlSchema.safeParse(url).success ? url : undefined;
}

/**
 * RFC 6764 §5: a server that has a well-known URI redirects it to the DAV
 * context path. sogod itself answers /.well-known/caldav with 200 and its
 * HTML login page (STACK.md gotcha 14), so only a redirect counts.
 */
async function viaWellKnown(deps: DiscoveryDeps, origin: string): Promise<string | undefined> {
  const followed = await requestFollowingHttps(deps, `${origin}/.well-known/caldav`, 'PROPFIND');
  if (!followed || followed.hops === 0 || !answersLikeDav(followed.answer)) return undefined;
  return acceptable(followed.url);
}

/** RFC 6764 §6: the TXT path when given, else the target's well-known URI, else its root. */
async function viaSrvTarget(
  deps: DiscoveryDeps,
  target: SrvTarget,
  path: string | undefined,
): Promise<string | undefined> {
  if (path !== undefined) return acceptable(httpsUrl(target, path));
  const origin = httpsUrl(target, '/').slice(0, -1);
  const wellKnown = await viaWellKnown(deps, origin);
  if (wellKnown !== undefined) return wellKnown;
  const root = `${origin}/`;
  return answersLikeDav(await deps.request(root, { method: 'PROPFIND' })) ? acceptable(root) : undefined;
}

/** SOGo serves DAV under /SOGo/dav/ on whichever host runs its web front end. */
export function sogoCandidates(domain: string, imapHost: string | undefined): string[] {
  const hosts = [domain, `webmail.${domain}`, ...(imapHost === undefined ? [] : [imapHost])];
  return [...new Set(hosts)];
}

/**
 * `imapHost` settles once mail discovery is done; the SRV and well-known
 * steps run meanwhile, so a slow DNS or web server costs the wizard once.
 * It should be undefined when the IMAP host was only guessed.
 */
export async function locateDav(
  deps: DiscoveryDeps,
  domain: string,
  imapHost: Promise<string | undefined>,
): Promise<DavLocation> {
  const steps: DiscoveryStep[] = [];

  const srv = await lookupCaldavSrv(deps, domain);
  const fromSrv = srv && (await viaSrvTarget(deps, srv.target, srv.path));
  steps.push({ step: 'dav:srv', found: fromSrv !== undefined });
  if (fromSrv !== undefined) return { url: fromSrv, steps };

  const fromWellKnown = await viaWellKnown(deps, `https://${domain}`);
  steps.push({ step: 'dav:well-known', found: fromWellKnown !== undefined });
  if (fromWellKnown !== undefined) return { url: fromWellKnown, steps };

  // Probed together: each is one small unauthenticated request, and waiting
  // for three timeouts in a row would stall the wizard for 15 s.
  const candidates = sogoCandidates(domain, await imapHost).map((host) => `https://${host}/SOGo/dav/`);
  const answers = await Promise.all(candidates.map((url) => deps.request(url, { method: 'PROPFIND' })));
  let url: string | undefined;
  candidates.forEach((candidate, index) => {
    const found = answersLikeDav(answers[index]);
    steps.push({ step: `dav:sogo:${new URL(candidate).hostname}`, found });
    if (found) url ??= candidate; // the first in order wins
  });
  return { url, steps };
}
