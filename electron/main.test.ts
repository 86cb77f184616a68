import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/ipc/contract';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const state = {
    lock: true,
    appListeners: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as { options: { webPreferences?: Record<string, unknown> }; url?: string; mainFrame: { url: string; processId: number; routingId: number } }[],
    calls: [] as string[],
  };
  class BrowserWindow {
    url?: string;
    mainFrame = { url: 'app://app/index.html', processId: 7, routingId: 1 };
    webContents = { on: vi.fn(), send: vi.fn(), mainFrame: this.mainFrame };
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      state.windows.push(this);
      state.calls.push('new BrowserWindow');
    }
    static getAllWindows = () => state.windows;
    once = vi.fn();
    on = vi.fn();
    show = vi.fn();
    isDestroyed = () => false;
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
  const app = {
    requestSingleInstanceLock: vi.fn(() => state.lock),
    setAppUserModelId: vi.fn(),
    on: vi.fn((event: string, listener: Listener) => state.appListeners.set(event, listener)),
    whenReady: vi.fn(() => {
      state.calls.push('whenReady');
      return Promise.resolve();
    }),
    getAppPath: () => '/opt/astral/resources/app.asar',
    getVersion: () => '0.1.0',
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
      protocol,
      session: { defaultSession },
      shell: { openExternal: vi.fn(() => Promise.resolve()) },
      ipcMain: { handle: vi.fn((c: string, l: Listener) => state.ipcHandlers.set(c, l)), removeHandler: vi.fn() },
      nativeTheme: { shouldUseDarkColors: false },
    },
  };
});
vi.mock('electron', () => electron.module);
vi.mock('electron-log/main', () => {
  const scoped = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  return { default: { transports: { file: {} }, errorHandler: { startCatching: vi.fn() }, scope: () => scoped } };
});

async function start(lock: boolean): Promise<void> {
  electron.state.lock = lock;
  vi.resetModules();
  await import('./main');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('main process start-up', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    electron.state.appListeners.clear();
    electron.state.ipcHandlers.clear();
    electron.state.windows.length = 0;
    electron.state.calls.length = 0;
  });

  it('registers app:// as a privileged scheme before ready and sets the app id', async () => {
    await start(true);
    expect(electron.state.calls.slice(0, 2)).toEqual(['registerSchemesAsPrivileged', 'whenReady']);
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(electron.module.app.setAppUserModelId).toHaveBeenCalledWith('coach.astral.app');
  });

  it('once ready: hardens the session, serves app://, registers IPC and opens one secure window', async () => {
    await start(true);
    const session = electron.module.session.defaultSession;
    expect(session.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.webRequest.onHeadersReceived).toHaveBeenCalledWith({ urls: ['app://*/*'] }, expect.any(Function));
    expect(electron.module.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect([...electron.state.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(electron.state.windows).toHaveLength(1);
    const window = electron.state.windows[0];
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/opt/astral/resources/app.asar/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window?.url).toBe('app://app/index.html');
  });

  it('trusts IPC from the window it opened, and only from its main frame', async () => {
    await start(true);
    const frame = electron.state.windows[0]?.mainFrame;
    const getVersion = electron.state.ipcHandlers.get(IPC_CHANNELS.getVersion);
    await expect(getVersion?.({ senderFrame: frame })).resolves.toBe('0.1.0');
    await expect(getVersion?.({ senderFrame: { ...frame, routingId: 99 } })).rejects.toThrow(/refused/);
    const setBadge = electron.state.ipcHandlers.get(IPC_CHANNELS.setBadgeCount);
    await setBadge?.({ senderFrame: frame }, 5);
    expect(electron.module.app.setBadgeCount).toHaveBeenCalledWith(5);
  });

  it('guards every WebContents the app creates', async () => {
    await start(true);
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    electron.state.appListeners.get('web-contents-created')?.({}, contents);
    expect(contents.on).toHaveBeenCalledWith('will-navigate', expect.any(Function));
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(expect.any(Function));
  });

  it('quits at once when another instance already runs', async () => {
    await start(false);
    expect(electron.module.app.quit).toHaveBeenCalled();
    expect(electron.module.app.whenReady).not.toHaveBeenCalled();
    expect(electron.state.windows).toHaveLength(0);
  });
});
