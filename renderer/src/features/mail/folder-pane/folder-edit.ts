/**
 * One folder edit the user asked for (create, rename, delete), and the
 * context its name is checked in: the folders that would sit beside it.
 */
import type { Folder } from '$shared/contract/index.ts';
import { parentPathOf } from '../folder-tree.ts';
import type { NameContext } from './folder-name.ts';

export type FolderEditKind = 'create' | 'rename' | 'delete';

export type FolderEdit =
  | { kind: 'create'; parent: Folder | undefined }
  | { kind: 'rename'; folder: Folder }
  | { kind: 'delete'; folder: Folder };

/** Where the edited name will live: the new folder's parent, or the renamed folder's own. */
export function nameContext(folders: readonly Folder[], edit: FolderEdit): NameContext {
  const parentPath =
    edit.kind === 'create'
      ? edit.parent?.path
      : edit.kind === 'rename'
        ? parentPathOf(edit.folder)
        : undefined;
  const self = edit.kind === 'rename' ? edit.folder.id : undefined;
  const siblings = folders.filter((folder) => folder.id !== self && parentPathOf(folder) === parentPath);
  const delimiter =
    (edit.kind === 'create' ? edit.parent?.delimiter : edit.folder.delimiter) ?? folders[0]?.delimiter;
  return { siblings, delimiter: delimiter ?? '/', topLevel: parentPath === undefined };
}
