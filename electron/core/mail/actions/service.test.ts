import { describe, expect, it } from 'vitest';
import { CartableError } from '../../../../shared/contract/index.ts';
import { openDatabase, type Database } from '../../db/database.ts';
import { createConsoleLogger } from '../../log.ts';
import type { Clock } from '../../ports.ts';
import { TaskQueue } from '../../tasks/queue.ts';
import { UNDO_MS, actionTaskKinds, expungePayload, movePayload, storeFlagPayload } from './model.ts';
import { ActionService } from './service.ts';

const logger = createConsoleLogger('error', () => undefined);

function manualClock(start = Date.parse('2026-09-01T08:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

function seeded(): Database {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  db.prepare("INSERT INTO accounts VALUES ('b', 'b@x.fr', '{}', NULL, 'now', NULL)").run();
  const folder = db.prepare(
    `INSERT INTO folders (id, account_id, path, name, delimiter, special_use, subscribed, uid_validity)
     VALUES (?, ?, ?, ?, '/', ?, 1, 42)`,
  );
  folder.run('inbox', 'a', 'INBOX', 'INBOX', 'inbox');
  folder.run('trash', 'a', 'Corbeille', 'Corbeille', 'trash');
  folder.run('junk', 'a', 'Indésirables', 'Indésirables', 'junk');
  folder.run('other', 'b', 'INBOX', 'INBOX', 'inbox');
  const message = db.prepare(
    `INSERT INTO messages (id, folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
       sort_subject, sort_from, to_json, cc_json, has_attachments, message_id)
     VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 10, 's', 's', '', '[]', '[]', 0, ?)`,
  );
  message.run(1, 'inbox', 11, '["\\\\Seen"]', 1, '<one@x>');
  message.run(2, 'inbox', 12, '[]', 0, '<two@x>');
  message.run(3, 'trash', 5, '[]', 0, null);
  message.run(4, 'other', 7, '[]', 0, null);
  return db;
}

function service(db: Database, clock = manualClock()) {
  const changed: string[] = [];
  const actions = new ActionService({
    db,
    clock,
    kick: () => undefined,
    onChanged: (accountId, folderId) => changed.push(`${accountId}/${folderId}`),
  });
  return { actions, changed, clock };
}

const flags = (db: Database, id: number) =>
  db
    .prepare<[number], { flags: string; seen: number }>('SELECT flags, seen FROM messages WHERE id = ?')
    .get(id);
const hidden = (db: Database) =>
  db
    .prepare<[], { id: number }>('SELECT id FROM messages WHERE pending_action IS NOT NULL ORDER BY id')
    .all()
    .map((row) => row.id);
const tasks = (db: Database) =>
  db
    .prepare<[], { kind: string; payload_json: string; state: string; next_at: string }>(
      'SELECT kind, payload_json, state, next_at FROM tasks ORDER BY created_at',
    )
    .all();

describe('ActionService', () => {
  it('marks read in the database at once and persists one delayed task per folder', () => {
    const db = seeded();
    const { actions, changed, clock } = service(db);
    const { actionId, undoableUntil } = actions.act([1, 2], { kind: 'markRead', value: true });
    expect(undoableUntil).toBe(clock.now().getTime() + UNDO_MS);
    expect(flags(db, 2)).toEqual({ flags: '["\\\\Seen"]', seen: 1 });
    expect(changed).toEqual(['a/inbox']);
    const [task, ...rest] = tasks(db);
    expect(rest).toEqual([]);
    expect(task?.kind).toBe(actionTaskKinds.storeFlag);
    expect(task?.next_at).toBe(new Date(undoableUntil).toISOString());
    // Only the message whose state changes is sent to the server.
    expect(storeFlagPayload.parse(JSON.parse(task?.payload_json ?? '{}'))).toEqual({
      actionId,
      accountId: 'a',
      folderId: 'inbox',
      path: 'INBOX',
      uidValidity: 42,
      uids: [12],
      // What finds the message again should INBOX be renumbered before the replay.
      identities: [{ uid: 12, messageId: '<two@x>', size: 10, internalDate: 0 }],
      flag: '\\Seen',
      value: true,
    });
  });

  it('undoes within the window: flags back, task gone', () => {
    const db = seeded();
    const { actions, clock } = service(db);
    const { actionId } = actions.act([1, 2], { kind: 'flag', value: true });
    clock.advance(UNDO_MS - 1);
    expect(actions.undo(actionId)).toEqual({ undone: true });
    expect(flags(db, 1)).toEqual({ flags: '["\\\\Seen"]', seen: 1 });
    expect(db.prepare('SELECT flagged FROM messages WHERE id = 2').get()).toEqual({ flagged: 0 });
    expect(tasks(db)).toEqual([]);
    // A double click changes nothing more.
    expect(actions.undo(actionId)).toEqual({ undone: true });
    expect(flags(db, 1)).toEqual({ flags: '["\\\\Seen"]', seen: 1 });
  });

  it('refuses undo after the window, and once the task has started, with UNDO_EXPIRED', () => {
    const db = seeded();
    const { actions, clock } = service(db);
    const late = actions.act([2], { kind: 'markRead', value: true });
    clock.advance(UNDO_MS + 1);
    expect(() => actions.undo(late.actionId)).toThrow(
      expect.objectContaining({
        code: 'UNDO_EXPIRED',
        details: { actionId: late.actionId, reason: 'window' },
      }),
    );
    expect(flags(db, 2)?.seen).toBe(1);

    const started = actions.act([2], { kind: 'flag', value: true });
    db.prepare(`UPDATE tasks SET state = 'running' WHERE kind = ? AND state = 'pending'`).run(
      actionTaskKinds.storeFlag,
    );
    expect(() => actions.undo(started.actionId)).toThrow(
      expect.objectContaining({
        code: 'UNDO_EXPIRED',
        details: { actionId: started.actionId, reason: 'started' },
      }),
    );
    // Refused without side effects: both actions' tasks and the flag stay.
    expect(db.prepare("SELECT count(*) AS n FROM tasks WHERE state = 'running'").get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT flagged FROM messages WHERE id = 2').get()).toEqual({ flagged: 1 });
  });

  it('undoes an action that changed nothing without complaint', () => {
    const db = seeded();
    const { actions } = service(db);
    const { actionId } = actions.act([1], { kind: 'markRead', value: true }); // already read
    expect(tasks(db)).toEqual([]);
    expect(actions.undo(actionId)).toEqual({ undone: true });
  });

  it('hides moved rows from their folder until the server confirms, and undo shows them again', () => {
    const db = seeded();
    const { actions } = service(db);
    const { actionId } = actions.act([1, 2], { kind: 'junk' });
    expect(hidden(db)).toEqual([1, 2]);
    const payload = movePayload.parse(JSON.parse(tasks(db)[0]?.payload_json ?? '{}'));
    expect(payload).toMatchObject({
      destination: 'Indésirables',
      uids: [11, 12],
      messageIds: [
        [11, '<one@x>'],
        [12, '<two@x>'],
      ],
    });
    expect(actions.undo(actionId)).toEqual({ undone: true });
    expect(hidden(db)).toEqual([]);
  });

  it('deletes to Trash, and inside Trash for good', () => {
    const db = seeded();
    const { actions } = service(db);
    actions.act([2, 3], { kind: 'delete' });
    const [first, second] = tasks(db);
    expect(first?.kind).toBe(actionTaskKinds.move);
    expect(movePayload.parse(JSON.parse(first?.payload_json ?? '{}')).destinationId).toBe('trash');
    expect(second?.kind).toBe(actionTaskKinds.expunge);
    expect(expungePayload.parse(JSON.parse(second?.payload_json ?? '{}')).uids).toEqual([5]);
    expect(hidden(db)).toEqual([2, 3]);
  });

  it('empties Trash by the UIDs it knows, at once and without undo', () => {
    const db = seeded();
    const { actions, clock } = service(db);
    actions.emptyTrash('a');
    const [task] = tasks(db);
    expect(task?.next_at).toBe(clock.now().toISOString());
    expect(expungePayload.parse(JSON.parse(task?.payload_json ?? '{}')).uids).toEqual([5]);
    expect(hidden(db)).toEqual([3]);
    const action = db
      .prepare<[], { id: string }>("SELECT id FROM mail_actions WHERE kind = 'emptyTrash'")
      .get();
    expect(() => actions.undo(action?.id ?? '')).toThrow(expect.objectContaining({ code: 'UNDO_EXPIRED' }));
  });

  it('rejects unknown messages, messages of two accounts, and a folder of another account', () => {
    const db = seeded();
    const { actions } = service(db);
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof CartableError ? error.code : 'other';
      }
      return 'none';
    };
    expect(code(() => actions.act([99], { kind: 'delete' }))).toBe('MESSAGE_NOT_FOUND');
    expect(code(() => actions.act([1, 4], { kind: 'delete' }))).toBe('INVALID_PARAMS');
    expect(code(() => actions.act([1], { kind: 'move', folderId: 'other' }))).toBe('FOLDER_NOT_FOUND');
    expect(hidden(db)).toEqual([]);
    expect(tasks(db)).toEqual([]);
  });

  it('leaves the replay to the queue only once the window has passed', async () => {
    const db = seeded();
    const clock = manualClock();
    const queue = new TaskQueue({ db, clock, logger, onChanged: () => undefined });
    const ran: number[][] = [];
    queue.register(actionTaskKinds.storeFlag, storeFlagPayload, ({ uids }) =>
      Promise.resolve(void ran.push(uids)),
    );
    const actions = new ActionService({ db, clock, kick: () => queue.kick(), onChanged: () => undefined });
    queue.start();
    actions.act([2], { kind: 'markRead', value: true });
    await queue.idle();
    expect(ran).toEqual([]);
    clock.advance(UNDO_MS);
    queue.kick();
    await queue.idle();
    expect(ran).toEqual([[12]]);
    await queue.close();
  });
});
