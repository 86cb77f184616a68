/**
 * The one app window. Its webPreferences are the DESIGN.md baseline and must not be loosened:
 * the renderer is an untrusted web page that talks to the shell only through the preload bridge.
 */
import { BrowserWindow, nativeTheme } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-config';
import type { RestoredWindow, WindowSizing } from './window-state';

export const WINDOW_SIZING: WindowSizing = { width: 1280, height: 820, minWidth: 900, minHeight: 600 };

export function mainWindowOptions(preloadPath: string, darkTheme: boolean, restored?: RestoredWindow): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZING,
    ...restored?.bounds,
    show: false,
    title: 'Astral Coach',
    backgroundColor: darkTheme ? '#1a1b1e' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

export interface MainWindowOptions {
  /** Size, position and state of the last session (electron/window-state.ts). */
  restored?: RestoredWindow;
  /** An in-app route to open instead of the roster (a deep link at cold start). */
  route?: string | null;
}

/**
 * Creates the window and loads the renderer from app://app (on `route` when given: the app://
 * handler serves index.html for client routes). Shown, maximised or full screen as it was left,
 * once the first paint is ready.
 */
export function createMainWindow(preloadPath: string, options: MainWindowOptions = {}): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors, options.restored));
  window.once('ready-to-show', () => {
    if (options.restored?.fullScreen) window.setFullScreen(true);
    else if (options.restored?.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.route ? `${APP_ORIGIN}${options.route}` : APP_ENTRY_URL);
  return window;
}
