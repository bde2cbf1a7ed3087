/**
 * `mail.act`, `mail.undo`, `mail.emptyTrash`: an action changes the database
 * at once (one transaction), then waits UNDO_MS as queued tasks, one per
 * source folder, before the replay reaches the server. Undo inside the
 * window deletes those tasks and puts the rows back; after it, undo is
 * refused with UNDO_EXPIRED (the server may already have moved or expunged).
 */
import { randomUUID } from 'node:crypto';
import { CartableError } from '../../../../shared/contract/index.ts';
import { insertTaskRow } from '../../tasks/queue.ts';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../ports.ts';
import { identityOfRow } from './identity.ts';
import {
  cancelTasks,
  hasFlag,
  hide,
  loadTargets,
  release,
  withFlag,
  writeFlags,
  type TargetRow,
} from './local.ts';
import {
  UNDO_MS,
  actionTaskKinds,
  type ActionKind,
  type ExpungePayload,
  type MovePayload,
  type StoreFlagPayload,
} from './model.ts';

export type MailAction =
  | { kind: 'markRead'; value: boolean }
  | { kind: 'flag'; value: boolean }
  | { kind: 'move'; folderId: string }
  | { kind: 'delete' }
  | { kind: 'junk' };

export interface ActionServiceDeps {
  db: Database;
  clock: Clock;
  /** Wakes the task queue so it schedules the delayed rows. */
  kick(): void;
  onChanged(accountId: string, folderId: string): void;
  undoMs?: number;
}

interface FolderRef {
  id: string;
  path: string;
}

type Planned =
  | { kind: typeof actionTaskKinds.storeFlag; payload: StoreFlagPayload }
  | { kind: typeof actionTaskKinds.move; payload: MovePayload }
  | { kind: typeof actionTaskKinds.expunge; payload: ExpungePayload };

interface ActionRow {
  account_id: string;
  state: string;
  task_ids: string;
  revert_json: string;
  undoable_until: number;
}

export class ActionService {
  readonly #deps: ActionServiceDeps;
  readonly #undoMs: number;

  constructor(deps: ActionServiceDeps) {
    this.#deps = deps;
    this.#undoMs = deps.undoMs ?? UNDO_MS;
  }

  act(messageIds: readonly number[], action: MailAction): { actionId: string; undoableUntil: number } {
    const { db } = this.#deps;
    const wanted = [...new Set(messageIds)];
    const rows = loadTargets(db, wanted);
    const found = new Set(rows.map((row) => row.id));
    const missing = wanted.find((id) => !found.has(id));
    if (missing !== undefined) throw new CartableError('MESSAGE_NOT_FOUND', { id: missing });
    const accountIds = new Set(rows.map((row) => row.account_id));
    const accountId = rows[0]?.account_id;
    if (accountId === undefined || accountIds.size > 1)
      throw new CartableError('INVALID_PARAMS', { reason: 'messages of one account' });
    // A row already leaving its folder belongs to the earlier action.
    const targets = rows.filter((row) => row.pending_action === null);

    const now = this.#deps.clock.now();
    const undoableUntil = now.getTime() + this.#undoMs;
    const actionId = randomUUID();
    const touched = new Set<string>();
    const run = db.transaction(() => {
      const revert: Array<[number, string[]]> = [];
      const planned: Planned[] = [];
      for (const group of byFolder(targets)) {
        const plan = this.#plan(actionId, accountId, action, group, revert);
        if (!plan) continue;
        planned.push(plan);
        touched.add(plan.payload.folderId);
      }
      const taskIds = planned.map((plan) =>
        insertTaskRow(db, plan.kind, plan.payload, new Date(undoableUntil), now),
      );
      insertAction(db, {
        id: actionId,
        accountId,
        kind: action.kind,
        state: planned.length === 0 ? 'applied' : 'pending',
        taskIds,
        revert,
        undoableUntil,
        createdAt: now.toISOString(),
      });
    });
    run.immediate();
    for (const folderId of touched) this.#deps.onChanged(accountId, folderId);
    this.#deps.kick();
    return { actionId, undoableUntil };
  }

