/**
 * A dumb pipe between the sandboxed renderer and the core: the MessagePort
 * that main hands over, behind `invoke` and `subscribe` for the contract's
 * names only. No logic lives here.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isEventName, isMethodName } from '../../shared/contract/index.ts';
import type { RpcRequest, ServerMessage } from '../../shared/contract/index.ts';
import { createRpcClient } from '../../shared/rpc-client.ts';

/** Same name as in main's badge.ts (the preload bundle may not import the shell). */
const BADGE_CHANNEL = 'cartable:badge';

let port: MessagePort | undefined;
const queued: RpcRequest[] = [];
let receive: ((message: ServerMessage) => void) | undefined;

ipcRenderer.on('cartable:port', (event) => {
  port = event.ports[0];
  if (!port) return;
  port.onmessage = (message: MessageEvent<ServerMessage>) => receive?.(message.data);
  for (const request of queued.splice(0)) port.postMessage(request);
});

const client = createRpcClient({
  send(request) {
    if (port) port.postMessage(request);
    else queued.push(request);
  },
  onMessage(handler) {
    receive = handler;
  },
});

contextBridge.exposeInMainWorld('cartable', {
  invoke(method: string, params: unknown): Promise<unknown> {
    if (!isMethodName(method)) return Promise.reject(new Error(`méthode inconnue : ${method}`));
    // The renderer is untrusted; the core validates params again on its side.
    return client.invoke(method, params as never).catch((error: unknown) => {
      const shape = error as { code?: unknown; details?: unknown };
      // contextBridge copies only the message of an Error: the plain shape is what survives the bridge.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { code: shape.code ?? 'INTERNAL', details: shape.details };
    });
  },
  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`événement inconnu : ${event}`);
    return client.subscribe(event, listener);
  },
  /**
   * A picked or dropped file's path on disk, so the core reads it there instead of the page
   * uploading it; "" for a file that has none (made in memory).
   */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
  /** The dock/taskbar badge: main checks the number and the sender; nothing else goes this way. */
  setBadgeCount(count: number): void {
    ipcRenderer.send(BADGE_CHANNEL, count);
  },
});
