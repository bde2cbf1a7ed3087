/**
 * Replays mail actions to the server, one source folder per task. Invariant:
 * a message is never expunged unless it exists at its destination (MOVE is
 * atomic; the COPY fallback verifies by COPYUID or by Message-ID first), and
 * a re-run after a crash between COPY and EXPUNGE does not copy twice. When
 * the folder's UIDVALIDITY changed since the action was queued, its messages
 * are found again by identity (./identity.ts) and only those are acted on.
 */
import { CartableError } from '../../../../shared/contract/index.ts';
import type { Database } from '../../db/database.ts';
import {
  copyUids,
  existingUids,
  expungeUids,
  hasCapability,
  moveUids,
  presentMessageIds,
  selectReadWrite,
  storeFlag,
} from '../../imap/actions.ts';
import type { ImapSession } from '../../imap/client.ts';
import { findCandidates } from '../../imap/find-messages.ts';
import { selectReadOnly } from '../../imap/mailbox.ts';
import type { Logger } from '../../ports.ts';
import type { TaskQueue } from '../../tasks/queue.ts';
import { foundUids, identitiesOf, matchIdentities, oldUidsLeft, type Remap } from './identity.ts';
import { release, removeLeft, revertFlags, setActionState } from './local.ts';
import {
  actionTaskKinds,
  expungePayload,
  movePayload,
  storeFlagPayload,
  type ExpungePayload,
  type MovePayload,
  type StoreFlagPayload,
} from './model.ts';

export interface ReplayDeps {
  db: Database;
  logger: Logger;
  /** Runs `work` on a session of the account (the core lends its kept one, imap/session-pool.ts). */
  withSession<R>(accountId: string, work: (session: ImapSession) => Promise<R>): Promise<R>;
  onChanged(accountId: string, folderId: string): void;
  /** Asks for a sync of these folders (the moved messages arrive at their destination with it). */
  requestSync(accountId: string, paths: string[]): void;
  /** false forces COPY + verify + UID EXPUNGE even where the server has MOVE (tests). */
  useMove?: boolean;
  /** Test hook: runs between COPY and EXPUNGE; throwing there simulates a crash. */
  afterCopy?: (uids: readonly number[]) => void;
}

/** The queue retries these (see tasks/queue.ts); any other failure is final and gives the rows back. */
const transient = new Set(['NETWORK', 'TIMEOUT', 'HOST_NOT_FOUND', 'PORT_CLOSED']);

type Target = StoreFlagPayload | MovePayload | ExpungePayload;

export function registerActionTasks(tasks: TaskQueue, deps: ReplayDeps): void {
  tasks.register(actionTaskKinds.storeFlag, storeFlagPayload, (payload) =>
    replay(deps, payload, storeFlagOnServer),
  );
  tasks.register(actionTaskKinds.move, movePayload, (payload) =>
    replay(deps, payload, (session, current) => moveOnServer(deps, session, current)),
  );
  tasks.register(actionTaskKinds.expunge, expungePayload, (payload) =>
    replay(deps, payload, expungeOnServer),
  );
}

/** The action's messages under the folder's new UIDVALIDITY, and what became of each old UID. */
interface Remapped<T extends Target> {
  payload: T;
  remap: Remap;
  uidValidity: number;
}

async function replay<T extends Target>(
  deps: ReplayDeps,
  target: T,
  run: (session: ImapSession, payload: T) => Promise<number[] | undefined>,
): Promise<void> {
  const { db } = deps;
  const folderKnown = db.prepare('SELECT 1 FROM folders WHERE id = ?').get(target.folderId);
  if (!folderKnown || target.uids.length === 0) {
    setActionState(db, target.actionId, 'applied');
    release(db, target.actionId, target.folderId);
    return;
  }
  let left: number[] | undefined;
  let remapped: Remapped<T> | undefined;
  try {
    const outcome = await deps.withSession(target.accountId, async (session) => {
      const uidValidity = await selectReadWrite(session, target.path);
      let payload = target;
      if (uidValidity !== target.uidValidity) {
        remapped = await remapTarget(deps, session, target, uidValidity);
        if (!remapped) return 'unidentifiable' as const;
        payload = remapped.payload;
      }
      // Nothing found again: nothing to send, and never a UID that was not found by identity.
      left = payload.uids.length > 0 ? await run(session, payload) : [];
      return 'replayed' as const;
    });
    if (outcome === 'unidentifiable') {
      // Queued by a version that kept no identities: its UIDs name other messages now.
      deps.logger.warn('mail action dropped: folder renumbered, messages unidentifiable', {
        actionId: target.actionId,
        uids: target.uids.length,
      });
      db.transaction(() => {
        release(db, target.actionId, target.folderId);
        setActionState(db, target.actionId, 'dropped');
      })();
      deps.onChanged(target.accountId, target.folderId);
      deps.requestSync(target.accountId, [target.path]);
      return;
    }
  } catch (error) {
    if (!(error instanceof CartableError && transient.has(error.code))) {
      db.transaction(() => {
        if ('flag' in target) revertFlags(db, target.actionId, target.folderId);
        release(db, target.actionId, target.folderId);
        setActionState(db, target.actionId, 'dropped');
      })();
      deps.onChanged(target.accountId, target.folderId);
      deps.requestSync(target.accountId, [target.path]);
    }
    throw error;
  }
  db.transaction(() => {
    const gone = remapped ? localUidsLeft(db, target, remapped, left) : left;
    if (gone) removeLeft(db, target.actionId, target.folderId, gone);
    // Rows the server kept (a copy it could not verify) come back into the list.
    release(db, target.actionId, target.folderId);
    setActionState(db, target.actionId, 'applied');
  })();
  deps.onChanged(target.accountId, target.folderId);
  if ('destinationId' in target) deps.onChanged(target.accountId, target.destinationId);
  const paths = 'destination' in target ? [target.path, target.destination] : [target.path];
  // After a renumbering the folder is refetched anyway; this brings the action's outcome with it.
  if (left || remapped) deps.requestSync(target.accountId, paths);
}

