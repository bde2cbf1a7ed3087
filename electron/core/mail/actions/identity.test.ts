/**
 * Finding a queued action's messages again after a new UIDVALIDITY: only by
 * an exact identity, never by a guess; and older payloads still parse.
 */
import { describe, expect, it } from 'vitest';
import { foundUids, identitiesOf, matchIdentities, oldUidsLeft, type Candidate } from './identity.ts';
import { expungePayload, movePayload, storeFlagPayload, type MessageIdentity } from './model.ts';

const at = Date.parse('2025-09-01T07:30:00Z');
const candidate = (uid: number, messageId: string | undefined, size = 100, internalDate = at): Candidate => ({
  uid,
  messageId,
  size,
  internalDate,
});

describe('matchIdentities', () => {
  it('maps each old UID to the new UID carrying its Message-ID, and reports the ones gone', () => {
    const identities: MessageIdentity[] = [
      { uid: 11, messageId: '<a@x>', size: 100, internalDate: at },
      { uid: 12, messageId: '<b@x>', size: 100, internalDate: at },
      { uid: 13, messageId: '<c@x>', size: 100, internalDate: at },
    ];
    // The search is a substring match: "<a@x.fr>" came back too and must not count.
    const remap = matchIdentities([11, 12, 13], identities, [
      candidate(3, '<b@x>'),
      candidate(1, '<a@x>'),
      candidate(2, '<a@x.fr>'),
    ]);
    expect(remap.found).toEqual(
      new Map([
        [11, [1]],
        [12, [3]],
      ]),
    );
    expect(remap.missing).toEqual([13]);
    expect(foundUids(remap)).toEqual([1, 3]);
  });

  it('acts on every copy of a Message-ID in the folder', () => {
    const remap = matchIdentities(
      [5],
      [{ uid: 5, messageId: '<a@x>' }],
      [candidate(9, '<a@x>'), candidate(4, '<a@x>'), candidate(7, '<z@x>')],
    );
    expect(remap.found.get(5)).toEqual([4, 9]);
  });

  it('takes a message without Message-ID by size and date only when exactly one matches', () => {
    const identities: MessageIdentity[] = [
      { uid: 1, size: 100, internalDate: at },
      { uid: 2, size: 200, internalDate: at },
      { uid: 3, size: 300, internalDate: at },
    ];
    const remap = matchIdentities([1, 2, 3], identities, [
      candidate(10, undefined, 100, at),
      // Same size and date but a Message-ID: another message.
      candidate(11, '<other@x>', 300, at),
      candidate(12, undefined, 200, at),
      candidate(13, undefined, 200, at),
    ]);
    expect(remap.found).toEqual(new Map([[1, [10]]]));
    expect(remap.ambiguous).toEqual([2]);
    expect(remap.missing).toEqual([3]);
  });

  it('never guesses for a message with no usable identity', () => {
    const remap = matchIdentities(
      [1, 2, 3],
      [
        { uid: 1, size: 0, internalDate: at },
        { uid: 2, size: 100, internalDate: 0 },
      ],
      [candidate(1, undefined, 0, at), candidate(2, undefined, 100, 0), candidate(3, undefined)],
    );
    expect(remap.found.size).toBe(0);
    expect(remap.anonymous).toEqual([1, 2, 3]);
  });

  it('counts an old UID as left only once all its copies left', () => {
    const remap = matchIdentities(
      [5, 6, 7],
      [
        { uid: 5, messageId: '<a@x>' },
        { uid: 6, messageId: '<b@x>' },
        { uid: 7, messageId: '<c@x>' },
      ],
      [candidate(1, '<a@x>'), candidate(2, '<a@x>'), candidate(3, '<b@x>')],
    );
    expect(oldUidsLeft(remap, [1, 3])).toEqual([6, 7]);
    expect(oldUidsLeft(remap, [1, 2, 3])).toEqual([5, 6, 7]);
  });
});

describe('payloads queued before identities existed', () => {
  const base = { actionId: 'x', accountId: 'a', folderId: 'f', path: 'INBOX', uidValidity: 7, uids: [3, 4] };

  it('still parse, and a move is found again by its Message-IDs', () => {
    const move = movePayload.parse({
      ...base,
      destinationId: 'd',
      destination: 'Archives',
      messageIds: [[3, '<a@x>']],
    });
    expect(identitiesOf(move)).toEqual([{ uid: 3, messageId: '<a@x>' }]);
    const remap = matchIdentities(move.uids, identitiesOf(move), [candidate(1, '<a@x>')]);
    expect(remap.found).toEqual(new Map([[3, [1]]]));
    expect(remap.anonymous).toEqual([4]);
  });

  it('still parse, and a flag or expunge without identities finds nothing', () => {
    const flag = storeFlagPayload.parse({ ...base, flag: '\\Seen', value: true });
    const expunge = expungePayload.parse(base);
    expect(identitiesOf(flag)).toEqual([]);
    expect(identitiesOf(expunge)).toEqual([]);
  });
});
