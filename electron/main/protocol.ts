/**
 * Serves the built renderer under app://cartable/ with the CSP header, so
 * the window never loads file:// URLs (which would widen what a page may read).
 */
import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from './security.ts';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const { pathname } = new URL(request.url);
    const file = path.resolve(
      rendererDir,
      `.${pathname === '/' ? '/index.html' : decodeURIComponent(pathname)}`,
    );
    if (!file.startsWith(rendererDir + path.sep)) return new Response('Introuvable', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    return new Response(response.body, { status: response.status, headers });
  });
}
