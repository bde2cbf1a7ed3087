/**
 * Serves the built renderer. Only files under its folder, with the same
 * strict CSP the Electron window gets: scripts and styles from ourselves,
 * nothing remote, the RPC only to this host.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // The mail frame (a srcdoc, so it inherits this policy) may show a message's remote images
    // once the user asks; its own CSP allows them only for that render. Nothing else of ours
    // ever puts a remote URL in an <img>. srcdoc frames need nothing from frame-src.
    "img-src 'self' data: blob: http: https:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "frame-src 'self' blob: data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function serveStatic(
  root: string,
  urlPath: string,
  origin: string,
  res: ServerResponse,
): Promise<void> {
  const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const file = path.resolve(root, `.${relative}`);
  const inside = file === root || file.startsWith(root + path.sep);
  const info = inside ? await stat(file).catch(() => undefined) : undefined;
  if (!info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Introuvable');
    return;
  }
  res.writeHead(200, {
    'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Content-Security-Policy': contentSecurityPolicy(origin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}
