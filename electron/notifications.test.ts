import { describe, expect, it, vi } from 'vitest';
import { NAVIGATE_EVENT } from '../shared/ipc/contract';
import { createNotifier } from './notifications';
import type { FocusableWindow, NotificationLike } from './notifications';

class FakeNotification implements NotificationLike {
  listeners = new Map<string, () => void>();
  shown = false;
  constructor(readonly options: { title: string; body: string }) {}
  on(event: 'click' | 'close', listener: () => void) {
    this.listeners.set(event, listener);
    return this;
  }
  show() {
    this.shown = true;
  }
  emit(event: 'click' | 'close') {
    this.listeners.get(event)?.();
  }
}

function fakeWindow(minimized = false): FocusableWindow & { send: ReturnType<typeof vi.fn> } {
  const send = vi.fn();
  return {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
    webContents: { send },
    send,
  };
}

function setUp(window: FocusableWindow | null, supported = true) {
  const created: FakeNotification[] = [];
  const notify = createNotifier({
    isSupported: () => supported,
    createNotification: (options) => {
      const notification = new FakeNotification(options);
      created.push(notification);
      return notification;
    },
    getWindow: () => window,
    log: { info: vi.fn() },
  });
  return { notify, created };
}

describe('createNotifier', () => {
  it('shows a native notification with the title and body only', () => {
    const { notify, created } = setUp(fakeWindow());
    notify({ title: 'Sync refused', body: 'Ana: status change not allowed', route: '/athletes/ana' });
    expect(created).toHaveLength(1);
    expect(created[0]?.options).toEqual({ title: 'Sync refused', body: 'Ana: status change not allowed' });
    expect(created[0]?.shown).toBe(true);
  });

  it('on click restores and focuses the window and sends the route to the renderer', () => {
    const window = fakeWindow(true);
    const { notify, created } = setUp(window);
    notify({ title: 't', body: 'b', route: '/athletes/ana' });
    created[0]?.emit('click');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.send).toHaveBeenCalledWith(NAVIGATE_EVENT, '/athletes/ana');
  });

  it('focuses without navigating when there is no route, and survives a closed window', () => {
    const window = fakeWindow();
    const { notify, created } = setUp(window);
    notify({ title: 't', body: 'b' });
    created[0]?.emit('click');
    expect(window.focus).toHaveBeenCalled();
    expect(window.send).not.toHaveBeenCalled();
    const none = setUp(null);
    none.notify({ title: 't', body: 'b', route: '/x' });
    expect(() => none.created[0]?.emit('click')).not.toThrow();
  });

  it('does nothing where the platform has no notifications', () => {
    const { notify, created } = setUp(fakeWindow(), false);
    notify({ title: 't', body: 'b' });
    expect(created).toHaveLength(0);
  });
});
