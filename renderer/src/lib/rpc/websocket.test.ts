import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CartableError } from '$shared/contract/index.ts';
import { ConnectionState } from './connection.svelte.ts';
import {
  createWebSocketRpc,
  parseServerMessage,
  rpcUrl,
  type SocketLike,
  type WebSocketRpc,
} from './websocket.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close'));
  }
  receive(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  requests(): { id: number; method: string; params: unknown }[] {
    return this.sent.map((text) => JSON.parse(text) as { id: number; method: string; params: unknown });
  }
}

let sockets: FakeSocket[];
let connection: ConnectionState;
let rpc: WebSocketRpc;
const last = () => sockets.at(-1)!;

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  connection = new ConnectionState();
  rpc = createWebSocketRpc({
    url: 'ws://127.0.0.1:4000/rpc',
    connection,
    initialDelayMs: 100,
    maxDelayMs: 400,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
});

afterEach(() => {
  rpc.close();
  vi.useRealTimers();
});

describe('WebSocket transport', () => {
  test('builds the /rpc URL from the page location', () => {
    expect(rpcUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/rpc');
    expect(rpcUrl({ protocol: 'https:', host: 'cartable.local' })).toBe('wss://cartable.local/rpc');
  });

  test('queues requests until open, then resolves responses and delivers events', async () => {
    const listed = rpc.invoke('presets.list', {});
    expect(last().sent).toHaveLength(0);
    last().open();
    expect(connection.status).toBe('open');
    const [request] = last().requests();
    expect(request).toMatchObject({ kind: 'request', method: 'presets.list', params: {} });
    last().receive({ kind: 'response', id: request!.id, ok: true, result: [] });
    await expect(listed).resolves.toEqual([]);

    const seen: string[] = [];
    rpc.subscribe('mail.foldersChanged', ({ accountId }) => seen.push(accountId));
    last().receive({ kind: 'event', event: 'mail.foldersChanged', payload: { accountId: 'a1' } });
    expect(seen).toEqual(['a1']);
  });

  test('an error response rejects with a CartableError carrying code and details', async () => {
    last().open();
    const removed = rpc.invoke('accounts.remove', { id: 'x' });
    const [request] = last().requests();
    last().receive({
      kind: 'response',
      id: request!.id,
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND', details: { id: 'x' } },
    });
    await expect(removed).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND', details: { id: 'x' } });
  });

  test('ignores malformed messages', () => {
    expect(parseServerMessage('not json')).toBeUndefined();
    expect(parseServerMessage(JSON.stringify({ kind: 'response', id: '1' }))).toBeUndefined();
    expect(parseServerMessage(42)).toBeUndefined();
  });

  test('a dropped socket fails pending calls with NETWORK, shows closed, reconnects with backoff and re-syncs', async () => {
    last().open();
    const pending = rpc.invoke('accounts.list', {});
    last().drop();
    await expect(pending).rejects.toBeInstanceOf(CartableError);
    await expect(pending).rejects.toMatchObject({ code: 'NETWORK' });
    expect(connection.status).toBe('closed');

    const changed = vi.fn();
    rpc.subscribe('accounts.changed', changed);
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(connection.status).toBe('open');
    // Views re-query what they show: events may have been missed while away.
    expect(changed).toHaveBeenCalledTimes(1);
  });

  test('the backoff is capped', () => {
    for (let i = 0; i < 6; i++) {
      last().drop();
      vi.advanceTimersByTime(400);
    }
    expect(sockets).toHaveLength(7);
  });
});