  /** Undoing twice is harmless (a double click); too late, it throws UNDO_EXPIRED. */
  undo(actionId: string): { undone: true } {
    const { db } = this.#deps;
    const now = this.#deps.clock.now().getTime();
    const touched = new Set<string>();
    let accountId: string | undefined;
    const run = db.transaction((): void => {
      const row = db
        .prepare<[string], ActionRow>(
          'SELECT account_id, state, task_ids, revert_json, undoable_until FROM mail_actions WHERE id = ?',
        )
        .get(actionId);
      // Undone already, or an action that changed nothing (already read…): nothing to take back.
      if (row?.state === 'undone' || (row && (JSON.parse(row.task_ids) as string[]).length === 0)) return;
      const tooLate = (reason: string) => new CartableError('UNDO_EXPIRED', { actionId, reason });
      if (!row) throw tooLate('unknown');
      if (row.state !== 'pending') throw tooLate(row.state);
      if (now > row.undoable_until) throw tooLate('window');
      // A replay already running may have reached the server: only waiting tasks can be taken back.
      if (!cancelTasks(db, JSON.parse(row.task_ids) as string[])) throw tooLate('started');
      accountId = row.account_id;
      const revert = JSON.parse(row.revert_json) as Array<[number, string[]]>;
      for (const [messageId, flags] of revert) writeFlags(db, messageId, flags);
      const folderOf = db.prepare<[number], { folder_id: string }>(
        'SELECT folder_id FROM messages WHERE id = ?',
      );
      for (const [messageId] of revert) {
        const folder = folderOf.get(messageId);
        if (folder) touched.add(folder.folder_id);
      }
      release(db, actionId);
      db.prepare("UPDATE mail_actions SET state = 'undone' WHERE id = ?").run(actionId);
    });
    run.immediate();
    if (accountId !== undefined) for (const folderId of touched) this.#deps.onChanged(accountId, folderId);
    return { undone: true };
  }

  /**
   * Removes for good what the database knows is in Trash, by UID: a message
   * another device drops into Trash after the click is not destroyed unseen
   * (a blanket EXPUNGE would), and it shows up at the next sync.
   */
  emptyTrash(accountId: string): { taskId: string } {
    const { db } = this.#deps;
    const trash = specialFolder(db, accountId, 'trash');
    const rows = db
      .prepare<
        [string],
        { id: number; uid: number; message_id: string | null; size: number; internal_date: number }
      >(
        `SELECT id, uid, message_id, size, internal_date FROM messages
         WHERE folder_id = ? AND pending_action IS NULL ORDER BY uid`,
      )
      .all(trash.id);
    const now = this.#deps.clock.now();
    const actionId = randomUUID();
    const run = db.transaction((): string => {
      hide(
        db,
        rows.map((row) => row.id),
        actionId,
      );
      const payload: ExpungePayload = {
        actionId,
        accountId,
        folderId: trash.id,
        path: trash.path,
        uidValidity: trash.uidValidity,
        uids: rows.map((row) => row.uid),
        identities: rows.map(identityOfRow),
      };
      const taskId = insertTaskRow(db, actionTaskKinds.expunge, payload, now, now);
      insertAction(db, {
        id: actionId,
        accountId,
        kind: 'emptyTrash',
        state: 'pending',
        taskIds: [taskId],
        revert: [],
        // Emptying Trash is not undoable: the window closed before it opened.
        undoableUntil: now.getTime() - 1,
        createdAt: now.toISOString(),
      });
      return taskId;
    });
    const taskId = run.immediate();
    this.#deps.onChanged(accountId, trash.id);
    this.#deps.kick();
    return { taskId };
  }

