/**
 * Builds the folder tree from the flat list the core returns. A folder's
 * parent is its `parentPath`, or else what its path names before the last
 * delimiter; a folder whose parent is not in the list sits at the top
 * rather than disappearing. Siblings follow `compareFolders` (inbox,
 * drafts, sent, archives, junk, trash, then the rest by French collation).
 */
import type { Folder } from '$shared/contract/index.ts';
import { compareFolders } from '$shared/folders.ts';

export interface FolderNode {
  folder: Folder;
  children: FolderNode[];
}

/** A row of the tree as shown: depth from 1 (ARIA's aria-level) and the parent's path. */
export interface VisibleFolder {
  node: FolderNode;
  level: number;
  parentPath: string | undefined;
  expanded: boolean;
}

export function parentPathOf(folder: Pick<Folder, 'path' | 'parentPath' | 'delimiter'>): string | undefined {
  if (folder.parentPath !== undefined && folder.parentPath !== '') return folder.parentPath;
  if (folder.delimiter === '') return undefined;
  const cut = folder.path.lastIndexOf(folder.delimiter);
  return cut > 0 ? folder.path.slice(0, cut) : undefined;
}

export function buildFolderTree(folders: readonly Folder[]): FolderNode[] {
  const nodes = new Map<string, FolderNode>();
  for (const folder of folders) if (!nodes.has(folder.path)) nodes.set(folder.path, { folder, children: [] });
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parentPath = parentPathOf(node.folder);
    const parent = parentPath === undefined ? undefined : nodes.get(parentPath);
    // A folder that claims itself as parent would otherwise vanish from the tree.
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: FolderNode[]): FolderNode[] => {
    list.sort((a, b) => compareFolders(a.folder, b.folder));
    for (const node of list) sort(node.children);
    return list;
  };
  return sort(roots);
}

/** The rows a person sees, in order: children only under expanded folders. */
export function visibleFolders(
  roots: readonly FolderNode[],
  collapsed: ReadonlySet<string>,
): VisibleFolder[] {
  const rows: VisibleFolder[] = [];
  const visit = (list: readonly FolderNode[], level: number, parentPath: string | undefined): void => {
    for (const node of list) {
      const expanded = node.children.length > 0 && !collapsed.has(node.folder.path);
      rows.push({ node, level, parentPath, expanded });
      if (expanded) visit(node.children, level + 1, node.folder.path);
    }
  };
  visit(roots, 1, undefined);
  return rows;
}
