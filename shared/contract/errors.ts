/**
 * The one error shape that crosses the RPC boundary. The core only chooses a
 * stable code and machine details; the words the user reads live in the
 * renderer's catalogue, keyed by the code, in French and English.
 */
import { z } from 'zod';

export const errorCodes = [
  'INVALID_PARAMS',
  'UNKNOWN_METHOD',
  'INTERNAL',
  'AUTH_FAILED',
  'HOST_NOT_FOUND',
  'PORT_CLOSED',
  'TIMEOUT',
  'NETWORK',
  'TLS_UNTRUSTED',
  'TLS_CHANGED',
  'TLS_UNAVAILABLE',
  'PROTOCOL_ERROR',
  'DAV_NOT_FOUND',
  'DISCOVERY_FAILED',
  'ACCOUNT_NOT_FOUND',
  'FOLDER_NOT_FOUND',
  'MESSAGE_NOT_FOUND',
  'FILE_EXISTS',
  'ACCOUNT_EXISTS',
  'SECRET_STORE_UNAVAILABLE',
  'DB_NEWER_VERSION',
  'DISK_FULL',
  /** The connection dropped after the message's final dot: the server may or may not have it. */
  'SEND_UNCERTAIN',
  /** The submission server refused the message (details.response is its words). */
  'SEND_REFUSED',
  /** Only an uncertain send waits for the user's decision (resend, mark sent, discard). */
  'SEND_NOT_UNCERTAIN',
  /** The undo window closed, or the action already reached the server. */
  'UNDO_EXPIRED',
  'ATTACHMENT_UNREADABLE',
  'MESSAGE_TOO_LARGE',
  /** One staged attachment passed its size cap (details.limit, in bytes). */
  'ATTACHMENT_TOO_LARGE',
  /** Too many attachment uploads at once, or an upload unknown to the core (finished, abandoned). */
  'UPLOAD_REFUSED',
  /** The server refused to store a message: the mailbox is full (IMAP [OVERQUOTA], RFC 5530 §3). */
  'QUOTA_EXCEEDED',
  'DRAFT_NOT_FOUND',
  /** The account has no Drafts folder (no \\Drafts SPECIAL-USE, no folder named like one). */
  'DRAFTS_FOLDER_MISSING',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Details are flat strings and numbers so they serialise and interpolate. */
export const errorDetailsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ErrorDetails = z.infer<typeof errorDetailsSchema>;

export const cartableErrorSchema = z.object({
  code: errorCodeSchema,
  details: errorDetailsSchema.optional(),
});
export type CartableErrorShape = z.infer<typeof cartableErrorSchema>;

/** Thrown by the core; `toShape()` is what goes over the wire. */
export class CartableError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(details ? `${code} ${JSON.stringify(details)}` : code, options);
    this.name = 'CartableError';
    this.code = code;
    this.details = details;
  }

  toShape(): CartableErrorShape {
    return this.details ? { code: this.code, details: this.details } : { code: this.code };
  }
}

export function isCartableErrorShape(value: unknown): value is CartableErrorShape {
  return cartableErrorSchema.safeParse(value).success;
}
