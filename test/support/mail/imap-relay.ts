/**
 * A plain TCP relay on 127.0.0.1 in front of Dovecot's implicit-TLS IMAP port: it counts the
 * connections made through it (a reused session makes none) and can cut every live one at
 * once, as a dropped network or a restarted server would. TLS passes through untouched: the
 * client still verifies Dovecot's certificate, which is valid for 127.0.0.1.
 */
import net from 'node:net';
import { endpoints } from '../stack.ts';
import { listenOnLoopback } from './loopback-proxy.ts';

export interface ImapRelay {
  port: number;
  /** Connections accepted so far (TLS probes included). */
  readonly connections: number;
  /** Ends every connection open through the relay, both ways. */
  cut(): void;
  close(): Promise<void>;
}

export async function startImapRelay(): Promise<ImapRelay> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let connections = 0;
  const server = net.createServer((client) => {
    connections += 1;
    const upstream = net.connect(endpoints.imaps.port, endpoints.imaps.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) {
      socket.on('error', end);
      socket.on('close', end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const cut = () => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  const listener = await listenOnLoopback(server, cut);
  return {
    port: listener.port,
    get connections() {
      return connections;
    },
    cut,
    close: listener.close,
  };
}
