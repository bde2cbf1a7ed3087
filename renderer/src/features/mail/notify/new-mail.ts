/**
 * What the new-mail badge and notification say, without a DOM: the unread
 * count of the inboxes, the window title, and a notification's text. A
 * notification names the sender and the subject only, never the body: it
 * shows on a screen that a class or a parent at the desk may see.
 */
import type { EventPayload, Folder } from '$shared/contract/index.ts';
import type { I18n } from '../../../lib/i18n/index.ts';

/** Unread messages of the inboxes: what the badge counts (other folders are the user's filing). */
export function inboxUnread(folders: readonly Folder[]): number {
  return folders.reduce((sum, folder) => sum + (folder.specialUse === 'inbox' ? (folder.unseen ?? 0) : 0), 0);
}

export function windowTitle(i18n: I18n, unread: number): string {
  return unread > 0 ? i18n.t('app.titleUnread', { count: unread }) : i18n.t('app.name');
}

export interface NoticeText {
  title: string;
  body: string;
}

export function noticeText(i18n: I18n, event: EventPayload<'mail.newMail'>): NoticeText {
  const title = i18n.plural('mail.notify.title', event.count);
  const latest = event.latest;
  if (!latest) return { title, body: '' };
  const from = i18n.t('mail.notify.from', { from: latest.from || i18n.t('mail.list.noSender') });
  const subject = latest.subject.trim() || i18n.t('mail.list.noSubject');
  return { title, body: `${from}\n${subject}` };
}

export type NoticePermission = 'default' | 'granted' | 'denied';

/** A notification only when it tells something the open window does not already show. */
export function shouldNotify(permission: NoticePermission, windowFocused: boolean): boolean {
  return permission === 'granted' && !windowFocused;
}
