/**
 * Names the shell shares between its modules and with the packaging config (electron-builder.yml).
 * The renderer is served from `app://app/`: a privileged standard+secure scheme gives it a stable
 * origin for IndexedDB (the RxDB roster lives there) without the extra powers of `file://`.
 */
export const APP_ID = 'coach.astral.app';
export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Where the build puts things, relative to `app.getAppPath()` (the project dir or app.asar). */
export const RENDERER_DIR = 'dist/renderer';
export const PRELOAD_FILE = 'dist/electron/preload.cjs';
/** Tray / menu-bar icons, copied from build/tray by scripts/build-electron.mjs. */
export const TRAY_ICON_DIR = 'dist/electron/tray';

export const APP_NAME = 'Astral Coach';

/** Files under `app.getPath('userData')`. */
export const USER_FILES = {
  windowState: 'window-state.json',
  sessionToken: 'session-token.bin',
  sessionTokenWarning: 'session-token-warning.txt',
  config: 'config.json',
} as const;

/** The tray icon for a platform: a template image on macOS (it follows the menu bar's colours). */
export function trayIconFile(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
}

/** True for URLs of the app's own origin. Node's URL reports `origin` "null" for custom schemes, so
 * compare protocol and host instead. */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST && url.username === '' && url.password === '';
}
