/**
 * The browser host: the built renderer over HTTP and the core's RPC over a
 * WebSocket, on 127.0.0.1 only, both behind the per-run token. A request
 * without it, or a WebSocket opened from another origin, is refused.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/index.ts';
import { serveStatic } from './static.ts';
import { cookieToken, newToken, sameToken, tokenCookie } from './token.ts';

/** One RPC message is a small JSON document; a megabyte is already suspicious. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface BrowserHostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface BrowserHost {
  /** The URL to open, carrying the token once. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function attach(ws: WebSocket, core: Core): void {
  const unsubscribe = core.subscribe((event) => ws.send(JSON.stringify(event)));
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) return ws.close(1003, 'text only');
    let request: unknown;
    try {
      request = JSON.parse(data.toString('utf8'));
    } catch {
      return ws.close(1007, 'invalid JSON');
    }
    void core.dispatch(request).then((response) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
    });
  });
  ws.on('close', unsubscribe);
  ws.on('error', unsubscribe);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? newToken();
  let origin = '';
  // Without a binaryType, ws hands text frames over as one Buffer.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('connection', (ws) => attach(ws, options.core));

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const queryToken = url.searchParams.get('token') ?? undefined;
    if (sameToken(queryToken, token)) {
      // Trade the URL token for the cookie and drop it from the address bar and history.
      res.writeHead(303, { 'Set-Cookie': tokenCookie(token), Location: '/' }).end();
      return;
    }
    if (!sameToken(cookieToken(req), token)) {
      res
        .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Accès refusé : ouvrez l’adresse affichée au lancement de Cartable.');
      return;
    }
    void serveStatic(options.rendererDir, url.pathname, origin, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    // A page from any other origin could open a WebSocket to us; the Origin check stops it.
    if (path !== '/rpc' || req.headers.origin !== origin || !sameToken(cookieToken(req), token)) {
      refuse(socket, '403 Forbidden');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
