export { connectToCore, type Connected } from './connect.ts';
export { ConnectionState, type ConnectionStatus } from './connection.svelte.ts';
export { provideRpc, rpcContextKey, useRpc } from './context.ts';
export { toCartableError, toErrorShape, type Rpc } from './types.ts';
