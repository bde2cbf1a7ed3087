/**
 * The Electron shell: app lifecycle, one hardened window, the core forked as
 * a utilityProcess, and a MessagePort from the window to the core. Nothing
 * else lives here.
 */
import { app, BrowserWindow, MessageChannelMain, utilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listenForBadge } from './badge.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { APP_ORIGIN, hardenSession, hardenWindow } from './security.ts';

const bundleDir = import.meta.dirname;

/** Where IT drops the policy file (presets, trusted CAs) next to the installed app. */
function policyFile(): string | undefined {
  const candidates = [path.join(process.resourcesPath, 'policy.json'), '/etc/cartable/policy.json'];
  return candidates.find((file) => existsSync(file));
}

function startCore() {
  const core = utilityProcess.fork(path.join(bundleDir, 'core-host.js'), [], {
    serviceName: 'Cartable core',
  });
  const policy = policyFile();
  core.postMessage({
    type: 'init',
    profileDir: app.getPath('userData'),
    version: app.getVersion(),
    ...(policy ? { policyFile: policy } : {}),
  });
  return core;
}

function openWindow(core: Electron.UtilityProcess): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Cartable',
    webPreferences: {
      preload: path.join(bundleDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  hardenWindow(window);
  window.webContents.on('did-finish-load', () => {
    const { port1, port2 } = new MessageChannelMain();
    core.postMessage({ type: 'port' }, [port1]);
    window.webContents.postMessage('cartable:port', null, [port2]);
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

registerAppScheme();
void app.whenReady().then(() => {
  hardenSession();
  listenForBadge();
  serveRenderer(path.join(bundleDir, '../renderer'));
  const core = startCore();
  openWindow(core);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(core);
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
