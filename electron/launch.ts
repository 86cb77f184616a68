/**
 * Where launches land: the single-instance hand-over and the deep links of every platform.
 * - Cold start: the route of a deep link in the first instance's argv (Windows, Linux) or of an
 *   `open-url` that macOS delivers before `ready`; the window then loads that route directly.
 * - While running: a second launch (Windows, Linux: its argv arrives in `second-instance`) or an
 *   `open-url` (macOS) focuses the window and sends the route over NAVIGATE_EVENT. A window that is
 *   still loading gets the route's URL instead (its renderer may not listen yet); no window at all
 *   (macOS, all windows closed) opens one on the route.
 * Electron objects are injected, so all of this is tested without an Electron binary.
 */
import { NAVIGATE_EVENT } from '../shared/ipc/contract';
import { APP_ORIGIN } from './app-config';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink } from './deep-links';
import { focusWindow } from './notifications';
import type { FocusableWindow } from './notifications';

export interface RoutableWindow extends FocusableWindow {
  webContents: FocusableWindow['webContents'] & { isLoading(): boolean };
  loadURL(url: string): Promise<void>;
}

export interface LaunchDeps {
  getWindow(): RoutableWindow | null;
  /** Opens the main window, on `route` when one is given. */
  openWindow(route: string | null): void;
  log: { info(...args: unknown[]): void; warn(...args: unknown[]): void };
}

export interface LaunchRouter {
  /** The route the first window opens on: a deep link of the cold start, or null for the roster. */
  initialRoute(argv: readonly string[]): string | null;
  /** macOS `open-url` (registered before ready: a cold start by link arrives that way). */
  onOpenUrl(event: { preventDefault(): void }, url: string): void;
  /** `second-instance`: another launch handed over its command line. */
  onSecondInstance(argv: readonly string[]): void;
  /** Brings the app forward on `route` (tray items use it too). */
  show(route: string | null): void;
  /** Called once the app is ready and the first window exists. */
  markReady(): void;
}

export function appUrlOf(route: string): string {
  return `${APP_ORIGIN}${route}`;
}

export function createLaunchRouter(deps: LaunchDeps): LaunchRouter {
  let ready = false;
  let pendingRoute: string | null = null;

  function show(route: string | null): void {
    const window = deps.getWindow();
    if (window === null || window.isDestroyed()) {
      deps.openWindow(route);
      return;
    }
    focusWindow(window);
    if (route === null) return;
    if (window.webContents.isLoading()) void window.loadURL(appUrlOf(route));
    else window.webContents.send(NAVIGATE_EVENT, route);
  }

  return {
    initialRoute(argv) {
      const fromArgv = deepLinkFromArgv(argv);
      const route = pendingRoute ?? fromArgv;
      pendingRoute = null;
      if (route !== null) deps.log.info('opening on a deep link', { route });
      return route;
    },
    onOpenUrl(event, url) {
      event.preventDefault();
      const route = parseDeepLink(url);
      if (route === null) deps.log.warn('ignored a link that is not an Astral Coach deep link', { scheme: DEEP_LINK_SCHEME });
      if (!ready) {
        if (route !== null) pendingRoute = route;
        return;
      }
      show(route);
    },
    onSecondInstance(argv) {
      const route = deepLinkFromArgv(argv);
      deps.log.info('second launch handed over', { route });
      if (ready) show(route);
      else if (route !== null) pendingRoute = route;
    },
    show,
    markReady() {
      ready = true;
      if (pendingRoute !== null) {
        const route = pendingRoute;
        pendingRoute = null;
        show(route);
      }
    },
  };
}

export interface ProtocolClientApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/**
 * Registers `astral://` with the OS at run time: the Windows registry (per user; the NSIS
 * installer also writes it, build/installer.nsh) and macOS LaunchServices. Linux registers through
 * the desktop file's MimeType, which electron-builder writes from `protocols`. In development
 * (`electron .`) the OS must start Electron with the project folder, hence the extra argument.
 */
export function registerDeepLinkProtocol(app: ProtocolClientApp, proc: { defaultApp?: boolean; execPath: string; argv: readonly string[] }, resolve: (p: string) => string): boolean {
  const script = proc.argv[1];
  if (proc.defaultApp === true && script !== undefined) {
    return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, proc.execPath, [resolve(script)]);
  }
  return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
}
