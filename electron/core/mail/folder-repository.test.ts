import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { FolderRepository, type RemoteFolder } from './folder-repository.ts';

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
