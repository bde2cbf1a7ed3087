/** New-mail notifications and the unread badge, for the app's navigation. */
export { MailBadge } from './mail-badge.svelte.ts';
export { windowTitle } from './new-mail.ts';
export { askPermissionOnGesture, setOsBadge } from './system-notices.ts';
