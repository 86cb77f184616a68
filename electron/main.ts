/**
 * Electron main process: wires the shell's small modules to Electron. The logic lives in those
 * modules (tested with the Electron API injected); this file only connects them in start-up order:
 * single-instance lock, privileged scheme and `open-url` before ready, guards on every WebContents,
 * then session hardening, the app:// handler, IPC, menu, tray and the window once the app is ready.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, screen, session, shell, Tray } from 'electron';
import type { BrowserWindow, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { COMMAND_EVENT } from '../shared/ipc/contract';
import { APP_ID, APP_NAME, APP_SCHEME, PRELOAD_FILE, RENDERER_DIR, TRAY_ICON_DIR, USER_FILES, trayIconFile } from './app-config';
import { badgePng } from './badge-image';
import { createRendererRecovery } from './crash-recovery';
import { registerIpc } from './ipc';
import { createLaunchRouter, registerDeepLinkProtocol } from './launch';
import { logFolder, setUpLogging } from './log';
import { applicationMenuTemplate } from './menu';
import { createNotifier } from './notifications';
import { createAppProtocolHandler } from './protocol';
import { guardWebContents, hardenSession } from './security';
import { createSessionVault, diskVaultFiles } from './session-token';
import type { StorageWarning } from './session-token';
import { createAttentionIndicator } from './tray';
import type { AttentionIndicator } from './tray';
import { resolveUpdateSetting, startAutoUpdates } from './updates';
import { createMainWindow, WINDOW_SIZING } from './window';
import { restoreWindowState, trackWindowState, windowStateFile } from './window-state';

const log = setUpLogging();

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;
let quitting = false;
let savedWindowState: unknown = null;
let indicator: AttentionIndicator | null = null;

const userFile = (name: string): string => path.join(app.getPath('userData'), name);
const stateFile = windowStateFile(userFile(USER_FILES.windowState));

function liveWindow(): BrowserWindow | null {
  return mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;
}

const router = createLaunchRouter({ getWindow: liveWindow, openWindow: openMainWindow, log });

function showDialog(options: MessageBoxOptions): Promise<MessageBoxReturnValue> {
  const window = liveWindow();
  return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
}

function openMainWindow(route: string | null): void {
  const restored = restoreWindowState(savedWindowState, screen.getAllDisplays(), screen.getPrimaryDisplay(), WINDOW_SIZING);
  const window = createMainWindow(path.join(app.getAppPath(), PRELOAD_FILE), { restored, route });
  trackWindowState(window, {
    displayMatching: (bounds) => screen.getDisplayMatching(bounds),
    save: (state) => {
      savedWindowState = state;
      stateFile.save(state);
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });
  // With a tray (Windows) or the dock (macOS) the app keeps running when its window is closed:
  // the renderer keeps syncing and the urgent count stays current. Linux desktops often show no
  // tray icon at all, so there closing the window quits.
  window.on('close', (event) => {
    if (quitting || process.platform === 'linux' || !(indicator?.hasTray() ?? false)) return;
    event.preventDefault();
    window.hide();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // A reload loses nothing: unsent edits wait in IndexedDB (see electron/crash-recovery.ts).
  const recover = createRendererRecovery({
    reload: () => window.webContents.reload(),
    giveUp: (details) => void rendererGaveUp(window, details.reason),
    now: Date.now,
    log,
  });
  window.webContents.on('render-process-gone', (_event, details) => recover(details));
  mainWindow = window;
  indicator?.refresh();
}

async function rendererGaveUp(window: BrowserWindow, reason: string): Promise<void> {
  const { response } = await showDialog({
    type: 'error',
    title: APP_NAME,
    message: 'The Astral Coach window keeps crashing.',
    detail: `Reason: ${reason}. Your roster and unsent changes are safe on this computer. Try again, or quit and start the app again; if this keeps happening, Help > Open Log Folder has the details.`,
    buttons: ['Try Again', 'Quit'],
    defaultId: 0,
  });
  if (response === 1) app.quit();
  else if (!window.isDestroyed()) window.webContents.reload();
}

function warnAboutTokenStorage(warning: StorageWarning): void {
  void showDialog({ type: 'warning', title: warning.title, message: warning.message, detail: warning.detail, buttons: ['OK'] });
}

function setTaskbarOverlay(count: number, description: string): void {
  const png = badgePng(count);
  liveWindow()?.setOverlayIcon(png === null ? null : nativeImage.createFromBuffer(png, { scaleFactor: 2 }), description);
}

function setUpMenu(): void {
  const template = applicationMenuTemplate(
    { platform: process.platform, appName: APP_NAME, devTools: !app.isPackaged },
    {
      find: () => {
        router.show(null);
        liveWindow()?.webContents.send(COMMAND_EVENT, 'find');
      },
      settings: () => router.show('/settings'),
      // Reloads the renderer: it reopens the local database and replication pulls from its
      // checkpoint; unsent edits are in IndexedDB, so nothing is lost.
      reloadData: () => liveWindow()?.webContents.reload(),
      openLogFolder: () => {
        shell.openPath(logFolder()).then(
          (error) => error && log.warn('could not open the log folder', error),
          (error: unknown) => log.warn('could not open the log folder', error),
        );
      },
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function readConfigText(): Promise<string | null> {
  try {
    return await fs.readFile(userFile(USER_FILES.config), 'utf8');
  } catch {
    return null;
  }
}

async function onReady(): Promise<void> {
  hardenSession(session.defaultSession, { log });
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: path.join(app.getAppPath(), RENDERER_DIR), log }));
  const vault = createSessionVault({
    safeStorage,
    platform: process.platform,
    tokenFile: userFile(USER_FILES.sessionToken),
    warningFile: userFile(USER_FILES.sessionTokenWarning),
    files: diskVaultFiles,
    warn: warnAboutTokenStorage,
    log,
  });
  indicator = createAttentionIndicator({
    platform: process.platform,
    appName: APP_NAME,
    createTray: () => new Tray(path.join(app.getAppPath(), TRAY_ICON_DIR, trayIconFile(process.platform))),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    setAppBadge: (count) => {
      app.setBadgeCount(count);
    },
    setTaskbarOverlay,
    show: (route) => router.show(route),
    quit: () => app.quit(),
    log,
  });
  registerIpc(ipcMain, {
    getMainFrame: () => liveWindow()?.webContents.mainFrame ?? null,
    notify: createNotifier({
      isSupported: () => Notification.isSupported(),
      createNotification: (options) => new Notification(options),
      getWindow: liveWindow,
      log,
    }),
    getVersion: () => app.getVersion(),
    setBadgeCount: (count) => indicator?.setCount(count),
    sessionToken: vault,
    log,
  });
  setUpMenu();
  savedWindowState = await stateFile.load();
  openMainWindow(router.initialRoute(process.argv));
  router.markReady();
  app.on('activate', () => router.show(null));
  log.info('shell ready', { version: app.getVersion(), electron: process.versions.electron });
  await startAutoUpdates({
    setting: resolveUpdateSetting(process.env, await readConfigText()),
    isPackaged: app.isPackaged,
    loadUpdater: async () => (await import('electron-updater')).autoUpdater,
    setInterval: (callback, ms) => setInterval(callback, ms),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    log,
  });
}

if (app.requestSingleInstanceLock()) {
  app.setAppUserModelId(APP_ID);
  registerDeepLinkProtocol(app, process, (file) => path.resolve(file));
  // macOS delivers deep links (also the one that started the app) as open-url, possibly before ready.
  app.on('open-url', (event, url) => router.onOpenUrl(event, url));
  // Windows and Linux start a second process with the link in argv; it hands over and quits.
  app.on('second-instance', (_event, argv) => router.onSecondInstance(argv));
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { openExternal: (url) => shell.openExternal(url), log });
  });
  app.on('before-quit', () => {
    quitting = true;
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
  // Another instance owns the window and the IndexedDB database: Electron hands our argv (with
  // any deep link) to it as `second-instance`, and it comes forward. This process just ends.
  app.quit();
}
