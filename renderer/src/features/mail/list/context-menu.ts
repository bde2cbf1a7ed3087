/** The context menu's entries for a selection: one of read/unread and of flag/unflag, then move, junk, delete. */
import type { MessageKey } from '../../../lib/i18n/index.ts';

export type MenuChoice = 'markRead' | 'markUnread' | 'flag' | 'unflag' | 'move' | 'delete' | 'junk';

export interface MenuItem {
  choice: MenuChoice;
  label: MessageKey;
}

export function menuItems(anyUnread: boolean, anyUnflagged: boolean): MenuItem[] {
  return [
    anyUnread
      ? { choice: 'markRead', label: 'mail.action.markRead' }
      : { choice: 'markUnread', label: 'mail.action.markUnread' },
    anyUnflagged
      ? { choice: 'flag', label: 'mail.action.flag' }
      : { choice: 'unflag', label: 'mail.action.unflag' },
    { choice: 'move', label: 'mail.action.move' },
    { choice: 'junk', label: 'mail.action.junk' },
    { choice: 'delete', label: 'mail.action.delete' },
  ];
}
