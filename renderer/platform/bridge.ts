/**
 * The one way to the Electron shell: `window.astral` (shared/ipc/contract.ts), which is absent in a
 * plain browser. Native notifications go through the bridge there; in a browser the web
 * Notification API is used, and only when the coach already granted it (the app never prompts).
 */
import type { AstralBridge, NotifyPayload } from '../../shared/ipc/contract';

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

export function setBadgeCount(count: number): void {
  bridge()?.setBadgeCount(Math.max(0, Math.min(9999, count))).catch(() => undefined);
}

export function onShellNavigate(listener: (route: string) => void): () => void {
  return bridge()?.onNavigate(listener) ?? (() => undefined);
}
