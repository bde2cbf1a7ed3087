/**
 * A folder renumbered (new UIDVALIDITY) while a move or delete of it waits
 * in the queue: the sync re-inserts its rows under new UIDs, and those the
 * action takes away stay hidden until its replay, so nothing shows twice.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { listMessages } from '../message-list.ts';
import { MessageRepository } from '../message-repository.ts';
import type { MessageHeaders } from '../model.ts';
import { SyncStateRepository } from '../sync-state.ts';
import { holdRenumbered, setActionState } from './local.ts';
import { ActionService } from './service.ts';

const at = Date.parse('2025-09-01T07:30:00Z');

function headers(uid: number, messageId: string | undefined, size = 100): MessageHeaders {
  return {
    uid,
    modseq: undefined,
    flags: [],
    internalDate: at,
    sentDate: undefined,
    size,
    subject: `n°${uid}`,
    from: { name: 'Élodie', address: 'e@x.fr' },
    to: [],
    cc: [],
    messageId,
    inReplyTo: undefined,
    references: [],
    listId: undefined,
    hasAttachments: false,
  };
}

function setup() {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  const folder = db.prepare(
    `INSERT INTO folders (id, account_id, path, name, delimiter, special_use, subscribed, uid_validity)
     VALUES (?, 'a', ?, ?, '/', ?, 1, 42)`,
  );
  folder.run('inbox', 'INBOX', 'INBOX', 'inbox');
  folder.run('archive', 'Archives', 'Archives', null);
  folder.run('trash', 'Corbeille', 'Corbeille', 'trash');
  const messages = new MessageRepository(db);
  const state = new SyncStateRepository(db);
  db.transaction(() =>
    messages.upsert('inbox', [
      headers(11, '<a@x>'),
      headers(12, '<b@x>'),
      headers(13, undefined, 333),
      headers(14, '<c@x>'),
    ]),
  )();
  const actions = new ActionService({
    db,
    clock: { now: () => new Date(at) },
    kick: () => undefined,
    onChanged: () => undefined,
  });
  const idOf = (uid: number) =>
    db
      .prepare<[number], { id: number }>("SELECT id FROM messages WHERE folder_id = 'inbox' AND uid = ?")
      .get(uid)?.id ?? 0;
  /** What message-sync does on a new UIDVALIDITY, then for each batch it writes. */
  const resync = (uidValidity: bigint, batch: MessageHeaders[]) =>
    db.transaction(() => {
      if (state.get('inbox').uidValidity !== uidValidity) {
        messages.removeAll('inbox');
        state.startInitial('inbox', uidValidity, undefined);
      }
      messages.upsert('inbox', batch);
      holdRenumbered(db, 'inbox');
    })();
  return { db, messages, actions, idOf, resync };
}

const visible = (db: Database) =>
  listMessages(db, { folderId: 'inbox', sort: 'date', order: 'desc', offset: 0, limit: 50 })
    .messages.map((m) => m.uid)
    .sort((x, y) => x - y);

describe('holdRenumbered', () => {
  it('keeps hidden the re-inserted rows a queued move or delete takes away, by identity', () => {
    const { db, actions, idOf, resync } = setup();
    const moved = actions.act([idOf(11), idOf(13)], { kind: 'move', folderId: 'archive' });
    const deleted = actions.act([idOf(14)], { kind: 'delete' });
    actions.act([idOf(12)], { kind: 'markRead', value: true });
    expect(visible(db)).toEqual([12]);

    // Renumbered on the server; another client re-appended the same mail plus a new one.
    resync(43n, [
      headers(1, '<a@x>'),
      headers(2, '<b@x>'),
      headers(3, undefined, 333),
      headers(4, '<c@x>'),
      headers(5, '<new@x>'),
    ]);
    expect(visible(db)).toEqual([2, 5]);
    const held = db
      .prepare<[], { uid: number; pending_action: string }>(
        "SELECT uid, pending_action FROM messages WHERE folder_id = 'inbox' AND pending_action IS NOT NULL ORDER BY uid",
      )
      .all();
    expect(held).toEqual([
      { uid: 1, pending_action: moved.actionId },
      { uid: 3, pending_action: moved.actionId },
      { uid: 4, pending_action: deleted.actionId },
    ]);
  });

  it('holds a copy arriving in a later batch, and stops once the action is done', () => {
    const { db, actions, idOf, resync } = setup();
    const moved = actions.act([idOf(11)], { kind: 'move', folderId: 'archive' });
    resync(43n, [headers(2, '<b@x>')]);
    resync(43n, [headers(1, '<a@x>')]);
    expect(visible(db)).toEqual([2]);

    // Its replay ended (the queue marks the action first, then the next sync runs).
    db.transaction(() => setActionState(db, moved.actionId, 'applied'))();
    db.prepare("UPDATE messages SET pending_action = NULL WHERE folder_id = 'inbox'").run();
    resync(44n, [headers(1, '<a@x>'), headers(2, '<b@x>')]);
    expect(visible(db)).toEqual([1, 2]);
  });

  it('leaves alone a new copy arriving without a renumbering', () => {
    const { db, actions, idOf, resync } = setup();
    actions.act([idOf(11)], { kind: 'move', folderId: 'archive' });
    // Same UIDVALIDITY: the action's own UIDs still name its messages; a second copy is
    // another message the user has not acted on.
    resync(42n, [headers(20, '<a@x>')]);
    expect(visible(db)).toEqual([12, 13, 14, 20]);
  });
});
