/**
 * Searches the selected mailbox for messages by what identifies them beyond
 * their UID: UID SEARCH HEADER Message-ID, or LARGER/SMALLER for an exact
 * size, then one FETCH of what telling them apart needs. The searches only
 * narrow down: HEADER is a substring match (RFC 3501 §6.4.4), so the caller
 * decides on the fetched values (mail/actions/identity.ts), never on a hit.
 */
import { CartableError } from '../../../shared/contract/index.ts';
import type { Candidate } from '../mail/actions/identity.ts';
import { identityKind } from '../mail/actions/identity.ts';
import type { MessageIdentity } from '../mail/actions/model.ts';
import { toUidSet } from '../mail/uid-set.ts';
import { toCartableError } from '../net/errors.ts';
import type { ImapSession } from './client.ts';
import { messageIds } from './headers.ts';

/** One SEARCH per this many criteria: an OR tree deeper than this is slow on some servers. */
const CRITERIA_PER_SEARCH = 25;

type Criterion = { header: { 'message-id': string } } | { larger?: number; smaller: number };

function criteriaFor(identities: readonly MessageIdentity[]): Criterion[] {
  const ids = new Set<string>();
  const sizes = new Set<number>();
  for (const identity of identities) {
    const kind = identityKind(identity);
    if (kind === 'messageId' && identity.messageId) ids.add(identity.messageId);
    if (kind === 'sizeAndDate' && identity.size !== undefined) sizes.add(identity.size);
  }
  // LARGER n-1 SMALLER n+1 is exactly n octets (RFC 3501 §6.4.4); imapflow drops a LARGER 0.
  return [
    ...[...ids].map((id) => ({ header: { 'message-id': id } })),
    ...[...sizes].map((size) => (size > 1 ? { larger: size - 1, smaller: size + 1 } : { smaller: 2 })),
  ];
}

/** The messages of the selected mailbox that may be one of `identities`, for an exact comparison. */
export async function findCandidates(
  session: ImapSession,
  identities: readonly MessageIdentity[],
): Promise<Candidate[]> {
  try {
    const criteria = criteriaFor(identities);
    const uids = new Set<number>();
    for (let start = 0; start < criteria.length; start += CRITERIA_PER_SEARCH) {
      const found = await session.client.search(
        { or: criteria.slice(start, start + CRITERIA_PER_SEARCH) },
        { uid: true },
      );
      // A refused search is not "nothing matched": reading it so would skip the user's action.
      if (found === false || found === undefined)
        throw new CartableError('PROTOCOL_ERROR', { ...session.context, command: 'UID SEARCH' });
      for (const uid of found) uids.add(uid);
    }
    if (uids.size === 0) return [];
    // Collected first, then matched: no command is issued from inside the FETCH.
    const fetched = await session.client.fetchAll(
      toUidSet([...uids].sort((a, b) => a - b)),
      { uid: true, envelope: true, size: true, internalDate: true },
      { uid: true },
    );
    return fetched.map((message) => {
      const date = message.internalDate === undefined ? Number.NaN : new Date(message.internalDate).getTime();
      return {
        uid: message.uid,
        // Normalised like the stored message_id (imap/headers.ts), so equal means the same id.
        messageId: messageIds(message.envelope?.messageId, 1)[0],
        size: message.size ?? 0,
        internalDate: Number.isFinite(date) ? date : 0,
      };
    });
  } catch (error) {
    if (error instanceof CartableError) throw error;
    throw toCartableError(error, session.context);
  }
}
