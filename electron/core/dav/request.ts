/**
 * Authenticated HTTPS requests for DAV, with the TLS options decided by the
 * probe. Bodies are capped: a server answering gigabytes is not a calendar.
 */
import https from 'node:https';
import type { LibraryTls } from '../net/trust.ts';
import type { ConnectTarget } from '../net/connect.ts';

/** A PROPFIND answer about one principal is a few KiB; 4 MiB leaves room for big homes. */
export const MAX_DAV_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface DavAnswer {
  status: number;
  body: string;
  location: string | undefined;
  contentType: string | undefined;
}

export interface DavRequest {
  url: URL;
  method: 'PROPFIND';
  depth: '0' | '1';
  body: string;
  login: string;
  password: string;
  userAgent: string;
  timeoutMs: number;
  target: ConnectTarget;
  tls: LibraryTls;
}

export function davRequest(request: DavRequest): Promise<DavAnswer> {
  const auth = Buffer.from(`${request.login}:${request.password}`, 'utf8').toString('base64');
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: request.target.host,
        port: request.target.port,
        ...(request.target.servername ? { servername: request.target.servername } : {}),
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        agent: false,
        timeout: request.timeoutMs,
        ...request.tls,
        headers: {
          Host: request.url.host,
          Authorization: `Basic ${auth}`,
          Depth: request.depth,
          'Content-Type': 'application/xml; charset=utf-8',
          // SOGo changes its listings with the User-Agent (STACK.md): one constant, honest value.
          'User-Agent': request.userAgent,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_DAV_RESPONSE_BYTES) {
            req.destroy(Object.assign(new Error('DAV response too large'), { code: 'EPROTO' }));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            location: res.headers.location,
            contentType: res.headers['content-type'],
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('DAV timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(request.body);
  });
}
