/**
 * The one way to the Electron shell: `window.astral` (shared/ipc/contract.ts), which is absent in a
 * plain browser. Native notifications go through the bridge there; in a browser the web
 * Notification API is used, and only when the coach granted it (asked only from a button in
 * Settings, never on its own).
 */
import type { AstralBridge, NotifyPayload, ShellCommand } from '../../shared/ipc/contract';
import { handleFind } from './find';

declare global {
  interface Window {
    astral?: AstralBridge;
  }
}

export const bridge = (): AstralBridge | undefined => (typeof window === 'undefined' ? undefined : window.astral);

/** Routes asked for by clicks on web notifications (browser mode); the app subscribes through onShellNavigate. */
const webNavigate = new Set<(route: string) => void>();

/**
 * A native notification in the shell. In a browser: a web Notification when the coach granted it,
 * by default only while the page is hidden (sync messages also show in the page); attention
 * notifications pass `evenWhenVisible`, as the shell shows them too. A click focuses the window and
 * opens the payload's route.
 */
export function notifyDesktop(payload: NotifyPayload, options: { evenWhenVisible?: boolean } = {}): void {
  const shell = bridge();
  const title = payload.title.slice(0, 120);
  const body = payload.body.slice(0, 500);
  if (shell) {
    shell.notify({ ...payload, title, body }).catch(() => undefined);
    return;
  }
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (!options.evenWhenVisible && document.visibilityState === 'visible') return;
  try {
    const shown = new Notification(title, { body });
    const route = payload.route;
    shown.onclick = () => {
      window.focus();
      if (route !== undefined) for (const navigate of webNavigate) navigate(route);
      shown.close();
    };
  } catch {
    /* some browsers only allow notifications from a service worker */
  }
}

/** Browser mode: may the app show web notifications, and can it ask? */
export function webNotificationPermission(): NotificationPermission | 'unsupported' | 'shell' {
  if (bridge()) return 'shell';
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Browser mode: asks for permission (call from a click). */
export async function requestWebNotifications(): Promise<NotificationPermission | 'unsupported' | 'shell'> {
  if (bridge()) return 'shell';
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** The open urgent attention count for the tray/menu-bar icon and the dock/taskbar badge. */
export function setBadgeCount(count: number): void {
  bridge()?.setBadgeCount(Math.max(0, Math.min(9999, Math.floor(count)))).catch(() => undefined);
}

/**
 * Routes the shell asks for (notification clicks, deep links, tray, Settings in the menu; in a
 * browser, clicks on web notifications), and
 * the menu's Find, which needs the same navigate to reach the roster first: the app subscribes
 * once, where it has the router (app/routes.tsx).
 */
export function onShellNavigate(navigate: (route: string) => void): () => void {
  const shell = bridge();
  if (!shell) {
    webNavigate.add(navigate);
    return () => webNavigate.delete(navigate);
  }
  const stopNavigate = shell.onNavigate(navigate);
  const stopCommands = onShellCommand((command) => {
    if (command === 'find') handleFind(navigate);
  });
  return () => {
    stopNavigate();
    stopCommands();
  };
}

export function onShellCommand(listener: (command: ShellCommand) => void): () => void {
  return bridge()?.onCommand(listener) ?? (() => undefined);
}
