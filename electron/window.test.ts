import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const instances: {
    options: unknown;
    loadURL: ReturnType<typeof vi.fn>;
    once: ReturnType<typeof vi.fn>;
    show: ReturnType<typeof vi.fn>;
    maximize: ReturnType<typeof vi.fn>;
    setFullScreen: ReturnType<typeof vi.fn>;
  }[] = [];
  class BrowserWindow {
    loadURL = vi.fn(() => Promise.resolve());
    once = vi.fn();
    show = vi.fn();
    maximize = vi.fn();
    setFullScreen = vi.fn();
    constructor(readonly options: unknown) {
      instances.push(this);
    }
  }
  return { instances, BrowserWindow, nativeTheme: { shouldUseDarkColors: true } };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, nativeTheme: electron.nativeTheme }));

const { createMainWindow, mainWindowOptions } = await import('./window');

describe('main window', () => {
  beforeEach(() => {
    electron.instances.length = 0;
  });

  it('carries the security baseline in its webPreferences', () => {
    createMainWindow('/opt/astral/dist/electron/preload.cjs');
    expect(electron.instances).toHaveLength(1);
    const options = electron.instances[0]?.options as ReturnType<typeof mainWindowOptions>;
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/astral/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#1a1b1e');
  });

  it('loads the renderer from app://app and shows the window once ready', () => {
    const window = createMainWindow('/p.cjs');
    const instance = electron.instances[0];
    expect(instance?.loadURL).toHaveBeenCalledWith('app://app/index.html');
    expect(instance?.once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
    const onReady = instance?.once.mock.calls[0]?.[1] as () => void;
    onReady();
    expect(instance?.show).toHaveBeenCalled();
    expect(window).toBe(instance);
  });

  it('never turns on anything that weakens isolation', () => {
    const prefs = mainWindowOptions('/p.cjs', false).webPreferences ?? {};
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.experimentalFeatures).toBe(false);
    expect(mainWindowOptions('/p.cjs', false).backgroundColor).toBe('#ffffff');
  });

  it('opens at the restored size and position, maximised as it was left', () => {
    createMainWindow('/p.cjs', { restored: { bounds: { x: 1930, y: 10, width: 1000, height: 700 }, maximized: true, fullScreen: false } });
    const instance = electron.instances[0];
    expect(instance?.options).toMatchObject({ x: 1930, y: 10, width: 1000, height: 700, minWidth: 900, minHeight: 600 });
    (instance?.once.mock.calls[0]?.[1] as () => void)();
    expect(instance?.maximize).toHaveBeenCalled();
    expect(instance?.setFullScreen).not.toHaveBeenCalled();
    expect(instance?.show).toHaveBeenCalled();
  });

  it('restores full screen, and opens on a deep-link route', () => {
    createMainWindow('/p.cjs', { restored: { bounds: { width: 1280, height: 820 }, maximized: true, fullScreen: true }, route: '/attention' });
    const instance = electron.instances[0];
    expect(instance?.loadURL).toHaveBeenCalledWith('app://app/attention');
    (instance?.once.mock.calls[0]?.[1] as () => void)();
    expect(instance?.setFullScreen).toHaveBeenCalledWith(true);
    expect(instance?.maximize).not.toHaveBeenCalled();
  });
});
