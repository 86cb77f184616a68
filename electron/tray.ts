/**
 * The open urgent attention count, everywhere the platform shows one: the tray (Windows, Linux)
 * or menu-bar (macOS) icon's tooltip, title and menu, the dock badge (macOS) and launcher badge
 * (Linux/Unity) through `app.setBadgeCount`, and the taskbar overlay on Windows. The renderer
 * reports the count through the setBadgeCount IPC. The tray menu opens the app, the attention
 * screen, or quits. Electron objects are injected (Signal-Desktop's SystemTrayService pattern).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  setTitle(title: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface AttentionIndicatorDeps {
  platform: NodeJS.Platform;
  appName: string;
  /** Creates the tray icon; null (or a throw) where the desktop has none. */
  createTray(): TrayLike | null;
  /** Menu.buildFromTemplate. */
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  /** app.setBadgeCount: the dock (macOS) or Unity launcher (Linux) badge. */
  setAppBadge(count: number): void;
  /** The Windows taskbar overlay of the main window (null image clears it). */
  setTaskbarOverlay(count: number, description: string): void;
  /** Brings the app forward, on `route` when given. */
  show(route: string | null): void;
  quit(): void;
  log: { warn(...args: unknown[]): void };
}

export interface AttentionIndicator {
  setCount(count: number): void;
  count(): number;
  /** Applies the current count again (after the window was re-created). */
  refresh(): void;
  hasTray(): boolean;
  destroy(): void;
}

export function urgentLabel(count: number): string {
  if (count <= 0) return 'No urgent attention signals';
  return count === 1 ? '1 urgent attention signal' : `${count} urgent attention signals`;
}

export function trayToolTip(appName: string, count: number): string {
  return count > 0 ? `${appName}: ${urgentLabel(count)}` : appName;
}

export function trayMenuTemplate(
  appName: string,
  count: number,
  actions: { show(route: string | null): void; quit(): void },
): MenuItemConstructorOptions[] {
  return [
    { id: 'attention', label: urgentLabel(count), enabled: count > 0, click: () => actions.show('/attention') },
    { type: 'separator' },
    { id: 'open', label: `Open ${appName}`, click: () => actions.show(null) },
    { type: 'separator' },
    { id: 'quit', label: `Quit ${appName}`, click: () => actions.quit() },
  ];
}

export function createAttentionIndicator(deps: AttentionIndicatorDeps): AttentionIndicator {
  let current = 0;
  let tray: TrayLike | null = null;
  try {
    tray = deps.createTray();
  } catch (error) {
    deps.log.warn('no tray icon on this desktop', error);
  }
  // Windows and most Linux trays open the app on a click; macOS shows the menu instead.
  if (tray !== null && deps.platform !== 'darwin') tray.on('click', () => deps.show(null));

  function apply(): void {
    if (tray !== null) {
      tray.setToolTip(trayToolTip(deps.appName, current));
      // Linux (AppIndicator) only picks up menu changes when the menu is set again.
      tray.setContextMenu(deps.buildMenu(trayMenuTemplate(deps.appName, current, deps)));
      if (deps.platform === 'darwin') tray.setTitle(current > 0 ? String(current) : '');
    }
    if (deps.platform === 'win32') deps.setTaskbarOverlay(current, current > 0 ? urgentLabel(current) : '');
    else deps.setAppBadge(current);
  }

  apply();
  return {
    setCount(count) {
      const next = Math.max(0, Math.floor(count));
      if (next === current) return;
      current = next;
      apply();
    },
    count: () => current,
    refresh: apply,
    hasTray: () => tray !== null,
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}
