/**
 * The application menu, following each platform's conventions: on macOS the app menu carries
 * About, Settings… (Cmd+,), Services, Hide and Quit (Cmd+Q) and there is a Window menu; on
 * Windows Settings and Exit sit in File (Exit has no shortcut: Alt+F4 is the system's); on Linux
 * Preferences sits in Edit and Quit (Ctrl+Q) in File. Everywhere: Find (CmdOrCtrl+F) focuses the
 * roster search, Reload Data (CmdOrCtrl+R) reloads the roster, Help offers the log folder.
 * Edit roles are kept because without them copy and paste stop working in the window on macOS.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  find(): void;
  settings(): void;
  reloadData(): void;
  openLogFolder(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools only in development builds (`app.isPackaged` false). */
  devTools: boolean;
}

export function applicationMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const { platform, appName } = options;
  const mac = platform === 'darwin';
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: mac ? 'Settings…' : platform === 'win32' ? 'Settings' : 'Preferences',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.settings(),
  };
  const find: MenuItemConstructorOptions = { id: 'find', label: 'Find Athlete', accelerator: 'CmdOrCtrl+F', click: () => actions.find() };
  const reloadData: MenuItemConstructorOptions = {
    id: 'reload-data',
    label: 'Reload Data',
    accelerator: 'CmdOrCtrl+R',
    click: () => actions.reloadData(),
  };
  const openLogFolder: MenuItemConstructorOptions = { id: 'open-log-folder', label: 'Open Log Folder', click: () => actions.openLogFolder() };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      settings,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    id: 'file',
    label: mac ? 'File' : '&File',
    submenu: mac ? [{ role: 'close' }] : platform === 'win32' ? [settings, { type: 'separator' }, { role: 'quit' }] : [{ role: 'quit' }],
  };
  const editMenu: MenuItemConstructorOptions = {
    id: 'edit',
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      { type: 'separator' },
      find,
      ...(platform === 'linux' ? [{ type: 'separator' } as const, settings] : []),
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    id: 'view',
    label: mac ? 'View' : '&View',
    submenu: [
      reloadData,
      ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const helpMenu: MenuItemConstructorOptions = {
    id: 'help',
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: mac ? [openLogFolder] : [openLogFolder, { type: 'separator' }, { role: 'about' }],
  };
  return mac ? [appMenu, fileMenu, editMenu, viewMenu, { role: 'windowMenu' }, helpMenu] : [fileMenu, editMenu, viewMenu, helpMenu];
}
