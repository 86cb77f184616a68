/**
 * The one way to the Electron shell: `window.astral` (shared/ipc/contract.ts), which is absent in a
 * plain browser. Native notifications go through the bridge there; in a browser the web
 * Notification API is used, and only when the coach already granted it (the app never prompts).
 */
import type { AstralBridge, NotifyPayload, ShellCommand } from '../../shared/ipc/contract';
import { handleFind } from './find';

declare global {
  interface Window {
    astral?: AstralBridge;
  }
}

export const bridge = (): AstralBridge | undefined => (typeof window === 'undefined' ? undefined : window.astral);

export function notifyDesktop(payload: NotifyPayload): void {
  const shell = bridge();
  if (shell) {
    shell.notify({ ...payload, title: payload.title.slice(0, 120), body: payload.body.slice(0, 500) }).catch(() => undefined);
    return;
  }
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
    try {
      new Notification(payload.title, { body: payload.body });
    } catch {
      /* some browsers only allow notifications from a service worker */
    }
  }
}

/** The open urgent attention count for the tray/menu-bar icon and the dock/taskbar badge. */
export function setBadgeCount(count: number): void {
  bridge()?.setBadgeCount(Math.max(0, Math.min(9999, Math.floor(count)))).catch(() => undefined);
}

/**
 * Routes the shell asks for (notification clicks, deep links, tray, Settings in the menu), and
 * the menu's Find, which needs the same navigate to reach the roster first: the app subscribes
 * once, where it has the router (app/routes.tsx). In a browser this does nothing.
 */
export function onShellNavigate(navigate: (route: string) => void): () => void {
  const shell = bridge();
  if (!shell) return () => undefined;
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