  /** The local change and the task for one source folder; undefined when there is nothing to do there. */
  #plan(
    actionId: string,
    accountId: string,
    action: MailAction,
    group: TargetRow[],
    revert: Array<[number, string[]]>,
  ): Planned | undefined {
    const { db } = this.#deps;
    const first = group[0];
    if (!first || first.uid_validity === null) return undefined;
    const base = {
      actionId,
      accountId,
      folderId: first.folder_id,
      path: first.path,
      uidValidity: first.uid_validity,
    };
    // What finds the messages again should the folder's UIDVALIDITY change before the replay.
    const identified = (rows: readonly TargetRow[]) => ({
      uids: rows.map((row) => row.uid),
      identities: rows.map(identityOfRow),
    });
    if (action.kind === 'markRead' || action.kind === 'flag') {
      const flag = action.kind === 'markRead' ? '\\Seen' : '\\Flagged';
      const changing = group.filter((row) => hasFlag(parseFlags(row), flag) !== action.value);
      if (changing.length === 0) return undefined;
      for (const row of changing) {
        const before = parseFlags(row);
        revert.push([row.id, before]);
        writeFlags(db, row.id, withFlag(before, flag, action.value));
      }
      return {
        kind: actionTaskKinds.storeFlag,
        payload: { ...base, ...identified(changing), flag, value: action.value },
      };
    }
    let destination: FolderRef;
    if (action.kind === 'move') destination = folderOfAccount(db, accountId, action.folderId);
    else destination = specialFolder(db, accountId, action.kind === 'junk' ? 'junk' : 'trash');
    if (destination.id === first.folder_id && action.kind !== 'delete') return undefined;
    hide(
      db,
      group.map((row) => row.id),
      actionId,
    );
    for (const row of group) revert.push([row.id, parseFlags(row)]);
    // Delete inside Trash itself is for good.
    if (destination.id === first.folder_id)
      return { kind: actionTaskKinds.expunge, payload: { ...base, ...identified(group) } };
    const messageIds = group.flatMap((row): Array<[number, string]> =>
      row.message_id ? [[row.uid, row.message_id]] : [],
    );
    return {
      kind: actionTaskKinds.move,
      payload: {
        ...base,
        ...identified(group),
        destinationId: destination.id,
        destination: destination.path,
        messageIds,
      },
    };
  }
}

function parseFlags(row: TargetRow): string[] {
  return JSON.parse(row.flags) as string[];
}

function byFolder(rows: readonly TargetRow[]): TargetRow[][] {
  const groups = new Map<string, TargetRow[]>();
  for (const row of rows) groups.set(row.folder_id, [...(groups.get(row.folder_id) ?? []), row]);
  return [...groups.values()];
}

function folderOfAccount(db: Database, accountId: string, folderId: string): FolderRef {
  const folder = db
    .prepare<[string, string], FolderRef>('SELECT id, path FROM folders WHERE id = ? AND account_id = ?')
    .get(folderId, accountId);
  if (!folder) throw new CartableError('FOLDER_NOT_FOUND', { id: folderId });
  return folder;
}

function specialFolder(
  db: Database,
  accountId: string,
  specialUse: 'trash' | 'junk',
): FolderRef & { uidValidity: number } {
  const folder = db
    .prepare<[string, string], FolderRef & { uid_validity: number | null }>(
      'SELECT id, path, uid_validity FROM folders WHERE account_id = ? AND special_use = ? ORDER BY path LIMIT 1',
    )
    .get(accountId, specialUse);
  if (!folder) throw new CartableError('FOLDER_NOT_FOUND', { specialUse });
  return { id: folder.id, path: folder.path, uidValidity: folder.uid_validity ?? 0 };
}

function insertAction(
  db: Database,
  action: {
    id: string;
    accountId: string;
    kind: ActionKind;
    state: 'pending' | 'applied';
    taskIds: string[];
    revert: Array<[number, string[]]>;
    undoableUntil: number;
    createdAt: string;
  },
): void {
  db.prepare(
    `INSERT INTO mail_actions (id, account_id, kind, state, task_ids, revert_json, undoable_until, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    action.id,
    action.accountId,
    action.kind,
    action.state,
    JSON.stringify(action.taskIds),
    JSON.stringify(action.revert),
    action.undoableUntil,
    action.createdAt,
  );
}
