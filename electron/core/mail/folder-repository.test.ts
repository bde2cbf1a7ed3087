import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { insertTaskRow } from '../tasks/queue.ts';
import { FolderRepository, type RemoteFolder } from './folder-repository.ts';
import { FOLDER_OP_TASK, type FolderOp } from './folder-ops.ts';

const inbox: RemoteFolder = {
  path: 'INBOX',
  name: 'INBOX',
  parentPath: undefined,
  delimiter: '/',
  specialUse: 'inbox',
  subscribed: true,
  messages: 3,
  unseen: 1,
};

function plain(path: string): RemoteFolder {
  const parts = path.split('/');
  return {
    ...inbox,
    path,
    name: parts.at(-1) ?? path,
    parentPath: parts.length > 1 ? parts.slice(0, -1).join('/') : undefined,
    specialUse: undefined,
  };
}

function withAccount() {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO accounts VALUES ('a', 'a@x.fr', '{}', NULL, 'now', NULL)").run();
  return { db, folders: new FolderRepository(db) };
}

describe('FolderRepository.replace', () => {
  it('keeps folder ids across syncs and reports only real changes', () => {
    const { folders } = withAccount();
    expect(folders.replace('a', [inbox])).toBe(true);
    const [first] = folders.list('a');
    expect(folders.replace('a', [inbox])).toBe(false);
    expect(folders.replace('a', [{ ...inbox, unseen: 2 }])).toBe(true);
    expect(folders.list('a')[0]).toMatchObject({ id: first?.id, unseen: 2 });
  });

  it('removes folders the server no longer lists', () => {
    const { folders } = withAccount();
    folders.replace('a', [inbox, { ...inbox, path: 'Old', name: 'Old', specialUse: undefined }]);
    expect(folders.replace('a', [inbox])).toBe(true);
    expect(folders.list('a').map((f) => f.path)).toEqual(['INBOX']);
  });

  it('writes nothing for an account removed while its sync was running', () => {
    const { db, folders } = withAccount();
    db.prepare("DELETE FROM accounts WHERE id = 'a'").run();
    expect(folders.replace('a', [inbox])).toBe(false);
    expect(folders.list('a')).toEqual([]);
  });
});

describe('FolderRepository.replace while folder operations wait for their replay', () => {
  function pending(db: ReturnType<typeof withAccount>['db'], op: FolderOp): string {
    const now = new Date();
    return insertTaskRow(db, FOLDER_OP_TASK, op, now, now);
  }
  const ids = (folders: FolderRepository) => Object.fromEntries(folders.list('a').map((f) => [f.path, f.id]));

  it('keeps a created folder the server does not list yet, with its id', () => {
    const { db, folders } = withAccount();
    folders.replace('a', [inbox, plain('Conseils')]);
    const before = ids(folders);
    pending(db, { op: 'create', accountId: 'a', path: 'Conseils' });
    expect(folders.replace('a', [inbox])).toBe(false);
    expect(ids(folders)).toEqual(before);
  });

  it('neither brings back a deleted folder (nor its subfolders) nor drops a renamed one', () => {
    const { db, folders } = withAccount();
    folders.replace('a', [inbox, plain('Projets'), plain('Projets 2025')]);
    const renamedId = ids(folders)['Projets 2025'];
    pending(db, { op: 'delete', accountId: 'a', paths: ['Sorties/Ski', 'Sorties'] });
    pending(db, { op: 'rename', accountId: 'a', from: 'Projets 2024', to: 'Projets 2025' });
    // What the server still says before the replay.
    folders.replace('a', [
      inbox,
      plain('Projets'),
      plain('Sorties'),
      plain('Sorties/Ski'),
      plain('Projets 2024'),
    ]);
    expect(folders.list('a').map((f) => f.path)).toEqual(['INBOX', 'Projets', 'Projets 2025']);
    expect(ids(folders)['Projets 2025']).toBe(renamedId);
  });

  it('reconciles everything once the operations are done, and for other accounts meanwhile', () => {
    const { db, folders } = withAccount();
    db.prepare("INSERT INTO accounts VALUES ('b', 'b@x.fr', '{}', NULL, 'now', NULL)").run();
    folders.replace('a', [inbox, plain('Conseils')]);
    folders.replace('b', [inbox, plain('Conseils')]);
    const taskId = pending(db, { op: 'create', accountId: 'a', path: 'Conseils' });
    folders.replace('b', [inbox]);
    expect(folders.list('b').map((f) => f.path)).toEqual(['INBOX']);
    // The replay itself, its own row running: the server's list is the truth.
    db.prepare("UPDATE tasks SET state = 'running' WHERE id = ?").run(taskId);
    folders.replace('a', [inbox]);
    expect(folders.list('a').map((f) => f.path)).toEqual(['Conseils', 'INBOX']);
    folders.replace('a', [inbox], { holdRunningOps: false });
    expect(folders.list('a').map((f) => f.path)).toEqual(['INBOX']);
  });
});

describe('FolderRepository.list counts', () => {
  it('are the server’s STATUS until the first sync is done, then the rows held (a mark read shows at once)', () => {
    const { db, folders } = withAccount();
    folders.replace('a', [inbox]);
    const id = folders.list('a')[0]?.id ?? '';
    const insert = db.prepare(
      `INSERT INTO messages (folder_id, uid, flags, seen, flagged, answered, draft, internal_date, size, subject,
         sort_subject, sort_from, to_json, cc_json, has_attachments)
       VALUES (?, ?, '[]', ?, 0, 0, 0, 0, 1, '', '', '', '[]', '[]', 0)`,
    );
    insert.run(id, 1, 0);
    insert.run(id, 2, 1);
    expect(folders.list('a')[0]).toMatchObject({ messages: 3, unseen: 1 });
    db.prepare('UPDATE folders SET initial_done = 1 WHERE id = ?').run(id);
    expect(folders.list('a')[0]).toMatchObject({ messages: 2, unseen: 1 });
    db.prepare('UPDATE messages SET seen = 1 WHERE uid = 1').run();
    expect(folders.list('a')[0]).toMatchObject({ messages: 2, unseen: 0 });
  });
});
