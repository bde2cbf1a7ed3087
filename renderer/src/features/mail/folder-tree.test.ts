import { describe, expect, test } from 'vitest';
import { buildFolderTree, parentPathOf, visibleFolders, type FolderNode } from './folder-tree.ts';
import { folder, mailbox } from './fixtures.ts';

const names = (nodes: FolderNode[]): string[] => nodes.map((node) => node.folder.name);

describe('buildFolderTree', () => {
  test('special folders first in the French order, then the others by French collation', () => {
    const tree = buildFolderTree(mailbox);
    expect(names(tree)).toEqual([
      'INBOX',
      'Drafts',
      'Sent',
      'Archives',
      'Junk',
      'Trash',
      'administration',
      'Élèves',
      'Projets',
    ]);
  });

  test('subfolders sit under their parent, sorted', () => {
    const projects = buildFolderTree(mailbox).find((node) => node.folder.path === 'Projets');
    expect(names(projects?.children ?? [])).toEqual(['Conseils de classe', 'Sorties scolaires']);
  });

  test('the parent comes from the delimiter when parentPath is absent', () => {
    const list = [
      folder('INBOX', { specialUse: 'inbox' }, '.'),
      { ...folder('INBOX.Travail', {}, '.'), parentPath: undefined },
      { ...folder('INBOX.Travail.2024', {}, '.'), parentPath: undefined },
    ].map(({ parentPath: _dropped, ...rest }) => rest);
    expect(parentPathOf(list[1]!)).toBe('INBOX');
    const tree = buildFolderTree(list);
    expect(names(tree)).toEqual(['INBOX']);
    expect(names(tree[0]!.children)).toEqual(['Travail']);
    expect(names(tree[0]!.children[0]!.children)).toEqual(['2024']);
  });

  test('a folder whose parent is not listed stays visible at the top', () => {
    const tree = buildFolderTree([folder('Partagés/Direction'), folder('INBOX', { specialUse: 'inbox' })]);
    expect(names(tree)).toEqual(['INBOX', 'Direction']);
  });
});

describe('visibleFolders', () => {
  test('collapsed folders hide their children; levels count from 1', () => {
    const tree = buildFolderTree(mailbox);
    const open = visibleFolders(tree, new Set());
    const sub = open.find((row) => row.node.folder.path === 'Projets/Sorties scolaires');
    expect(sub).toMatchObject({ level: 2, parentPath: 'Projets' });
    expect(open).toHaveLength(mailbox.length);
    const closed = visibleFolders(tree, new Set(['Projets']));
    expect(closed).toHaveLength(mailbox.length - 2);
    expect(closed.find((row) => row.node.folder.path === 'Projets')?.expanded).toBe(false);
  });
});
