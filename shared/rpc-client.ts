/**
 * The typed RPC client every caller of the core uses (renderer, tests, demo).
 * It sits on a transport that only moves envelopes, so the WebSocket, the
 * Electron MessagePort and the in-memory pair exercise the same code.
 */
import {
  CartableError,
  isCartableErrorShape,
  type EventName,
  type EventPayload,
  type MethodName,
  type Params,
  type Result,
  type RpcRequest,
  type ServerMessage,
} from './contract/index.ts';

export interface RpcTransport {
  send(message: RpcRequest): void;
  /** Registers the single receiver of everything the core sends back. */
  onMessage(receive: (message: ServerMessage) => void): void;
}

export interface RpcClient {
  invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Rejects every call still waiting, e.g. when the connection dropped. */
  failPending(error: CartableError): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export function createRpcClient(transport: RpcTransport): RpcClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  transport.onMessage((message) => {
    if (message.kind === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.ok) {
      waiting.resolve(message.result);
    } else {
      const shape = isCartableErrorShape(message.error) ? message.error : { code: 'INTERNAL' as const };
      waiting.reject(new CartableError(shape.code, shape.details));
    }
  });

  return {
    invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
      const id = nextId++;
      return new Promise<Result<M>>((resolve, reject) => {
        pending.set(id, { resolve: (value) => resolve(value as Result<M>), reject });
        transport.send({ kind: 'request', id, method, params });
      });
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      listeners.set(event, set);
      return () => set.delete(untyped);
    },
    failPending(error: CartableError) {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    },
  };
}
