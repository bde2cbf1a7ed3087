/**
 * Finds a queued action's messages again after their folder's UIDVALIDITY
 * changed (RFC 3501 §2.3.1.1: the old UIDs may name other messages now).
 * Pure: the IMAP side (imap/find-messages.ts) brings candidates, this decides.
 * Invariant: a new UID is only ever returned because a candidate carrying it
 * matched one of the action's identities exactly; nothing is guessed.
 */
import type { MessageIdentity, MovePayload, StoreFlagPayload, ExpungePayload } from './model.ts';

/** What the server says about a message that a search by identity returned. */
export interface Candidate {
  uid: number;
  /** Normalised like the stored `messages.message_id` (first "<…>" of the field). */
  messageId: string | undefined;
  size: number;
  internalDate: number;
}

export interface Remap {
  /** Old UID → the new UIDs of the same message in the folder (every copy of it), ascending. */
  found: Map<number, number[]>;
  /** Identified, but the folder no longer holds it. */
  missing: number[];
  /** No Message-ID, and several messages share its size and date: which one was meant is a guess. */
  ambiguous: number[];
  /** Nothing identifies it (no Message-ID, no size and date; or a payload from before identities). */
  anonymous: number[];
}

/** How a message can be found again, or undefined when it cannot be without guessing. */
export function identityKind(identity: MessageIdentity): 'messageId' | 'sizeAndDate' | undefined {
  if (identity.messageId) return 'messageId';
  // A size of 0 or a missing INTERNALDATE (stored as 0) matches too much to name one message.
  if ((identity.size ?? 0) > 0 && (identity.internalDate ?? 0) > 0) return 'sizeAndDate';
  return undefined;
}

/** The identity a message row gives its action's payload. */
export function identityOfRow(row: {
  uid: number;
  message_id: string | null;
  size: number;
  internal_date: number;
}): MessageIdentity {
  return {
    uid: row.uid,
    ...(row.message_id ? { messageId: row.message_id } : {}),
    size: row.size,
    internalDate: row.internal_date,
  };
}

/**
 * The identities a payload carries. A move queued before identities existed still has its
 * Message-IDs (they served the COPY fallback), so it can be found again; an older flag or
 * expunge payload has none, and all its UIDs come back as anonymous.
 */
export function identitiesOf(payload: StoreFlagPayload | MovePayload | ExpungePayload): MessageIdentity[] {
  if (payload.identities) return payload.identities;
  if ('messageIds' in payload) return payload.messageIds.map(([uid, messageId]) => ({ uid, messageId }));
  return [];
}

export function matchIdentities(
  uids: readonly number[],
  identities: readonly MessageIdentity[],
  candidates: readonly Candidate[],
): Remap {
  const byUid = new Map(identities.map((identity) => [identity.uid, identity]));
  const byMessageId = new Map<string, number[]>();
  for (const candidate of candidates)
    if (candidate.messageId)
      byMessageId.set(candidate.messageId, [...(byMessageId.get(candidate.messageId) ?? []), candidate.uid]);
  const remap: Remap = { found: new Map(), missing: [], ambiguous: [], anonymous: [] };
  for (const uid of uids) {
    const identity = byUid.get(uid);
    const kind = identity ? identityKind(identity) : undefined;
    if (!identity || !kind) {
      remap.anonymous.push(uid);
      continue;
    }
    let matches: number[];
    if (kind === 'messageId') {
      // Copies sharing a Message-ID are one message (RFC 5322 §3.6.4): the user who moved or
      // deleted it wants it gone from this folder, and a copy left behind would be the very
      // message reappearing. So every copy is acted on; a flag, too, reads the same on all.
      matches = byMessageId.get(identity.messageId ?? '') ?? [];
    } else {
      // Without a Message-ID only an exact, unique size and date match is taken: two such
      // messages may be two different mails (notices sent in the same second).
      matches = candidates
        .filter(
          (c) =>
            c.messageId === undefined && c.size === identity.size && c.internalDate === identity.internalDate,
        )
        .map((c) => c.uid);
      if (matches.length > 1) {
        remap.ambiguous.push(uid);
        continue;
      }
    }
    if (matches.length === 0) remap.missing.push(uid);
    else
      remap.found.set(
        uid,
        [...new Set(matches)].sort((a, b) => a - b),
      );
  }
  return remap;
}

/** Every new UID found, ascending, each once. */
export function foundUids(remap: Remap): number[] {
  return [...new Set([...remap.found.values()].flat())].sort((a, b) => a - b);
}

/**
 * The old UIDs whose messages left the folder, given the new UIDs the server action
 * reports gone: those all of whose copies left, and those already missing before it ran.
 */
export function oldUidsLeft(remap: Remap, leftNew: readonly number[]): number[] {
  const left = new Set(leftNew);
  const gone = [...remap.found].filter(([, uids]) => uids.every((uid) => left.has(uid))).map(([old]) => old);
  return [...remap.missing, ...gone].sort((a, b) => a - b);
}
