/**
 * Window hardening: no navigation away from the app, no new windows, no
 * permission granted to web content but notifications to the app's own page,
 * and a strict CSP on everything served.
 */
import { session, shell, type BrowserWindow } from 'electron';

export const APP_ORIGIN = 'app://cartable';

export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // The mail frame (a srcdoc, so it inherits this policy) may show a message's remote images
  // once the user asks; its own CSP allows them only for that render. Nothing else of ours
  // ever puts a remote URL in an <img>. srcdoc frames need nothing from frame-src.
  "img-src 'self' data: blob: http: https:",
  "font-src 'self'",
  "frame-src 'self' blob: data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The one permission the app's own page gets: system notifications of new mail. */
const appPermissions = new Set(['notifications']);

export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback, details) =>
    callback(appPermissions.has(permission) && details.requestingUrl.startsWith(`${APP_ORIGIN}/`)),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_webContents, permission, requestingOrigin) =>
      appPermissions.has(permission) && requestingOrigin === APP_ORIGIN,
  );
}

export function hardenWindow(window: BrowserWindow): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // Links from mail open in the system browser, never inside the app.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
