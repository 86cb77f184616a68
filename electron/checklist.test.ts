/**
 * The Electron security checklist (DESIGN.md "Security baseline", Electron's own security guide),
 * one test per item, asserting on the real objects the shell uses: the window's webPreferences
 * (window.ts), the guards and session hardening (security.ts), the app:// handler (protocol.ts),
 * the IPC registration (ipc.ts) for every channel of shared/ipc, the token vault
 * (session-token.ts) and the packaging fuses (electron-builder.yml). main.test.ts proves main.ts
 * attaches these to Electron (session.defaultSession, web-contents-created, ipcMain, safeStorage).
 * No Electron binary runs here (DESIGN.md): Electron is mocked as in the other shell tests.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, NAVIGATE_EVENT } from '../shared/ipc/contract';

const bridge = vi.hoisted(() => ({ exposed: new Map<string, unknown>(), relays: new Map<string, (event: unknown, value: unknown) => void>() }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: {
    invoke: vi.fn(() => Promise.resolve(undefined)),
    on: (channel: string, relay: (event: unknown, value: unknown) => void) => bridge.relays.set(channel, relay),
    removeListener: vi.fn(),
  },
  BrowserWindow: class {
    constructor(readonly options: unknown) {}
    once = vi.fn();
    loadURL = vi.fn(() => Promise.resolve());
  },
  nativeTheme: { shouldUseDarkColors: false },
}));

const { mainWindowOptions } = await import('./window');
const security = await import('./security');
const { createAppProtocolHandler } = await import('./protocol');
const { registerIpc } = await import('./ipc');
const { createSessionVault } = await import('./session-token');
await import('./preload');
type IpcListener = (event: { senderFrame: { url: string; processId: number; routingId: number } | null }, ...args: unknown[]) => unknown;

const prefs = mainWindowOptions('/app/dist/electron/preload.cjs', false).webPreferences ?? {};
const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });
const directives = new Map(security.CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

/** Every permission name Electron's handlers can be asked about (Electron 42 docs). */
const ELECTRON_PERMISSIONS = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media',
  'mediaKeySystem', 'midi', 'midiSysex', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection', 'storage-access',
  'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb', 'background-sync', 'persistent-storage',
];

const MAIN_FRAME = { url: 'app://app/index.html', processId: 3, routingId: 1 };
/** A valid call of each channel (the payload its schema accepts). */
const VALID_ARGS: Record<string, unknown[]> = {
  [IPC_CHANNELS.notify]: [{ title: 'Ana', body: 'New week' }],
  [IPC_CHANNELS.getVersion]: [],
  [IPC_CHANNELS.setBadgeCount]: [2],
  [IPC_CHANNELS.readSessionToken]: [],
  [IPC_CHANNELS.storeSessionToken]: ['tok_abc'],
  [IPC_CHANNELS.clearSessionToken]: [],
};

function ipcSetUp() {
  const handlers = new Map<string, IpcListener>();
  const effects = vi.fn();
  registerIpc(
    { handle: (channel, listener) => handlers.set(channel, listener as IpcListener), removeHandler: (channel) => handlers.delete(channel) },
    {
      getMainFrame: () => MAIN_FRAME,
      notify: (p) => effects('notify', p),
      getVersion: () => (effects('getVersion') as undefined, '1.0.0'),
      setBadgeCount: (n) => effects('setBadgeCount', n),
      sessionToken: {
        read: () => (effects('read') as undefined, Promise.resolve('tok')),
        store: (t) => (effects('store', t) as undefined, Promise.resolve()),
        clear: () => (effects('clear') as undefined, Promise.resolve()),
      },
      log: log(),
    },
  );
  const call = (channel: string, frame: typeof MAIN_FRAME | null, args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve().then(() => handler({ senderFrame: frame }, ...args));
  };
  return { handlers, effects, call };
}

