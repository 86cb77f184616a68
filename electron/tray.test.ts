import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createAttentionIndicator, trayMenuTemplate, trayToolTip, urgentLabel } from './tray';
import type { AttentionIndicatorDeps, TrayLike } from './tray';

function fakeTray() {
  const listeners = new Map<string, () => void>();
  const tray = {
    toolTip: '',
    title: '',
    menu: [] as MenuItemConstructorOptions[],
    destroyed: false,
    setToolTip: vi.fn((text: string) => {
      tray.toolTip = text;
    }),
    setContextMenu: vi.fn((menu: unknown) => {
      tray.menu = menu as MenuItemConstructorOptions[];
    }),
    setTitle: vi.fn((title: string) => {
      tray.title = title;
    }),
    on: vi.fn((event: string, listener: () => void) => listeners.set(event, listener)),
    destroy: vi.fn(() => {
      tray.destroyed = true;
    }),
    click: () => listeners.get('click')?.(),
  };
  return tray satisfies TrayLike;
}

function setUp(platform: NodeJS.Platform, tray: ReturnType<typeof fakeTray> | null = fakeTray()) {
  const deps = {
    platform,
    appName: 'Astral Coach',
    createTray: vi.fn(() => tray),
    buildMenu: vi.fn((template: MenuItemConstructorOptions[]) => template),
    setAppBadge: vi.fn(),
    setTaskbarOverlay: vi.fn(),
    show: vi.fn(),
    quit: vi.fn(),
    log: { warn: vi.fn() },
  } satisfies AttentionIndicatorDeps;
  return { deps, tray, indicator: createAttentionIndicator(deps) };
}

function item(menu: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = menu.find((entry) => entry.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

describe('tray count', () => {
  it('starts at zero: plain tooltip, a disabled count item, no badge', () => {
    const { tray, deps } = setUp('linux');
    expect(tray?.toolTip).toBe('Astral Coach');
    expect(item(tray?.menu ?? [], 'attention')).toMatchObject({ label: 'No urgent attention signals', enabled: false });
    expect(deps.setAppBadge).toHaveBeenLastCalledWith(0);
  });

  it('shows the open urgent count in the tooltip, the menu and the launcher badge (Linux)', () => {
    const { tray, deps, indicator } = setUp('linux');
    indicator.setCount(3);
    expect(indicator.count()).toBe(3);
    expect(tray?.toolTip).toBe('Astral Coach: 3 urgent attention signals');
    expect(item(tray?.menu ?? [], 'attention')).toMatchObject({ label: '3 urgent attention signals', enabled: true });
    expect(deps.setAppBadge).toHaveBeenLastCalledWith(3);
    expect(deps.setTaskbarOverlay).not.toHaveBeenCalled();
    // Linux only picks up a changed menu when it is set again
    expect(tray?.setContextMenu).toHaveBeenCalledTimes(2);
    indicator.setCount(1);
    expect(tray?.toolTip).toBe('Astral Coach: 1 urgent attention signal');
  });

  it('puts the count next to the menu-bar icon and on the dock on macOS', () => {
    const { tray, deps, indicator } = setUp('darwin');
    indicator.setCount(12);
    expect(tray?.title).toBe('12');
    expect(deps.setAppBadge).toHaveBeenLastCalledWith(12);
    indicator.setCount(0);
    expect(tray?.title).toBe('');
    expect(deps.setAppBadge).toHaveBeenLastCalledWith(0);
  });

  it('uses the taskbar overlay on Windows, cleared at zero', () => {
    const { deps, indicator } = setUp('win32');
    indicator.setCount(2);
    expect(deps.setTaskbarOverlay).toHaveBeenLastCalledWith(2, '2 urgent attention signals');
    indicator.setCount(0);
    expect(deps.setTaskbarOverlay).toHaveBeenLastCalledWith(0, '');
    expect(deps.setAppBadge).not.toHaveBeenCalled();
  });

  it('does not redraw for an unchanged count, and re-applies it for a new window', () => {
    const { tray, deps, indicator } = setUp('win32');
    indicator.setCount(4);
    indicator.setCount(4);
    expect(tray?.setContextMenu).toHaveBeenCalledTimes(2);
    indicator.refresh();
    expect(deps.setTaskbarOverlay).toHaveBeenCalledTimes(3);
    expect(deps.setTaskbarOverlay).toHaveBeenLastCalledWith(4, '4 urgent attention signals');
  });

  it('floors odd counts and never goes below zero', () => {
    const { indicator } = setUp('linux');
    indicator.setCount(2.7);
    expect(indicator.count()).toBe(2);
    indicator.setCount(-5);
    expect(indicator.count()).toBe(0);
  });
});

describe('tray menu and clicks', () => {
  it('opens the attention screen, opens the app, and quits', () => {
    const { tray, deps, indicator } = setUp('linux');
    indicator.setCount(1);
    const menu = tray?.menu ?? [];
    item(menu, 'attention').click?.({} as never, undefined, {} as never);
    expect(deps.show).toHaveBeenLastCalledWith('/attention');
    item(menu, 'open').click?.({} as never, undefined, {} as never);
    expect(deps.show).toHaveBeenLastCalledWith(null);
    item(menu, 'quit').click?.({} as never, undefined, {} as never);
    expect(deps.quit).toHaveBeenCalled();
  });

  it('a click on the icon opens the app on Windows and Linux; macOS shows the menu instead', () => {
    const windows = setUp('win32');
    windows.tray?.click();
    expect(windows.deps.show).toHaveBeenCalledWith(null);
    const mac = setUp('darwin');
    expect(mac.tray?.on).not.toHaveBeenCalled();
  });

  it('still keeps the badge where the desktop has no tray', () => {
    const { deps, indicator } = setUp('linux', null);
    expect(indicator.hasTray()).toBe(false);
    indicator.setCount(5);
    expect(deps.setAppBadge).toHaveBeenLastCalledWith(5);
    const throwing = createAttentionIndicator({
      ...deps,
      createTray: () => {
        throw new Error('no StatusNotifier');
      },
    });
    expect(throwing.hasTray()).toBe(false);
    expect(deps.log.warn).toHaveBeenCalled();
  });

  it('destroys the icon', () => {
    const { tray, indicator } = setUp('linux');
    indicator.destroy();
    expect(tray?.destroyed).toBe(true);
    expect(indicator.hasTray()).toBe(false);
  });

  it('labels', () => {
    expect(urgentLabel(0)).toBe('No urgent attention signals');
    expect(trayToolTip('Astral Coach', 0)).toBe('Astral Coach');
    expect(trayMenuTemplate('Astral Coach', 0, { show: vi.fn(), quit: vi.fn() }).map((entry) => entry.label ?? entry.type)).toEqual([
      'No urgent attention signals',
      'separator',
      'Open Astral Coach',
      'separator',
      'Quit Astral Coach',
    ]);
  });
});
