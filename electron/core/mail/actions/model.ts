/**
 * What a mail action is, in the database and in the task queue. A task's
 * payload carries everything its replay needs (folder path, UIDVALIDITY,
 * UIDs, and each message's identity), so it still runs when the rows
 * changed meanwhile, and even when the folder's UIDs did (RFC 3501 §2.3.1.1).
 */
import { z } from 'zod';

/** How long an action waits before reaching the server: the "Annuler" toast's life. */
export const UNDO_MS = 5_000;

export const actionTaskKinds = {
  storeFlag: 'mail.storeFlag',
  move: 'mail.move',
  expunge: 'mail.expunge',
} as const;

/**
 * What names a message once its UID no longer does (a new UIDVALIDITY): its
 * Message-ID, or for a message without one its exact size and INTERNALDATE.
 * Size and date are optional only because payloads written before this field
 * existed are rebuilt from their Message-IDs alone.
 */
export const messageIdentity = z.object({
  uid: z.number().int().positive(),
  messageId: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  /** INTERNALDATE in ms; 0 means the server gave none. */
  internalDate: z.number().int().optional(),
});
export type MessageIdentity = z.output<typeof messageIdentity>;

const target = {
  actionId: z.string(),
  accountId: z.string(),
  folderId: z.string(),
  path: z.string(),
  uidValidity: z.number().int(),
  uids: z.array(z.number().int().positive()),
  /** One per UID. Absent from payloads queued by older versions: those are dropped on a new UIDVALIDITY. */
  identities: z.array(messageIdentity).optional(),
};

export const storeFlagPayload = z.object({
  ...target,
  flag: z.enum(['\\Seen', '\\Flagged']),
  value: z.boolean(),
});
export type StoreFlagPayload = z.output<typeof storeFlagPayload>;

export const movePayload = z.object({
  ...target,
  destinationId: z.string(),
  destination: z.string(),
  /** uid → Message-ID, so a re-run after a crash finds copies it already made. */
  messageIds: z.array(z.tuple([z.number().int(), z.string()])),
});
export type MovePayload = z.output<typeof movePayload>;

/** Permanent removal: delete inside Trash, or empty Trash. */
export const expungePayload = z.object(target);
export type ExpungePayload = z.output<typeof expungePayload>;

export type ActionKind = 'markRead' | 'flag' | 'move' | 'delete' | 'junk' | 'emptyTrash';