describe('Electron security checklist', () => {
  it('context isolation: on, and the preload is the only bridge', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('narrow bridge: the preload exposes only window.astral task functions, and routes from main are in-app paths', () => {
    expect([...bridge.exposed.keys()]).toEqual(['astral']);
    const api = bridge.exposed.get('astral') as Record<string, unknown> & { onNavigate(l: (r: string) => void): () => void };
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    const routes: string[] = [];
    api.onNavigate((r) => routes.push(r));
    for (const route of ['/athletes/ana-1', '//evil.example/x', '/a/../b', '/x?y=1', 'javascript:alert(1)', `/${'a'.repeat(250)}`, '/attention']) bridge.relays.get(NAVIGATE_EVENT)?.({}, route);
    expect(routes).toEqual(['/athletes/ana-1', '/attention']);
  });

  it('sandbox: every renderer is sandboxed', () => {
    expect(prefs.sandbox).toBe(true);
  });

  it('no node integration: not in the page, its workers or its subframes', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('no webview: the tag is off and any attach is prevented', () => {
    expect(prefs.webviewTag).toBe(false);
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    security.guardWebContents({ on: (e: string, l: (event: { preventDefault(): void }, url: string) => void) => listeners.set(e, l), setWindowOpenHandler: vi.fn() }, { openExternal: vi.fn(), log: log() });
    const attach = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(attach, '');
    expect(attach.preventDefault).toHaveBeenCalledOnce();
  });

  it('webSecurity on: same-origin policy kept, no insecure content, no experimental features', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('CSP applied: strict policy (no inline or eval script, no plugins, no framing) on every app:// answer and by the session hook', async () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(security.CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    const handler = createAppProtocolHandler({ root: '/app/dist/renderer', files: { read: (p) => Promise.resolve(p.endsWith('index.html') ? new TextEncoder().encode('<!doctype html>') : null) } });
    for (const url of ['app://app/index.html', 'app://app/athletes/1', 'app://app/missing.js', 'app://app/../etc/passwd']) {
      expect((await handler(new Request(url))).headers.get('content-security-policy'), url).toBe(security.CONTENT_SECURITY_POLICY);
    }
    expect(security.withContentSecurityPolicy({ 'Content-Security-Policy': ["script-src 'unsafe-inline'"] })).toEqual({ 'Content-Security-Policy': [security.CONTENT_SECURITY_POLICY] });
  });

  it('navigation denied: anything but app://app is prevented, on navigate and on redirect', () => {
    const guard = security.createNavigationGuard({ log: log() });
    for (const url of ['https://evil.example/', 'http://localhost:8787/', 'file:///etc/passwd', 'app://other/', 'app://user@app/', 'javascript:alert(1)', 'astral://attention']) {
      const event = { preventDefault: vi.fn() };
      guard(event, url);
      expect(event.preventDefault, url).toHaveBeenCalledOnce();
    }
    const inside = { preventDefault: vi.fn() };
    guard(inside, 'app://app/athletes/1');
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('new-window denied: always, and only validated external https links go to the system browser', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const open = security.createWindowOpenHandler({ openExternal, log: log() });
    const refused = ['http://example.com', 'file:///etc/passwd', 'app://app/', 'javascript:alert(1)', 'data:text/html,x', 'https://u:p@example.com/', 'smb://host/share', `https://example.com/${'a'.repeat(3000)}`];
    for (const url of [...refused, 'https://example.com/help']) expect(open({ url })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/help']]);
  });

  it('permission handler allowing only notifications, and only for the app itself', () => {
    let request: Parameters<Parameters<typeof security.hardenSession>[0]['setPermissionRequestHandler']>[0] | undefined;
    let check: ((contents: unknown, permission: string, origin: string) => boolean) | undefined;
    security.hardenSession(
      { setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h), webRequest: { onHeadersReceived: vi.fn() } },
      { log: log() },
    );
    const granted: string[] = [];
    for (const permission of [...ELECTRON_PERMISSIONS, 'notifications']) {
      for (const url of ['app://app/index.html', 'https://evil.example/']) {
        request?.({}, permission, (ok) => ok && granted.push(`${permission} ${url}`), { requestingUrl: url });
        if (check?.({}, permission, url)) granted.push(`check ${permission} ${url}`);
      }
    }
    expect(granted).toEqual(['notifications app://app/index.html', 'check notifications app://app/index.html']);
  });

  it('IPC sender checked: every channel of shared/ipc refuses calls not from the app window main frame', async () => {
    const { handlers, effects, call } = ipcSetUp();
    expect([...handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    const strangers = [null, { ...MAIN_FRAME, routingId: 9 }, { ...MAIN_FRAME, processId: 8 }, { ...MAIN_FRAME, url: 'https://evil.example/' }];
    for (const channel of Object.values(IPC_CHANNELS)) {
      for (const frame of strangers) await expect(call(channel, frame, VALID_ARGS[channel] ?? []), channel).rejects.toThrow(/did not come from the app window/);
    }
    expect(effects).not.toHaveBeenCalled();
    for (const channel of Object.values(IPC_CHANNELS)) await call(channel, MAIN_FRAME, VALID_ARGS[channel] ?? []);
    expect(effects).toHaveBeenCalledTimes(Object.keys(IPC_CHANNELS).length);
  });

  it('every IPC payload parsed by a schema: each channel refuses extra, missing and wrongly typed arguments with no effect', async () => {
    const { effects, call } = ipcSetUp();
    for (const channel of Object.values(IPC_CHANNELS)) {
      const valid = VALID_ARGS[channel] ?? [];
      const wrong = valid.length > 0 ? [[], valid.map(() => Symbol('x')), valid.map(() => ({ toString: () => 'x' }))] : [[undefined], [null]];
      const bad: unknown[][] = [[...valid, 'extra'], [{ __proto__: { polluted: true } }, ...valid], ...wrong];
      for (const args of bad) await expect(call(channel, MAIN_FRAME, args), `${channel} ${String(args.length)}`).rejects.toThrow(new RegExp(`${channel} refused: invalid payload`));
    }
    expect(effects).not.toHaveBeenCalled();
  });

  it('session token stored with safeStorage: encrypted on disk, never in plain text, read back through decryption', async () => {
    const disk = new Map<string, Buffer>();
    const safeStorage = {
      isEncryptionAvailable: () => true,
      encryptString: vi.fn((t: string) => Buffer.from(Buffer.from(t).toString('base64').split('').reverse().join(''))),
      decryptString: vi.fn((b: Buffer) => Buffer.from(b.toString().split('').reverse().join(''), 'base64').toString()),
      getSelectedStorageBackend: () => 'gnome_libsecret',
      setUsePlainTextEncryption: vi.fn(),
    };
    const vault = createSessionVault({
      safeStorage,
      platform: 'linux',
      tokenFile: '/u/session-token.bin',
      warningFile: '/u/warned.txt',
      files: { read: (p) => Promise.resolve(disk.get(p) ?? null), write: (p, d) => Promise.resolve(void disk.set(p, d)), remove: (p) => Promise.resolve(void disk.delete(p)) },
      warn: vi.fn(),
      log: log(),
    });
    const token = 'Zm9vYmFyLXNlY3JldC10b2tlbi1mb3ItdGVzdHMtMTIzNDU';
    await vault.store(token);
    expect(safeStorage.encryptString).toHaveBeenCalledWith(token);
    expect([...disk.keys()]).toEqual(['/u/session-token.bin']);
    expect(disk.get('/u/session-token.bin')?.toString()).not.toContain(token);
    expect(vault.protection()).toBe('keychain');
    await expect(vault.read()).resolves.toBe(token);
    expect(safeStorage.decryptString).toHaveBeenCalledOnce();
    await vault.clear();
    expect(disk.size).toBe(0);
  });

  it('fuses: no run-as-node, no NODE_OPTIONS or inspector flags, app only from an integrity-checked asar, no file:// privileges', () => {
    const yml = readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8');
    const fuses = Object.fromEntries([...(/electronFuses:\n((?: {2}\w+: \w+\n)+)/.exec(yml)?.[1] ?? '').matchAll(/(\w+): (\w+)/g)].map((m) => [m[1], m[2]]));
    expect(fuses).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});
