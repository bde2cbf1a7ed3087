/**
 * DAV account check (RFC 5397, 4791 §6.2.1, 6352 §7.1.1): log in at the
 * configured URL, find the current user's principal, then its calendar and
 * address-book homes. Redirects are followed only within the same origin so
 * the password never goes to another server, and never to plain HTTP.
 */
import { CartableError, type DavHomes, type TlsPin } from '../../../shared/contract/index.ts';
import { toCartableError } from '../net/errors.ts';
import { secureEndpoint, type NetworkContext } from '../net/secure.ts';
import { davRequest, type DavAnswer } from './request.ts';
import { hrefProperty } from './multistatus.ts';

const MAX_REDIRECTS = 5;

const principalQuery = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/></d:prop></d:propfind>`;

const homesQuery = `<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="urn:ietf:params:xml:ns:carddav">
  <d:prop><c:calendar-home-set/><a:addressbook-home-set/></d:prop></d:propfind>`;

export interface DavLogin {
  url: string;
  login: string;
  password: string;
  pins: readonly TlsPin[];
  userAgent: string;
}

export async function discoverDavHomes(login: DavLogin, network: NetworkContext): Promise<DavHomes> {
  const start = new URL(login.url);
  const endpoint = { host: start.hostname, port: Number(start.port || 443), security: 'tls' as const };
  const where = { service: 'dav', host: endpoint.host, port: endpoint.port };
  const secured = await secureEndpoint(endpoint, 'https', login.pins, network);

  async function propfind(url: URL, body: string): Promise<{ url: URL; answer: DavAnswer }> {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let answer: DavAnswer;
      try {
        answer = await davRequest({
          url: current,
          method: 'PROPFIND',
          depth: '0',
          body,
          login: login.login,
          password: login.password,
          userAgent: login.userAgent,
          timeoutMs: network.timeoutMs,
          target: secured.target,
          tls: secured.tls,
        });
      } catch (error) {
        throw toCartableError(error, where);
      }
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        const next = new URL(answer.location, current);
        if (next.origin !== start.origin)
          throw new CartableError('DAV_NOT_FOUND', { ...where, url: next.href });
        current = next;
        continue;
      }
      return { url: current, answer };
    }
    throw new CartableError('DAV_NOT_FOUND', { ...where, url: current.href });
  }

  function expectMultistatus(answer: DavAnswer, url: URL): void {
    if (answer.status === 401) throw new CartableError('AUTH_FAILED', where);
    // SOGo answers unknown paths (and /.well-known without a front server) with an HTML page and 200.
    if (answer.status !== 207)
      throw new CartableError('DAV_NOT_FOUND', { ...where, url: url.href, status: answer.status });
  }

  const first = await propfind(start, principalQuery);
  expectMultistatus(first.answer, first.url);
  const principalHref = hrefProperty(first.answer.body, 'current-user-principal');
  if (!principalHref) throw new CartableError('DAV_NOT_FOUND', { ...where, url: first.url.href });
  const principalUrl = new URL(principalHref, first.url);
  if (principalUrl.origin !== start.origin)
    throw new CartableError('DAV_NOT_FOUND', { ...where, url: principalUrl.href });

  const homes = await propfind(principalUrl, homesQuery);
  expectMultistatus(homes.answer, homes.url);
  const calendarHref = hrefProperty(homes.answer.body, 'calendar-home-set');
  const addressBookHref = hrefProperty(homes.answer.body, 'addressbook-home-set');
  return {
    principalUrl: principalUrl.href,
    ...(calendarHref ? { calendarHomeUrl: new URL(calendarHref, principalUrl).href } : {}),
    ...(addressBookHref ? { addressBookHomeUrl: new URL(addressBookHref, principalUrl).href } : {}),
  };
}
