import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { applicationMenuTemplate } from './menu';

function actions() {
  return { find: vi.fn(), settings: vi.fn(), reloadData: vi.fn(), openLogFolder: vi.fn() };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...flatten(Array.isArray(item.submenu) ? item.submenu : [])]);
}

function build(platform: NodeJS.Platform, devTools = false) {
  const handlers = actions();
  const menu = applicationMenuTemplate({ platform, appName: 'Astral Coach', devTools }, handlers);
  const items = flatten(menu);
  const byId = (id: string) => {
    const found = items.find((item) => item.id === id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };
  const roles = items.map((item) => item.role).filter(Boolean);
  return { menu, items, byId, roles, handlers };
}

const click = (item: MenuItemConstructorOptions) => item.click?.({} as never, undefined, {} as never);

describe('application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('on %s: Find, Settings, Reload Data, Quit and the log folder are there and wired', (platform) => {
    const { byId, roles, handlers } = build(platform);
    expect(byId('find').accelerator).toBe('CmdOrCtrl+F');
    expect(byId('settings').accelerator).toBe('CmdOrCtrl+,');
    expect(byId('reload-data').accelerator).toBe('CmdOrCtrl+R');
    expect(roles).toContain('quit');
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    click(byId('find'));
    click(byId('settings'));
    click(byId('reload-data'));
    click(byId('open-log-folder'));
    expect(handlers.find).toHaveBeenCalledOnce();
    expect(handlers.settings).toHaveBeenCalledOnce();
    expect(handlers.reloadData).toHaveBeenCalledOnce();
    expect(handlers.openLogFolder).toHaveBeenCalledOnce();
  });

  it('macOS: app menu first with About, Settings…, Services, Hide and Quit; a Window menu', () => {
    const { menu } = build('darwin');
    expect(menu[0]?.label).toBe('Astral Coach');
    const appMenu = (menu[0]?.submenu as MenuItemConstructorOptions[]).map((item) => item.role ?? item.label ?? item.type);
    expect(appMenu).toEqual(['about', 'separator', 'Settings…', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
    expect(menu.map((item) => item.role ?? item.label)).toEqual(['Astral Coach', 'File', 'Edit', 'View', 'windowMenu', 'help']);
  });

  it('Windows: Settings and Exit in File, About in Help, mnemonics on the menus', () => {
    const { menu } = build('win32');
    expect(menu.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = (menu[0]?.submenu as MenuItemConstructorOptions[]).map((item) => item.id ?? item.role ?? item.type);
    expect(file).toEqual(['settings', 'separator', 'quit']);
    expect(flatten(menu).find((item) => item.id === 'settings')?.label).toBe('Settings');
    expect(flatten(menu[3]?.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).toContain('about');
  });

  it('Linux: Preferences in Edit, Quit in File', () => {
    const { menu, byId } = build('linux');
    expect(byId('settings').label).toBe('Preferences');
    const edit = (menu[1]?.submenu as MenuItemConstructorOptions[]).map((item) => item.id ?? item.role ?? item.type);
    expect(edit.slice(-3)).toEqual(['find', 'separator', 'settings']);
    expect((menu[0]?.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).toEqual(['quit']);
  });

  it('offers developer tools only in development builds', () => {
    expect(build('linux', false).roles).not.toContain('toggleDevTools');
    expect(build('linux', true).roles).toContain('toggleDevTools');
  });
});
