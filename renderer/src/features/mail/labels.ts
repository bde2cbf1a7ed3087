/** What a folder is called and drawn as: special folders get their localized name and icon. */
import type { Folder, SpecialUse } from '$shared/contract/index.ts';
import { t } from '../../lib/i18n/index.ts';
import type { IconName } from '../../lib/ui/icons.ts';

const specialIcons: Record<SpecialUse, IconName> = {
  inbox: 'inbox',
  drafts: 'drafts',
  sent: 'sent',
  archive: 'archive',
  junk: 'junk',
  trash: 'trash',
};

export function folderLabel(folder: Pick<Folder, 'name' | 'specialUse'>): string {
  return folder.specialUse ? t(`folder.${folder.specialUse}`) : folder.name;
}

export function folderIcon(folder: Pick<Folder, 'specialUse'>): IconName {
  return folder.specialUse ? specialIcons[folder.specialUse] : 'folder';
}