/**
 * Finds the action's messages under the new UIDVALIDITY; undefined when the payload carries
 * no identities. Messages not found (deleted meanwhile, or not identifiable) are logged and
 * left out of the payload, so the action runs on the others only.
 */
async function remapTarget<T extends Target>(
  deps: ReplayDeps,
  session: ImapSession,
  target: T,
  uidValidity: number,
): Promise<Remapped<T> | undefined> {
  const identities = identitiesOf(target);
  if (identities.length === 0) return undefined;
  const candidates = await findCandidates(session, identities);
  const remap = matchIdentities(target.uids, identities, candidates);
  const skipped = remap.missing.length + remap.ambiguous.length + remap.anonymous.length;
  if (skipped > 0)
    deps.logger.warn('mail action: messages not found again after UIDVALIDITY change, skipped', {
      actionId: target.actionId,
      missing: remap.missing.length,
      ambiguous: remap.ambiguous.length,
      unidentifiable: remap.anonymous.length,
    });
  const uids = foundUids(remap);
  const idOf = new Map(candidates.map((c) => [c.uid, c.messageId]));
  const payload: T = { ...target, uidValidity, uids };
  if ('messageIds' in payload)
    payload.messageIds = uids.flatMap((uid): Array<[number, string]> => {
      const id = idOf.get(uid);
      return id ? [[uid, id]] : [];
    });
  return { payload, remap, uidValidity };
}

/**
 * The local rows to delete after a renumbered replay: a sync may or may not have
 * re-inserted the folder under its new UIDs yet, so the UIDs are read in whichever
 * numbering the database holds. In neither (renumbered again), the next sync decides.
 */
function localUidsLeft<T extends Target>(
  db: Database,
  target: T,
  remapped: Remapped<T>,
  left: number[] | undefined,
): number[] | undefined {
  if (!left) return undefined;
  const local = db
    .prepare<[string], { uid_validity: number | null }>('SELECT uid_validity FROM folders WHERE id = ?')
    .get(target.folderId)?.uid_validity;
  if (local === remapped.uidValidity) return left;
  if (local === target.uidValidity) return oldUidsLeft(remapped.remap, left);
  return undefined;
}

async function storeFlagOnServer(session: ImapSession, payload: StoreFlagPayload): Promise<undefined> {
  const present = await existingUids(session, payload.uids);
  if (present.length > 0) await storeFlag(session, present, payload.flag, payload.value);
  return undefined;
}

/** Returns the UIDs gone from the source: moved, or already gone before we came. */
async function moveOnServer(deps: ReplayDeps, session: ImapSession, payload: MovePayload): Promise<number[]> {
  const present = await existingUids(session, payload.uids);
  const gone = payload.uids.filter((uid) => !present.includes(uid));
  if (present.length === 0) return gone;
  if ((deps.useMove ?? true) && hasCapability(session, 'MOVE')) {
    await moveUids(session, present, payload.destination);
    return payload.uids;
  }
  const moved = await copyVerifyExpunge(deps, session, payload, present);
  return [...gone, ...moved];
}

/** RFC 6851 §3.3's fallback, made safe to re-run: copies already at the destination are not made again. */
async function copyVerifyExpunge(
  deps: ReplayDeps,
  session: ImapSession,
  payload: MovePayload,
  present: readonly number[],
): Promise<number[]> {
  const idOf = new Map(payload.messageIds);
  const atDestination = async (uids: readonly number[]): Promise<Set<number>> => {
    const ids = uids.flatMap((uid) => idOf.get(uid) ?? []);
    if (ids.length === 0) return new Set();
    await selectReadOnly(session, payload.destination);
    const found = await presentMessageIds(session, ids);
    await reselectSource(session, payload);
    return new Set(uids.filter((uid) => found.has(idOf.get(uid) ?? '')));
  };
  const already = await atDestination(present);
  const toCopy = present.filter((uid) => !already.has(uid));
  const uidMap = toCopy.length > 0 ? await copyUids(session, toCopy, payload.destination) : new Map();
  deps.afterCopy?.(toCopy);
  const unconfirmed = toCopy.filter((uid) => !uidMap.has(uid));
  const confirmedLater = await atDestination(unconfirmed);
  const verified = present.filter((uid) => !unconfirmed.includes(uid) || confirmedLater.has(uid));
  await expungeUids(session, verified);
  return verified;
}

async function reselectSource(session: ImapSession, payload: MovePayload): Promise<void> {
  if ((await selectReadWrite(session, payload.path)) !== payload.uidValidity)
    throw new CartableError('PROTOCOL_ERROR', { reason: 'UIDVALIDITY changed during the move' });
}

async function expungeOnServer(session: ImapSession, payload: ExpungePayload): Promise<number[]> {
  const present = await existingUids(session, payload.uids);
  await expungeUids(session, present);
  return payload.uids;
}
