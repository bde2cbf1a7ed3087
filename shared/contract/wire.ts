/**
 * Envelopes exchanged by every transport (WebSocket, MessagePort, in-memory).
 * The transport moves these as JSON-compatible values and knows nothing else.
 */
import { z } from 'zod';
import type { cartableErrorSchema } from './errors.ts';

export const requestSchema = z.object({
  kind: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown(),
});
export type RpcRequest = z.infer<typeof requestSchema>;

export type RpcResponse =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: z.infer<typeof cartableErrorSchema> };

export type RpcEvent = { kind: 'event'; event: string; payload: unknown };

export type ServerMessage = RpcResponse | RpcEvent;
