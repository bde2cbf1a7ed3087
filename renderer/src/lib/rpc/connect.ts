/** Picks the transport: Electron's preload bridge when present, else the browser host's WebSocket. */
import { ConnectionState } from './connection.svelte.ts';
import { createBridgeRpc, findBridge } from './electron.ts';
import type { Rpc } from './types.ts';
import { createWebSocketRpc, rpcUrl } from './websocket.ts';

export interface Connected {
  rpc: Rpc;
  connection: ConnectionState;
}

export function connectToCore(target: Window): Connected {
  const bridge = findBridge(target);
  if (bridge) return { rpc: createBridgeRpc(bridge), connection: new ConnectionState('open') };
  const connection = new ConnectionState('connecting');
  const rpc = createWebSocketRpc({ url: rpcUrl(target.location), connection });
  return { rpc, connection };
}
