/** What a draft task is in the queue: which draft, in which account's Drafts folder. */
import { z } from 'zod';

export const draftTaskKinds = {
  /** Puts the draft's latest version in the Drafts folder, then removes the older copies there. */
  upload: 'mail.uploadDraft',
  /** Removes every copy of a draft that was deleted, sent, or moved to another account. */
  removeCopies: 'mail.removeDraftCopies',
} as const;

export type DraftTaskKind = (typeof draftTaskKinds)[keyof typeof draftTaskKinds];

export const draftTaskPayload = z.object({ accountId: z.string(), draftId: z.string() });
export type DraftTaskPayload = z.output<typeof draftTaskPayload>;

/** Always built the same way: the queue coalesces tasks whose payload text is equal. */
export function draftTask(accountId: string, draftId: string): DraftTaskPayload {
  return { accountId, draftId };
}
