/**
 * What the test proxies share: a listener on an ephemeral 127.0.0.1 port
 * whose close() first ends every connection it carries (server.close alone
 * waits for them, and a test's afterAll would hang), and a TLS-terminating
 * front for a stack port, which reads the dialogue with the stack's own
 * certificate (valid for 127.0.0.1) and talks TLS to the server behind it.
 */
import { readFileSync } from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { caPem, stackDir } from '../stack.ts';

export interface LoopbackListener {
  port: number;
  /** A property, not a method: the proxies hand it on as their own close. */
  close: () => Promise<void>;
}

/** Listens on 127.0.0.1; close() runs `endConnections`, then closes the server. */
export async function listenOnLoopback(
  server: net.Server,
  endConnections: () => void,
): Promise<LoopbackListener> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        endConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TlsProxyOptions {
  upstream: { host: string; port: number };
  /** Asked at each connection: true drops it at once, as a network that is down would. */
  refusing: () => boolean;
  /**
   * Moves the bytes once both sides are open. The upstream closing or failing already ends the
   * client; what the client's end does to the upstream is the relay's to say.
   */
  relay: (client: tls.TLSSocket, upstream: tls.TLSSocket) => void;
}

export interface TlsProxy extends LoopbackListener {
  /** Connections dropped while `refusing`. */
  readonly refused: number;
  /** Drops every open connection, as a network going down does to the sessions a client kept. */
  cutAll(): void;
}

export async function startTlsProxy(options: TlsProxyOptions): Promise<TlsProxy> {
  const sockets = new Set<tls.TLSSocket>();
  let refused = 0;
  const server = tls.createServer(
    {
      key: readFileSync(path.join(stackDir, 'ssl/server.key')),
      cert: readFileSync(path.join(stackDir, 'ssl/server-chain.pem')),
    },
    (client) => {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => undefined);
      if (options.refusing()) {
        refused += 1;
        client.destroy();
        return;
      }
      const { host, port } = options.upstream;
      const upstream = tls.connect({ host, port, ca: [caPem()] });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      options.relay(client, upstream);
    },
  );
  // A client that gives up during the handshake is not the test's concern.
  server.on('tlsClientError', () => undefined);
  const listener = await listenOnLoopback(server, () => {
    for (const socket of sockets) socket.destroy();
  });
  return {
    ...listener,
    get refused() {
      return refused;
    },
    cutAll() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
