/**
 * What a mail action is, in the database and in the task queue. A task's
 * payload carries everything its replay needs (folder path, UIDVALIDITY,
 * UIDs, Message-IDs), so it still runs when the rows changed meanwhile.
 */
import { z } from 'zod';

/** How long an action waits before reaching the server: the "Annuler" toast's life. */
export const UNDO_MS = 5_000;

export const actionTaskKinds = {
  storeFlag: 'mail.storeFlag',
  move: 'mail.move',
  expunge: 'mail.expunge',
} as const;

const target = {
  actionId: z.string(),
  accountId: z.string(),
  folderId: z.string(),
  path: z.string(),
  uidValidity: z.number().int(),
  uids: z.array(z.number().int().positive()),
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
