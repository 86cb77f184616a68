import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_EVENT, IPC_CHANNELS, NAVIGATE_EVENT } from '../shared/ipc/contract';

type Listener = (...args: unknown[]) => unknown;
interface MenuItem {
  id?: string;
  label?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

const electron = vi.hoisted(() => {
  const state = {
    lock: true,
    userData: '',
    appListeners: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as {
      options: { webPreferences?: Record<string, unknown>; x?: number; width?: number };
      url?: string;
      listeners: Map<string, Listener>;
      show: ReturnType<typeof vi.fn>;
      focus: ReturnType<typeof vi.fn>;
      mainFrame: { url: string; processId: number; routingId: number };
      webContents: { send: ReturnType<typeof vi.fn>; reload: ReturnType<typeof vi.fn>; listeners: Map<string, Listener> };
    }[],
    trays: [] as { toolTip: string; menu: unknown }[],
    menu: null as unknown,
    calls: [] as string[],
  };
  class BrowserWindow {
    url?: string;
    listeners = new Map<string, Listener>();
    mainFrame = { url: 'app://app/index.html', processId: 7, routingId: 1 };
    webContents = {
      listeners: new Map<string, Listener>(),
      on: vi.fn((event: string, listener: Listener) => this.webContents.listeners.set(event, listener)),
      send: vi.fn(),
      reload: vi.fn(),
      isLoading: () => false,
      mainFrame: this.mainFrame,
    };
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      state.windows.push(this);
      state.calls.push('new BrowserWindow');
    }
    static getAllWindows = () => state.windows;
    once = vi.fn();
    on = vi.fn((event: string, listener: Listener) => this.listeners.set(event, listener));
    show = vi.fn();
    hide = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isDestroyed = () => false;
    setOverlayIcon = vi.fn();
    loadURL = vi.fn((url: string) => {
      this.url = url;
      return Promise.resolve();
    });
  }
  class Notification {
    static isSupported = () => true;
    on = vi.fn();
    show = vi.fn();
  }
  class Tray {
    toolTip = '';
    menu: unknown = null;
    constructor(readonly icon: string) {
      state.trays.push(this);
    }
    setToolTip = (text: string) => {
      this.toolTip = text;
    };
    setContextMenu = (menu: unknown) => {
      this.menu = menu;
    };
    setTitle = vi.fn();
    on = vi.fn();
    destroy = vi.fn();
  }
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  const app = {
    requestSingleInstanceLock: vi.fn(() => state.lock),
    setAppUserModelId: vi.fn(),
    setAsDefaultProtocolClient: vi.fn(() => true),
    on: vi.fn((event: string, listener: Listener) => state.appListeners.set(event, listener)),
    whenReady: vi.fn(() => {
      state.calls.push('whenReady');
      return Promise.resolve();
    }),
    getAppPath: () => '/opt/astral/resources/app.asar',
    getPath: () => state.userData,
    getVersion: () => '0.1.0',
    isPackaged: false,
    quit: vi.fn(),
    setBadgeCount: vi.fn(),
  };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => state.calls.push('registerSchemesAsPrivileged')),
    handle: vi.fn(),
  };
  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
  return {
    state,
    module: {
      app,
      BrowserWindow,
      Notification,
      Tray,
      Menu: {
        buildFromTemplate: vi.fn((template: unknown) => template),
        setApplicationMenu: vi.fn((menu: unknown) => {
          state.menu = menu;
        }),
      },
      protocol,
      session: { defaultSession },
      shell: { openExternal: vi.fn(() => Promise.resolve()), openPath: vi.fn(() => Promise.resolve('')) },
      ipcMain: { handle: vi.fn((c: string, l: Listener) => state.ipcHandlers.set(c, l)), removeHandler: vi.fn() },
      nativeTheme: { shouldUseDarkColors: false },
      nativeImage: { createFromBuffer: vi.fn(() => ({})) },
      dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 0, checkboxChecked: false })) },
      screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display, getDisplayMatching: () => display },
      safeStorage: {
        isEncryptionAvailable: () => true,
        encryptString: (text: string) => Buffer.from(`enc:${text}`),
        decryptString: (data: Buffer) => data.toString().slice(4),
        getSelectedStorageBackend: () => 'gnome_libsecret',
        setUsePlainTextEncryption: vi.fn(),
      },
    },
  };
});
vi.mock('electron', () => electron.module);
vi.mock('electron-log/main', () => {
  const scoped = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  return {
    default: { transports: { file: { getFile: () => ({ path: '/logs/main.log' }) } }, errorHandler: { startCatching: vi.fn() }, scope: () => scoped },
  };
});

const ID = '11111111-1111-4111-8111-111111111111';
const originalArgv = process.argv;
const userDataRoot = mkdtempSync(path.join(os.tmpdir(), 'astral-main-'));
afterAll(() => rmSync(userDataRoot, { recursive: true, force: true }));

async function start(lock: boolean, argv: string[] = ['/opt/astral/astral-coach']): Promise<void> {
  electron.state.lock = lock;
  electron.state.userData = mkdtempSync(path.join(userDataRoot, 'u-'));
  process.argv = argv;
  vi.resetModules();
  try {
    await import('./main');
    if (lock) await vi.waitFor(() => expect(electron.state.windows.length).toBeGreaterThan(0));
    else await new Promise((resolve) => setTimeout(resolve, 0));
  } finally {
    process.argv = originalArgv;
  }
}

const firstWindow = () => {
  const window = electron.state.windows[0];
  if (!window) throw new Error('no window');
  return window;
};

