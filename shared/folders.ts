/**
 * How French users expect special folders ordered: the inbox first, then
 * drafts, sent, archives, junk and trash; other folders follow by name.
 */
import type { Folder, SpecialUse } from './contract/domain.ts';

export const specialUseOrder: readonly SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];

function rank(folder: Pick<Folder, 'specialUse'>): number {
  const index = folder.specialUse ? specialUseOrder.indexOf(folder.specialUse) : -1;
  return index === -1 ? specialUseOrder.length : index;
}

/** Sorts siblings: special folders in the known order, the rest alphabetically (French collation). */
export function compareFolders(
  a: Pick<Folder, 'specialUse' | 'name'>,
  b: Pick<Folder, 'specialUse' | 'name'>,
): number {
  return rank(a) - rank(b) || a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' });
}
