/**
 * A fake core for component tests: per-method handlers, a record of calls,
 * and `emit` to push events. Never imported by application code.
 */
import {
  CartableError,
  type EventName,
  type EventPayload,
  type MethodName,
  type Params,
  type Result,
} from '$shared/contract/index.ts';
import { rpcContextKey } from './context.ts';
import type { Rpc } from './types.ts';

export type Handlers = {
  [M in MethodName]?: (params: Params<M>) => Result<M> | Promise<Result<M>>;
};

export interface Call {
  method: MethodName;
  params: unknown;
}

export class FakeRpc implements Rpc {
  readonly calls: Call[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly handlers: Handlers;

  constructor(handlers: Handlers = {}) {
    this.handlers = handlers;
  }

  invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    this.calls.push({ method, params: structuredClone(params) });
    const handler = this.handlers[method] as
      ((params: Params<M>) => Result<M> | Promise<Result<M>>) | undefined;
    if (!handler) return Promise.reject(new CartableError('UNKNOWN_METHOD', { method }));
    return Promise.resolve().then(() => handler(params));
  }

  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    this.listeners.set(event, set);
    return () => {
      set.delete(untyped);
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsOf<M extends MethodName>(method: M): Params<M>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params as Params<M>);
  }

  /** The `context` option for testing-library's `render`. */
  context(): Map<symbol, Rpc> {
    return new Map([[rpcContextKey, this]]);
  }
}
