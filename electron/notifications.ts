/**
 * Native notifications for the renderer's `notify` call. Clicking one brings the window forward and
 * sends its route over NAVIGATE_EVENT so the renderer opens that screen. Shown notifications are
 * held until closed or clicked: an unreferenced Notification can be garbage-collected and lose its
 * click handler (https://github.com/electron/electron/issues/16922).
 */
import { NAVIGATE_EVENT } from '../shared/ipc/contract';
import type { NotifyPayload } from '../shared/ipc/contract';

export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

export interface NotifierDeps {
  isSupported(): boolean;
  createNotification(options: { title: string; body: string }): NotificationLike;
  getWindow(): FocusableWindow | null;
  log: { info(...args: unknown[]): void };
}

export function focusWindow(window: FocusableWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export function createNotifier(deps: NotifierDeps): (payload: NotifyPayload) => void {
  const live = new Set<NotificationLike>();
  return (payload) => {
    if (!deps.isSupported()) {
      deps.log.info('notifications not supported here; dropped', { title: payload.title });
      return;
    }
    const notification = deps.createNotification({ title: payload.title, body: payload.body });
    live.add(notification);
    notification.on('close', () => live.delete(notification));
    notification.on('click', () => {
      live.delete(notification);
      const window = deps.getWindow();
      if (window === null || window.isDestroyed()) return;
      focusWindow(window);
      if (payload.route !== undefined) window.webContents.send(NAVIGATE_EVENT, payload.route);
    });
    notification.show();
  };
}
