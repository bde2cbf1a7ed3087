/**
 * Turns an untrusted request envelope into a handler call. Every parameter
 * is parsed with the contract's schema before any handler sees it, and every
 * failure leaves as the one serialisable error shape.
 */
import { ZodError } from 'zod';
import {
  CartableError,
  isMethodName,
  methods,
  requestSchema,
  type MethodName,
  type ParsedParams,
  type Result,
  type RpcResponse,
} from '../../../shared/contract/index.ts';
import type { Logger } from '../ports.ts';

export type Handlers = { [M in MethodName]: (params: ParsedParams<M>) => Promise<Result<M>> | Result<M> };

function failure(id: number, error: CartableError): RpcResponse {
  return { kind: 'response', id, ok: false, error: error.toShape() };
}

function asCartableError(error: unknown, logger: Logger, method: string): CartableError {
  if (error instanceof CartableError) return error;
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return new CartableError('INVALID_PARAMS', { path: issue?.path.join('.') ?? '', method });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new CartableError('DISK_FULL');
  logger.error('handler failed', { method, error: error instanceof Error ? error.message : String(error) });
  return new CartableError('INTERNAL', { method });
}

export function createDispatcher(handlers: Handlers, logger: Logger) {
  async function call<M extends MethodName>(method: M, rawParams: unknown): Promise<Result<M>> {
    const params = methods[method].params.parse(rawParams) as ParsedParams<M>;
    const handler = handlers[method] as (params: ParsedParams<M>) => Promise<Result<M>> | Result<M>;
    return handler(params);
  }

  return async function dispatch(raw: unknown): Promise<RpcResponse> {
    const envelope = requestSchema.safeParse(raw);
    if (!envelope.success) return failure(-1, new CartableError('INVALID_PARAMS', { path: 'envelope' }));
    const { id, method, params } = envelope.data;
    if (!isMethodName(method)) return failure(id, new CartableError('UNKNOWN_METHOD', { method }));
    try {
      return { kind: 'response', id, ok: true, result: await call(method, params) };
    } catch (error) {
      return failure(id, asCartableError(error, logger, method));
    }
  };
}
