/**
 * What features see of the core: the typed `invoke` and `subscribe` of the
 * contract, whatever carries them (Electron bridge, WebSocket, a test fake).
 */
import {
  CartableError,
  isCartableErrorShape,
  type CartableErrorShape,
  type EventName,
  type EventPayload,
  type MethodName,
  type Params,
  type Result,
} from '$shared/contract/index.ts';

export interface Rpc {
  invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Any rejection as a CartableError: bridged `{code, details}` objects, or INTERNAL for the unknown. */
export function toCartableError(error: unknown): CartableError {
  if (error instanceof CartableError) return error;
  if (isCartableErrorShape(error)) return new CartableError(error.code, error.details);
  return new CartableError('INTERNAL', undefined, { cause: error });
}

export function toErrorShape(error: unknown): CartableErrorShape {
  return toCartableError(error).toShape();
}
