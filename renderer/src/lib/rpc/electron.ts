/**
 * The Electron transport: the preload's `window.cartable` bridge already
 * speaks `invoke`/`subscribe`; we only type it and turn its rejections
 * (plain `{code, details}` objects after the context bridge) into CartableError.
 */
import type { EventName, EventPayload, MethodName, Params, Result } from '$shared/contract/index.ts';
import { toCartableError, type Rpc } from './types.ts';

export interface CartableBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    cartable?: CartableBridge;
  }
}

export function findBridge(target: Window): CartableBridge | undefined {
  const bridge = target.cartable;
  if (bridge && typeof bridge.invoke === 'function' && typeof bridge.subscribe === 'function') return bridge;
  return undefined;
}

export function createBridgeRpc(bridge: CartableBridge): Rpc {
  return {
    async invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
      try {
        // The core validated its own result against the contract before sending it.
        return (await bridge.invoke(method, params)) as Result<M>;
      } catch (error) {
        throw toCartableError(error);
      }
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return bridge.subscribe(event, (payload) => listener(payload as EventPayload<E>));
    },
  };
}
