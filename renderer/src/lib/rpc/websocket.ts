/**
 * The browser-host transport: one WebSocket to `/rpc` (the server's cookie
 * authenticates it), wrapped as an RpcTransport for the shared client.
 * When the socket drops, every waiting call fails with NETWORK and we
 * reconnect with a capped exponential backoff. Requests made while the socket
 * is not open wait for it; those still waiting when it closes are dropped
 * (their promises were just rejected).
 */
import { CartableError, type RpcRequest, type ServerMessage } from '$shared/contract/index.ts';
import { createRpcClient, type RpcTransport } from '$shared/rpc-client.ts';
import type { ConnectionState } from './connection.svelte.ts';
import type { Rpc } from './types.ts';

/** The part of the DOM WebSocket we use, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export interface WebSocketRpcOptions {
  url: string;
  connection: ConnectionState;
  createSocket?: (url: string) => SocketLike;
  /** First retry delay; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface WebSocketRpc extends Rpc {
  /** Closes for good (tests, page unload): no reconnection. */
  close(): void;
}

const OPEN = 1;

export function rpcUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`;
}

/** Only well-formed envelopes reach the client; anything else from the socket is dropped. */
export function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  if (message['kind'] === 'event' && typeof message['event'] === 'string') return value as ServerMessage;
  if (
    message['kind'] === 'response' &&
    typeof message['id'] === 'number' &&
    typeof message['ok'] === 'boolean'
  )
    return value as ServerMessage;
  return undefined;
}

export function createWebSocketRpc(options: WebSocketRpcOptions): WebSocketRpc {
  const { url, connection } = options;
  const createSocket = options.createSocket ?? ((target: string) => new WebSocket(target));
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 15_000;

  let socket: SocketLike | undefined;
  let waiting: string[] = [];
  let receive: (message: ServerMessage) => void = () => {};
  let failures = 0;
  let drops = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const transport: RpcTransport = {
    send(message: RpcRequest) {
      const text = JSON.stringify(message);
      if (socket?.readyState === OPEN) socket.send(text);
      else waiting.push(text);
    },
    onMessage(receiver) {
      receive = receiver;
    },
  };
  const client = createRpcClient(transport);

  function scheduleReconnect(): void {
    if (stopped) return;
    const delay = Math.min(maxDelay, initialDelay * 2 ** failures);
    failures += 1;
    retryTimer = setTimeout(connect, delay);
  }

  function dropped(current: SocketLike): void {
    if (socket !== current) return;
    socket = undefined;
    waiting = [];
    drops += 1;
    client.failPending(new CartableError('NETWORK'));
    if (stopped) return;
    connection.status = 'closed';
    scheduleReconnect();
  }

  function connect(): void {
    retryTimer = undefined;
    let current: SocketLike;
    try {
      current = createSocket(url);
    } catch {
      connection.status = 'closed';
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      failures = 0;
      connection.status = 'open';
      for (const text of waiting) current.send(text);
      waiting = [];
      // Events were missed while we were away: tell every view to re-query what it shows.
      if (drops > 0) receive({ kind: 'event', event: 'accounts.changed', payload: {} });
    };
    current.onmessage = (event) => {
      const message = parseServerMessage(event.data);
      if (message) receive(message);
    };
    current.onclose = () => dropped(current);
    // An error is always followed by a close, which does the work.
    current.onerror = () => {};
  }

  connect();

  return {
    invoke: (method, params) => client.invoke(method, params),
    subscribe: (event, listener) => client.subscribe(event, listener),
    close() {
      stopped = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const current = socket;
      socket = undefined;
      current?.close();
      client.failPending(new CartableError('NETWORK'));
    },
  };
}
