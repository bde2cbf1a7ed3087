/**
 * The host's notification and badge, through what the page has: the Web
 * Notification API (native notifications in Electron's renderer, the
 * browser's own in the browser host) and, in Electron only, the preload's
 * `setBadgeCount` for the dock or taskbar badge.
 */
import { shouldNotify, type NoticeText } from './new-mail.ts';

interface BadgeBridge {
  setBadgeCount(count: number): void;
}

function badgeBridge(): BadgeBridge | undefined {
  const bridge: unknown = (globalThis as { cartable?: unknown }).cartable;
  if (typeof bridge !== 'object' || bridge === null) return undefined;
  const setBadgeCount: unknown = (bridge as { setBadgeCount?: unknown }).setBadgeCount;
  return typeof setBadgeCount === 'function' ? (bridge as BadgeBridge) : undefined;
}

/** The dock/taskbar badge where the shell offers one; the browser host has none (the title shows it). */
export function setOsBadge(count: number): void {
  badgeBridge()?.setBadgeCount(count);
}

function notificationApi(): typeof Notification | undefined {
  return typeof Notification === 'function' ? Notification : undefined;
}

/**
 * Asks once, on a gesture of the user (browsers refuse a prompt that comes
 * unasked); Electron's shell answers for the app itself, without a prompt.
 */
export function askPermissionOnGesture(target: EventTarget): () => void {
  const api = notificationApi();
  if (!api || api.permission !== 'default') return () => undefined;
  const ask = () => {
    target.removeEventListener('pointerdown', ask);
    if (api.permission === 'default') void api.requestPermission();
  };
  target.addEventListener('pointerdown', ask);
  return () => target.removeEventListener('pointerdown', ask);
}

/** Shows the notice when permitted and the window is not focused; a click brings the window back. */
export function showNotice(text: NoticeText, tag: string): void {
  const api = notificationApi();
  if (!api || !shouldNotify(api.permission, document.hasFocus())) return;
  const notice = new api(text.title, { body: text.body, tag, silent: false });
  notice.onclick = () => {
    window.focus();
    notice.close();
  };
}
