/**
 * A submission proxy on 127.0.0.1 in front of Postfix's implicit-TLS port, for the failures a
 * real network makes: it can refuse every connection (offline), or pass a message through and
 * cut the client right after the final `\r\n.\r\n` of DATA, before Postfix's 250 comes back —
 * the one moment when the client cannot know whether the message was accepted.
 *
 * It terminates TLS (loopback-proxy.ts) so it can read the SMTP dialogue.
 */
import { endpoints } from '../stack.ts';
import { startTlsProxy } from './loopback-proxy.ts';

export type ProxyMode = 'forward' | 'refuse' | 'cutAfterDot';

export interface CuttingProxy {
  port: number;
  mode: ProxyMode;
  /** How many connections were cut after the final dot. */
  readonly cuts: number;
  /** How many connections were refused. */
  readonly refused: number;
  close(): Promise<void>;
}

const END_OF_DATA = Buffer.from('\r\n.\r\n');

export async function startCuttingProxy(mode: ProxyMode = 'forward'): Promise<CuttingProxy> {
  const state = { mode, cuts: 0 };
  const proxy = await startTlsProxy({
    upstream: endpoints.submissions,
    refusing: () => state.mode === 'refuse',
    relay: (client, upstream) => {
      const cutting = state.mode === 'cutAfterDot';
      let inData = false;
      let cut = false;
      // The last bytes of the previous chunk, so a dot split across two chunks is still seen.
      let tail = Buffer.alloc(0);
      upstream.on('data', (chunk: Buffer) => {
        if (!cut) client.write(chunk);
      });
      client.on('data', (chunk: Buffer) => {
        upstream.write(chunk);
        if (!cutting || cut) return;
        const seen = Buffer.concat([tail, chunk]);
        if (!inData) {
          // After DATA the client waits for 354 before the body: a line "DATA\r\n" starts it.
          if (/(^|\r\n)DATA\r\n/i.test(seen.toString('latin1'))) {
            inData = true;
            tail = Buffer.alloc(0);
            return;
          }
        } else if (seen.includes(END_OF_DATA)) {
          cut = true;
          state.cuts += 1;
          // Postfix has the whole message; the client never hears its answer.
          client.destroy();
          return;
        }
        tail = seen.subarray(Math.max(0, seen.length - 16));
      });
      client.on('close', () => {
        // Let Postfix finish (it answers 250 to a dot it received), then leave.
        if (cut) setTimeout(() => upstream.end(), 2_000).unref();
        else upstream.end();
      });
    },
  });
  return {
    port: proxy.port,
    get mode() {
      return state.mode;
    },
    set mode(next: ProxyMode) {
      state.mode = next;
    },
    get cuts() {
      return state.cuts;
    },
    get refused() {
      return proxy.refused;
    },
    close: proxy.close,
  };
}
