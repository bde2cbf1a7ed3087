/**
 * Synced headers for the core's tests: a plain message, every field set, to
 * which a test adds only what it is about.
 */
import type { MessageHeaders } from '../mail/model.ts';

export function sampleHeaders(uid: number, fields: Partial<MessageHeaders> = {}): MessageHeaders {
  return {
    uid,
    modseq: undefined,
    flags: [],
    internalDate: 1_750_000_000_000 + uid * 60_000,
    sentDate: undefined,
    size: 1000,
    subject: `Message ${uid}`,
    from: undefined,
    to: [],
    cc: [],
    messageId: undefined,
    inReplyTo: undefined,
    references: [],
    listId: undefined,
    hasAttachments: false,
    ...fields,
  };
}
