/**
 * The one app window. Its webPreferences are the DESIGN.md baseline and must not be loosened:
 * the renderer is an untrusted web page that talks to the shell only through the preload bridge.
 */
import { BrowserWindow, nativeTheme } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-config';

export function mainWindowOptions(preloadPath: string, darkTheme: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
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

/** Creates the window and loads the renderer from app://app. Shown once the first paint is ready. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