function menuItem(id: string): MenuItem {
  const search = (items: MenuItem[]): MenuItem | undefined =>
    items.map((item) => (item.id === id ? item : search(item.submenu ?? []))).find((found) => found !== undefined);
  const found = search(electron.state.menu as MenuItem[]);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

describe('main process start-up', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    electron.state.appListeners.clear();
    electron.state.ipcHandlers.clear();
    electron.state.windows.length = 0;
    electron.state.trays.length = 0;
    electron.state.calls.length = 0;
    electron.state.menu = null;
  });

  it('registers app:// as a privileged scheme before ready, sets the app id and claims astral://', async () => {
    await start(true);
    expect(electron.state.calls.slice(0, 2)).toEqual(['registerSchemesAsPrivileged', 'whenReady']);
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(electron.module.app.setAppUserModelId).toHaveBeenCalledWith('coach.astral.app');
    expect(electron.module.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('astral');
    for (const event of ['open-url', 'second-instance', 'web-contents-created', 'before-quit', 'window-all-closed']) {
      expect(electron.state.appListeners.has(event)).toBe(true);
    }
  });

  it('once ready: hardens the session, serves app://, registers IPC, sets the menu and opens one secure window', async () => {
    await start(true);
    const session = electron.module.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledWith({ urls: ['app://*/*'] }, expect.any(Function));
    expect(electron.module.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect([...electron.state.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(electron.module.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(electron.state.windows).toHaveLength(1);
    const window = firstWindow();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/opt/astral/resources/app.asar/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window.url).toBe('app://app/index.html');
  });

  it('opens on the deep link of a cold start', async () => {
    await start(true, ['/opt/astral/astral-coach', `astral://athletes/${ID}`]);
    expect(firstWindow().url).toBe(`app://app/athletes/${ID}`);
  });

  it('a second launch focuses the window and hands over its deep link', async () => {
    await start(true);
    const window = firstWindow();
    electron.state.appListeners.get('second-instance')?.({}, ['/opt/astral/astral-coach', 'astral://attention'], '/home/coach');
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith(NAVIGATE_EVENT, '/attention');
    expect(electron.state.windows).toHaveLength(1);
  });

  it('trusts IPC from the window it opened, only from its main frame, and shows the count on tray and badge', async () => {
    await start(true);
    const frame = firstWindow().mainFrame;
    const getVersion = electron.state.ipcHandlers.get(IPC_CHANNELS.getVersion);
    await expect(getVersion?.({ senderFrame: frame })).resolves.toBe('0.1.0');
    await expect(getVersion?.({ senderFrame: { ...frame, routingId: 99 } })).rejects.toThrow(/refused/);
    const setBadge = electron.state.ipcHandlers.get(IPC_CHANNELS.setBadgeCount);
    await setBadge?.({ senderFrame: frame }, 5);
    if (process.platform === 'win32') expect(electron.module.nativeImage.createFromBuffer).toHaveBeenCalled();
    else expect(electron.module.app.setBadgeCount).toHaveBeenLastCalledWith(5);
    expect(electron.state.trays[0]?.toolTip).toBe('Astral Coach: 5 urgent attention signals');
  });

  it('keeps the session token with safeStorage in userData, not in the renderer', async () => {
    await start(true);
    const frame = firstWindow().mainFrame;
    const call = (channel: string, ...args: unknown[]) => electron.state.ipcHandlers.get(channel)?.({ senderFrame: frame }, ...args);
    await expect(call(IPC_CHANNELS.readSessionToken)).resolves.toBeNull();
    await call(IPC_CHANNELS.storeSessionToken, 'tok_xyz');
    await expect(call(IPC_CHANNELS.readSessionToken)).resolves.toBe('tok_xyz');
    await call(IPC_CHANNELS.clearSessionToken);
    await expect(call(IPC_CHANNELS.readSessionToken)).resolves.toBeNull();
  });

  it('wires the menu: Find focuses the roster search, Settings navigates, Reload Data reloads, logs open', async () => {
    await start(true);
    const window = firstWindow();
    menuItem('find').click?.();
    expect(window.webContents.send).toHaveBeenCalledWith(COMMAND_EVENT, 'find');
    menuItem('settings').click?.();
    expect(window.webContents.send).toHaveBeenCalledWith(NAVIGATE_EVENT, '/settings');
    menuItem('reload-data').click?.();
    expect(window.webContents.reload).toHaveBeenCalled();
    menuItem('open-log-folder').click?.();
    expect(electron.module.shell.openPath).toHaveBeenCalledWith('/logs');
  });

  it('reloads a renderer that crashed', async () => {
    await start(true);
    const window = firstWindow();
    window.webContents.listeners.get('render-process-gone')?.({}, { reason: 'crashed', exitCode: 133 });
    expect(window.webContents.reload).toHaveBeenCalledOnce();
    window.webContents.listeners.get('render-process-gone')?.({}, { reason: 'clean-exit', exitCode: 0 });
    expect(window.webContents.reload).toHaveBeenCalledOnce();
  });

  it('guards every WebContents the app creates', async () => {
    await start(true);
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    electron.state.appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(expect.any(Function));
  });

  it('quits at once when another instance already runs (that one gets the arguments)', async () => {
    await start(false, ['/opt/astral/astral-coach', 'astral://attention']);
    expect(electron.module.app.quit).toHaveBeenCalled();
    expect(electron.module.app.whenReady).not.toHaveBeenCalled();
    expect(electron.state.windows).toHaveLength(0);
  });
});
