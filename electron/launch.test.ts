import { describe, expect, it, vi } from 'vitest';
import { NAVIGATE_EVENT } from '../shared/ipc/contract';
import { appUrlOf, createLaunchRouter, registerDeepLinkProtocol } from './launch';
import type { RoutableWindow } from './launch';

const ID = '11111111-1111-4111-8111-111111111111';
const LINK = `astral://athletes/${ID}`;

function fakeWindow(options: { minimized?: boolean; loading?: boolean } = {}) {
  const window = {
    isDestroyed: vi.fn(() => false),
    isMinimized: vi.fn(() => options.minimized ?? false),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
    loadURL: vi.fn(() => Promise.resolve()),
    webContents: { send: vi.fn(), isLoading: vi.fn(() => options.loading ?? false) },
  };
  return window satisfies RoutableWindow;
}

function setUp(window: ReturnType<typeof fakeWindow> | null = fakeWindow()) {
  let current: RoutableWindow | null = window;
  const openWindow = vi.fn((_route: string | null) => {
    current = fakeWindow();
  });
  const router = createLaunchRouter({ getWindow: () => current, openWindow, log: { info: vi.fn(), warn: vi.fn() } });
  return { router, openWindow, window };
}

describe('cold start', () => {
  it('opens the first window on the deep link of the command line (Windows, Linux)', () => {
    const { router } = setUp(null);
    expect(router.initialRoute(['/opt/Astral Coach/astral-coach', LINK])).toBe(`/athletes/${ID}`);
    expect(router.initialRoute(['/opt/Astral Coach/astral-coach'])).toBeNull();
  });

  it('keeps a macOS open-url that arrives before ready for the first window', () => {
    const { router, openWindow } = setUp(null);
    const event = { preventDefault: vi.fn() };
    router.onOpenUrl(event, 'astral://attention');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openWindow).not.toHaveBeenCalled();
    expect(router.initialRoute(['/Applications/Astral Coach.app/Contents/MacOS/Astral Coach'])).toBe('/attention');
    // consumed: a later window does not reopen it
    expect(router.initialRoute([])).toBeNull();
  });

  it('delivers a link that came between ready and the first window once marked ready', () => {
    const window = fakeWindow({ loading: true });
    const { router } = setUp(window);
    router.onSecondInstance(['app', 'astral://attention']);
    expect(window.loadURL).not.toHaveBeenCalled();
    router.markReady();
    expect(window.loadURL).toHaveBeenCalledWith('app://app/attention');
  });
});

describe('second-instance hand-over', () => {
  it('focuses the running window and sends it the route of the second launch', () => {
    const window = fakeWindow({ minimized: true });
    const { router } = setUp(window);
    router.markReady();
    router.onSecondInstance(['C:\\Astral Coach\\Astral Coach.exe', '--flag', LINK]);
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith(NAVIGATE_EVENT, `/athletes/${ID}`);
  });

  it('only focuses when the second launch carries no (valid) link', () => {
    const window = fakeWindow();
    const { router } = setUp(window);
    router.markReady();
    router.onSecondInstance(['/opt/Astral Coach/astral-coach']);
    router.onSecondInstance(['/opt/Astral Coach/astral-coach', 'astral://athletes/../../etc']);
    expect(window.focus).toHaveBeenCalledTimes(2);
    expect(window.webContents.send).not.toHaveBeenCalled();
  });

  it('loads the route instead of sending it while the window is still loading', () => {
    const window = fakeWindow({ loading: true });
    const { router } = setUp(window);
    router.markReady();
    router.onSecondInstance(['app', LINK]);
    expect(window.loadURL).toHaveBeenCalledWith(`app://app/athletes/${ID}`);
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});

describe('open-url while running (macOS)', () => {
  it('navigates the window', () => {
    const window = fakeWindow();
    const { router } = setUp(window);
    router.markReady();
    router.onOpenUrl({ preventDefault: vi.fn() }, 'astral://attention');
    expect(window.webContents.send).toHaveBeenCalledWith(NAVIGATE_EVENT, '/attention');
  });

  it('opens a window on the route when every window was closed', () => {
    const { router, openWindow } = setUp(null);
    router.markReady();
    router.onOpenUrl({ preventDefault: vi.fn() }, LINK);
    expect(openWindow).toHaveBeenCalledWith(`/athletes/${ID}`);
  });

  it('ignores foreign links but still brings the app forward', () => {
    const window = fakeWindow();
    const { router } = setUp(window);
    router.markReady();
    router.onOpenUrl({ preventDefault: vi.fn() }, 'https://evil.example/');
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});

describe('registerDeepLinkProtocol', () => {
  it('registers astral:// for the packaged app, and with the project folder in development', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerDeepLinkProtocol(app, { execPath: '/opt/Astral Coach/astral-coach', argv: ['/opt/Astral Coach/astral-coach'] }, (p) => p);
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('astral');
    registerDeepLinkProtocol(app, { defaultApp: true, execPath: '/usr/bin/electron', argv: ['/usr/bin/electron', '.'] }, () => '/home/coach/astral');
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('astral', '/usr/bin/electron', ['/home/coach/astral']);
  });

  it('builds app:// URLs of routes', () => {
    expect(appUrlOf('/attention')).toBe('app://app/attention');
  });
});
