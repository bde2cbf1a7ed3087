/**
 * Features get the rpc from Svelte context, never from a module global, so a
 * component test mounts them with a fake: `render(X, { context: new Map([[rpcContextKey, fake]]) })`.
 */
import { getContext, setContext } from 'svelte';
import type { Rpc } from './types.ts';

export const rpcContextKey = Symbol('cartable.rpc');

export function provideRpc(rpc: Rpc): void {
  setContext(rpcContextKey, rpc);
}

export function useRpc(): Rpc {
  const rpc = getContext<Rpc | undefined>(rpcContextKey);
  if (!rpc) throw new Error('useRpc() outside <App>: no rpc in context');
  return rpc;
}
