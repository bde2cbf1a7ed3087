/**
 * The unread badge on the dock (macOS) or the launcher (Linux/Unity), set by
 * the renderer through the preload's `setBadgeCount`. The renderer is
 * untrusted: only the app's own page may set it, and only to a sane count.
 */
import { app, ipcMain, type IpcMainEvent } from 'electron';
import { APP_ORIGIN } from './security.ts';

export const BADGE_CHANNEL = 'cartable:badge';
/** Past this, a badge says nothing more (and a larger number is not a count of mail). */
const MAX_BADGE = 99_999;

function fromApp(event: IpcMainEvent): boolean {
  return event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`) ?? false;
}

export function listenForBadge(): void {
  ipcMain.on(BADGE_CHANNEL, (event, count: unknown) => {
    if (!fromApp(event) || typeof count !== 'number' || !Number.isInteger(count)) return;
    // Windows has no numeric badge (only overlay icons): setBadgeCount is a no-op there.
    app.setBadgeCount(Math.min(MAX_BADGE, Math.max(0, count)));
  });
}
