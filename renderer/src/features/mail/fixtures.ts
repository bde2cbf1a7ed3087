/** Folder lists as the core returns them, for the mail feature's tests. */
import type { Folder } from '$shared/contract/index.ts';

export function folder(path: string, extra: Partial<Folder> = {}, delimiter = '/'): Folder {
  const cut = path.lastIndexOf(delimiter);
  return {
    id: `f-${path}`,
    accountId: 'acc-1',
    path,
    name: cut >= 0 ? path.slice(cut + 1) : path,
    delimiter,
    subscribed: true,
    ...(cut > 0 ? { parentPath: path.slice(0, cut) } : {}),
    ...extra,
  };
}

/** A Dovecot-like mailbox, deliberately listed out of order. */
export const mailbox: Folder[] = [
  folder('Trash', { specialUse: 'trash' }),
  folder('Projets/Sorties scolaires'),
  folder('Sent', { specialUse: 'sent' }),
  folder('Élèves'),
  folder('INBOX', { specialUse: 'inbox', unseen: 3, name: 'INBOX' }),
  folder('Projets'),
  folder('Junk', { specialUse: 'junk' }),
  folder('Drafts', { specialUse: 'drafts' }),
  folder('Archives', { specialUse: 'archive' }),
  folder('Projets/Conseils de classe', { unseen: 1 }),
  folder('administration'),
];
