// The real `request` of discovery: one https exchange, no credentials, no
// redirects, certificates verified against the given trust list, bounded in time and size.
import https from 'node:https';
import { isIP } from 'node:net';
import type { HttpAnswer } from './types.ts';

/** A wizard waits on each request; a server slower than this is not one to configure by default. */
export const DEFAULT_TIMEOUT_MS = 5_000;
/**
 * Discovery reads status lines and small documents (autoconfig XML is capped
 * at 64 KiB by its parser). Past this the body is cut and the connection
 * closed: the status still counts, a cut document fails its own size check.
 */
export const MAX_RESPONSE_BYTES = 256 * 1024;

export interface HttpsRequesterOptions {
  /** The complete trust list (not added to Node's roots): production passes the public roots plus any academy CA. */
  ca: readonly string[];
  /**
   * Test-only: hostname → "127.0.0.1:PORT". The TCP connection goes there
   * while SNI, Host and the certificate check keep the original name. When a
   * map is given, a host missing from it is never contacted: a test's world is closed.
   */
  hostMap?: Readonly<Record<string, string>>;
  userAgent: string;
  timeoutMs?: number;
}

type Request = (url: string, init?: { method?: 'GET' | 'PROPFIND' }) => Promise<HttpAnswer | undefined>;

function mappedAddress(value: string): { host: string; port: number } | undefined {
  const match = /^(.+):(\d{1,5})$/.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port: Number(match[2]) };
}

export function createHttpsRequester(options: HttpsRequesterOptions): Request {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ca = [...options.ca];
  const hostMap =
    options.hostMap &&
    new Map(Object.entries(options.hostMap).map(([name, address]) => [name.toLowerCase(), address]));

  return (url, init) =>
    new Promise<HttpAnswer | undefined>((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        resolve(undefined);
        return;
      }
      // Never plain http, whatever the caller built: discovery must not be downgradable.
      if (target.protocol !== 'https:') {
        resolve(undefined);
        return;
      }
      const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
      let connectTo = { host: hostname, port: target.port === '' ? 443 : Number(target.port) };
      if (hostMap) {
        const mapped = mappedAddress(hostMap.get(hostname.toLowerCase()) ?? '');
        if (!mapped) {
          resolve(undefined);
          return;
        }
        connectTo = mapped;
      }
      const method = init?.method ?? 'GET';

      let settled = false;
      const finish = (answer: HttpAnswer | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };

      const request = https.request(
        {
          host: connectTo.host,
          port: connectTo.port,
          // SNI must be a name (RFC 6066 §3); the certificate is checked against it.
          ...(isIP(hostname) === 0 && { servername: hostname }),
          path: `${target.pathname}${target.search}`,
          method,
          headers: {
            Host: target.host,
            'User-Agent': options.userAgent,
            Accept: '*/*',
            // An empty PROPFIND body means allprop (RFC 4918 §9.1); Depth 0 keeps it to one resource.
            ...(method === 'PROPFIND' && { Depth: '0', 'Content-Length': '0' }),
          },
          ca,
          rejectUnauthorized: true,
          // A fresh agent per request: discovery is a handful of requests and
          // must not leave keep-alive sockets behind.
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const answer = (): HttpAnswer => {
            const { location, 'www-authenticate': wwwAuthenticate } = response.headers;
            return {
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ...(location !== undefined && { location }),
              ...(wwwAuthenticate !== undefined && { wwwAuthenticate }),
            };
          };
          response.on('data', (chunk: Buffer) => {
            if (settled) return;
            const room = MAX_RESPONSE_BYTES - size;
            chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
            size += Math.min(chunk.length, room);
            if (size >= MAX_RESPONSE_BYTES) {
              finish(answer());
              request.destroy();
            }
          });
          response.on('end', () => finish(answer()));
          response.on('error', () => finish(undefined));
          // 'close' before 'end' is a connection cut mid-body (after 'end' it is a no-op).
          response.on('close', () => finish(undefined));
        },
      );
      const timer = setTimeout(() => {
        finish(undefined);
        request.destroy();
      }, timeoutMs);
      // DNS failure, refused connection, TLS failure (untrusted, wrong name): all "not found".
      request.on('error', () => finish(undefined));
      request.end();
    });
}
