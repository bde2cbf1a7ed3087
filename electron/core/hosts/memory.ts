/**
 * The in-memory host: a client wired straight to a core. Every message goes
 * through a JSON round trip, as over the real transports, so a value that
 * would not survive the wire fails here too.
 */
import type { RpcRequest, ServerMessage } from '../../../shared/contract/index.ts';
import { createRpcClient, type RpcClient } from '../../../shared/rpc-client.ts';
import type { Core } from '../core.ts';

function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function connectInMemory(core: Core): RpcClient & { disconnect(): void } {
  let receive: ((message: ServerMessage) => void) | undefined;
  const deliver = (message: ServerMessage) => queueMicrotask(() => receive?.(overTheWire(message)));
  const unsubscribe = core.subscribe(deliver);
  const client = createRpcClient({
    send(request: RpcRequest) {
      void core.dispatch(overTheWire(request)).then(deliver);
    },
    onMessage(handler) {
      receive = handler;
    },
  });
  return Object.assign(client, { disconnect: unsubscribe });
}
