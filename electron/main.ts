/**
 * Electron main process: wires the shell's small modules to Electron. The logic lives in those
 * modules (tested with the Electron API injected); this file only connects them in start-up order:
 * privileged scheme before ready, guards on every WebContents, then session hardening, the app://
 * handler, IPC and the window once the app is ready.
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Notification, protocol, session, shell } from 'electron';
import { APP_ID, APP_SCHEME, PRELOAD_FILE, RENDERER_DIR } from './app-config';
import { registerIpc } from './ipc';
import { setUpLogging } from './log';
import { createNotifier, focusWindow } from './notifications';
import { createAppProtocolHandler } from './protocol';
import { guardWebContents, hardenSession } from './security';
import { createMainWindow } from './window';

const log = setUpLogging();

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;

function liveWindow(): BrowserWindow | null {
  return mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;
}

function openMainWindow(): void {
  const window = createMainWindow(path.join(app.getAppPath(), PRELOAD_FILE));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => log.error('renderer gone', details));
  mainWindow = window;
}

async function onReady(): Promise<void> {
  hardenSession(session.defaultSession, { log });
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: path.join(app.getAppPath(), RENDERER_DIR), log }));
  registerIpc(ipcMain, {
    getMainFrame: () => liveWindow()?.webContents.mainFrame ?? null,
    notify: createNotifier({
      isSupported: () => Notification.isSupported(),
      createNotification: (options) => new Notification(options),
      getWindow: liveWindow,
      log,
    }),
    getVersion: () => app.getVersion(),
    setBadgeCount: (count) => {
      // macOS dock and Linux Unity launchers; Windows overlay icons come with the tray (issue 8).
      app.setBadgeCount(count);
    },
    log,
  });
  openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  log.info('shell ready', { version: app.getVersion(), electron: process.versions.electron });
}

if (app.requestSingleInstanceLock()) {
  app.setAppUserModelId(APP_ID);
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { openExternal: (url) => shell.openExternal(url), log });
  });
  app.on('second-instance', () => {
    const window = liveWindow();
    if (window !== null) focusWindow(window);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      log.error('start-up failed', error);
      app.quit();
    });
} else {
  // Another instance owns the window and the IndexedDB database; it gets focused instead.
  app.quit();
}
