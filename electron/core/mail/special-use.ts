/**
 * Which folder is the inbox, the drafts, the sent mail… From the server's
 * SPECIAL-USE flags (RFC 6154) first; otherwise from names French and English
 * users and older servers actually use.
 */
import type { SpecialUse } from '../../../shared/contract/index.ts';

const byFlag: Readonly<Record<string, SpecialUse>> = {
  '\\Inbox': 'inbox',
  '\\Drafts': 'drafts',
  '\\Sent': 'sent',
  '\\Archive': 'archive',
  '\\Junk': 'junk',
  '\\Trash': 'trash',
};

const byName: Readonly<Record<string, SpecialUse>> = {
  inbox: 'inbox',
  drafts: 'drafts',
  draft: 'drafts',
  brouillons: 'drafts',
  sent: 'sent',
  'sent items': 'sent',
  'sent messages': 'sent',
  envoyés: 'sent',
  'éléments envoyés': 'sent',
  'messages envoyés': 'sent',
  archive: 'archive',
  archives: 'archive',
  junk: 'junk',
  spam: 'junk',
  indésirables: 'junk',
  'courrier indésirable': 'junk',
  trash: 'trash',
  'deleted items': 'trash',
  'deleted messages': 'trash',
  corbeille: 'trash',
  'éléments supprimés': 'trash',
};

export function specialUseOf(
  path: string,
  name: string,
  flag: string | undefined,
  isTopLevel: boolean,
): SpecialUse | undefined {
  if (path.toUpperCase() === 'INBOX') return 'inbox';
  if (flag !== undefined && byFlag[flag]) return byFlag[flag];
  // Name guesses only apply to top-level folders: "Projets/Archives" is the user's own folder.
  return isTopLevel ? byName[name.normalize('NFC').toLowerCase()] : undefined;
}
