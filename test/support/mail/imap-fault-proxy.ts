/**
 * An IMAP proxy on 127.0.0.1 in front of Dovecot's implicit-TLS port, for the failures a real
 * network and a full mailbox make: it can refuse every connection (offline), answer every
 * APPEND the way Dovecot 2.3 answers one into a full mailbox, or pass an APPEND through and cut
 * the client right before the server's tagged OK reaches it — the one moment when the message
 * is stored but the client cannot know.
 *
 * It terminates TLS (loopback-proxy.ts) so it can read the dialogue. Only the client's side is
 * parsed, and only as far as commands and their literals go (RFC 3501 §4.3, LITERAL+ RFC 7888).
 */
import type tls from 'node:tls';
import { endpoints } from '../stack.ts';
import { startTlsProxy } from './loopback-proxy.ts';

export type ImapFaultMode = 'forward' | 'refuse' | 'overquota' | 'cutAfterAppend';

/** Dovecot 2.3's words for an APPEND into a mailbox over its quota (quota plugin, RFC 5530 code). */
export const OVERQUOTA_ANSWER = 'NO [OVERQUOTA] Quota exceeded (mailbox for user is full)';

export interface ImapFaultProxy {
  port: number;
  mode: ImapFaultMode;
  /** Connections refused while 'refuse'. */
  readonly refused: number;
  /** APPENDs answered with OVERQUOTA while 'overquota'. */
  readonly overquota: number;
  /** Connections cut after the server stored an APPEND while 'cutAfterAppend'. */
  readonly cuts: number;
  close(): Promise<void>;
}

const LITERAL_AT_END = /\{(\d+)(\+?)\}\r\n$/;

interface Counters {
  mode: ImapFaultMode;
  overquota: number;
  cuts: number;
}

export async function startImapFaultProxy(mode: ImapFaultMode = 'forward'): Promise<ImapFaultProxy> {
  const state: Counters = { mode, overquota: 0, cuts: 0 };
  const proxy = await startTlsProxy({
    upstream: endpoints.imaps,
    refusing: () => state.mode === 'refuse',
    relay: (client, upstream) => {
      client.on('close', () => upstream.destroy());
      relay(client, upstream, state);
    },
  });
  return {
    port: proxy.port,
    get mode() {
      return state.mode;
    },
    set mode(next: ImapFaultMode) {
      state.mode = next;
      // Offline ends the sessions already open too (the core keeps one, imap/session-pool.ts).
      if (next === 'refuse') proxy.cutAll();
    },
    get refused() {
      return proxy.refused;
    },
    get overquota() {
      return state.overquota;
    },
    get cuts() {
      return state.cuts;
    },
    close: proxy.close,
  };
}

function relay(client: tls.TLSSocket, upstream: tls.TLSSocket, state: Counters): void {
  let line = Buffer.alloc(0);
  let literalLeft = 0;
  /** The command being read: its tag, and whether it is an APPEND this proxy answers itself. */
  let command: { tag: string; refused: boolean } | undefined;
  /** The tag of an APPEND whose OK must not reach the client. */
  let cutTag: string | undefined;
  let serverTail = '';

  upstream.on('data', (chunk: Buffer) => {
    if (cutTag !== undefined) {
      const seen = serverTail + chunk.toString('latin1');
      if (new RegExp(`(^|\\r\\n)${cutTag} OK`).test(seen)) {
        state.cuts += 1;
        // Dovecot has stored the message; the client never hears it.
        client.destroy();
        upstream.destroy();
        return;
      }
      serverTail = seen.slice(-64);
    }
    client.write(chunk);
  });

  client.on('data', (chunk: Buffer) => {
    let data = chunk;
    while (data.length > 0) {
      if (literalLeft > 0) {
        const taken = data.subarray(0, literalLeft);
        if (!command?.refused) upstream.write(taken);
        literalLeft -= taken.length;
        data = data.subarray(taken.length);
        continue;
      }
      const end = data.indexOf('\r\n');
      if (end < 0) {
        line = Buffer.concat([line, data]);
        return;
      }
      const whole = Buffer.concat([line, data.subarray(0, end + 2)]);
      data = data.subarray(end + 2);
      line = Buffer.alloc(0);
      const text = whole.toString('latin1');
      if (command === undefined) {
        const [tag = '', name = ''] = text.split(' ');
        const append = name.toUpperCase() === 'APPEND';
        command = { tag, refused: append && state.mode === 'overquota' };
        if (command.refused) {
          state.overquota += 1;
          client.write(`${tag} ${OVERQUOTA_ANSWER}\r\n`);
        }
        if (append && state.mode === 'cutAfterAppend') {
          cutTag = tag;
          serverTail = '';
        }
      }
      const literal = LITERAL_AT_END.exec(text);
      if (!command.refused) upstream.write(whole);
      if (!literal) {
        command = undefined;
      } else if (command.refused && literal[2] !== '+') {
        // A synchronizing literal waits for "+", which never comes: the command ends here.
        command = undefined;
      } else {
        // LITERAL+ bytes come without waiting: swallowed with the refused command, or forwarded.
        literalLeft = Number(literal[1]);
      }
    }
  });
}
