import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../shared/ipc/contract';
import { registerIpc } from './ipc';
import type { FrameIdentity, IpcInvokeEventLike, IpcMainLike } from './ipc';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

const MAIN_FRAME: FrameIdentity = { url: 'app://app/index.html', processId: 4, routingId: 1 };

function setUp(mainFrame: FrameIdentity | null = MAIN_FRAME) {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const deps = {
    getMainFrame: () => mainFrame,
    notify: vi.fn(),
    getVersion: vi.fn(() => '0.1.0'),
    setBadgeCount: vi.fn(),
    sessionToken: {
      read: vi.fn(() => Promise.resolve<string | null>('tok_abc')),
      store: vi.fn(() => Promise.resolve()),
      clear: vi.fn(() => Promise.resolve()),
    },
    log: { warn: vi.fn() },
  };
  const dispose = registerIpc(ipcMain, deps);
  const invoke = (channel: string, frame: FrameIdentity | null, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler({ senderFrame: frame }, ...args));
  };
  return { handlers, deps, dispose, invoke };
}

describe('registerIpc', () => {
  it('registers exactly the contract channels and removes them again', () => {
    const { handlers, dispose } = setUp();
    expect([...handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('passes a valid notification to the injected notifier', async () => {
    const { deps, invoke } = setUp();
    const payload = { title: 'Plan updated', body: 'Ana has a new week', route: '/athletes/abc-123' };
    await expect(invoke(IPC_CHANNELS.notify, { ...MAIN_FRAME }, payload)).resolves.toBeUndefined();
    expect(deps.notify).toHaveBeenCalledWith(payload);
  });

  it('answers getVersion and setBadgeCount from the main frame', async () => {
    const { deps, invoke } = setUp();
    await expect(invoke(IPC_CHANNELS.getVersion, MAIN_FRAME)).resolves.toBe('0.1.0');
    await invoke(IPC_CHANNELS.setBadgeCount, MAIN_FRAME, 3);
    expect(deps.setBadgeCount).toHaveBeenCalledWith(3);
  });

  it.each([
    ['no frame', null],
    ['a subframe', { ...MAIN_FRAME, routingId: 2 }],
    ['another renderer process', { ...MAIN_FRAME, processId: 9 }],
    ['the main frame after navigating away', { ...MAIN_FRAME, url: 'https://evil.example/' }],
    ['a file:// page', { ...MAIN_FRAME, url: 'file:///tmp/x.html' }],
  ])('refuses calls from %s and does nothing', async (_label, frame) => {
    const { deps, invoke } = setUp();
    await expect(invoke(IPC_CHANNELS.notify, frame, { title: 'x', body: 'y' })).rejects.toThrow(/did not come from the app window/);
    await expect(invoke(IPC_CHANNELS.setBadgeCount, frame, 1)).rejects.toThrow(/refused/);
    await expect(invoke(IPC_CHANNELS.getVersion, frame)).rejects.toThrow(/refused/);
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.setBadgeCount).not.toHaveBeenCalled();
    expect(deps.getVersion).not.toHaveBeenCalled();
  });

  it.each([
    ['a subframe', { ...MAIN_FRAME, routingId: 2 }],
    ['a foreign page', { ...MAIN_FRAME, url: 'https://evil.example/' }],
    ['no frame', null],
  ])('never reads, stores or clears the session token for %s', async (_label, frame) => {
    const { deps, invoke } = setUp();
    await expect(invoke(IPC_CHANNELS.readSessionToken, frame)).rejects.toThrow(/did not come from the app window/);
    await expect(invoke(IPC_CHANNELS.storeSessionToken, frame, 'tok_evil')).rejects.toThrow(/refused/);
    await expect(invoke(IPC_CHANNELS.clearSessionToken, frame)).rejects.toThrow(/refused/);
    expect(deps.sessionToken.read).not.toHaveBeenCalled();
    expect(deps.sessionToken.store).not.toHaveBeenCalled();
    expect(deps.sessionToken.clear).not.toHaveBeenCalled();
  });

  it('reads, stores and clears the session token for the main frame', async () => {
    const { deps, invoke } = setUp();
    await expect(invoke(IPC_CHANNELS.readSessionToken, MAIN_FRAME)).resolves.toBe('tok_abc');
    await expect(invoke(IPC_CHANNELS.storeSessionToken, MAIN_FRAME, 'Abc-123_xyz')).resolves.toBeUndefined();
    expect(deps.sessionToken.store).toHaveBeenCalledWith('Abc-123_xyz');
    await invoke(IPC_CHANNELS.clearSessionToken, MAIN_FRAME);
    expect(deps.sessionToken.clear).toHaveBeenCalledOnce();
  });

  it.each([
    [IPC_CHANNELS.storeSessionToken, []],
    [IPC_CHANNELS.storeSessionToken, ['']],
    [IPC_CHANNELS.storeSessionToken, ['has space']],
    [IPC_CHANNELS.storeSessionToken, ['line\nbreak']],
    [IPC_CHANNELS.storeSessionToken, ['tök']],
    [IPC_CHANNELS.storeSessionToken, ['x'.repeat(4097)]],
    [IPC_CHANNELS.storeSessionToken, [42]],
    [IPC_CHANNELS.storeSessionToken, [{ token: 'x' }]],
    [IPC_CHANNELS.storeSessionToken, ['ok', 'extra']],
    [IPC_CHANNELS.readSessionToken, ['unexpected']],
    [IPC_CHANNELS.clearSessionToken, [null]],
  ])('refuses a bad session-token payload on %s %j and keeps the stored token', async (channel, args) => {
    const { deps, invoke } = setUp();
    await expect(invoke(channel, MAIN_FRAME, ...args)).rejects.toThrow(new RegExp(`${channel} refused: invalid payload`));
    expect(deps.sessionToken.store).not.toHaveBeenCalled();
    expect(deps.sessionToken.clear).not.toHaveBeenCalled();
    expect(deps.sessionToken.read).not.toHaveBeenCalled();
  });

  it('does not echo a refused token in the error or the log', async () => {
    const { deps, invoke } = setUp();
    const secret = 'secret token with spaces';
    const error = await invoke(IPC_CHANNELS.storeSessionToken, MAIN_FRAME, secret).catch((e: unknown) => e);
    expect(String(error)).not.toContain(secret);
    expect(JSON.stringify(deps.log.warn.mock.calls)).not.toContain(secret);
  });

  it('refuses everything while no window exists', async () => {
    const { invoke } = setUp(null);
    await expect(invoke(IPC_CHANNELS.getVersion, MAIN_FRAME)).rejects.toThrow(/refused/);
  });

  it.each([
    [IPC_CHANNELS.notify, []],
    [IPC_CHANNELS.notify, [{ title: '', body: 'x' }]],
    [IPC_CHANNELS.notify, [{ title: 'x', body: 'y', extra: true }]],
    [IPC_CHANNELS.notify, [{ title: 'x', body: 'y', route: 'https://evil.example' }]],
    [IPC_CHANNELS.notify, [{ title: 'x', body: 'y', route: '/a/../../b?x' }]],
    [IPC_CHANNELS.notify, [{ title: 'x'.repeat(121), body: 'y' }]],
    [IPC_CHANNELS.notify, ['a string']],
    [IPC_CHANNELS.notify, [{ title: 'x', body: 'y' }, 'extra argument']],
    [IPC_CHANNELS.setBadgeCount, [-1]],
    [IPC_CHANNELS.setBadgeCount, [1.5]],
    [IPC_CHANNELS.setBadgeCount, ['3']],
    [IPC_CHANNELS.setBadgeCount, [10_000]],
    [IPC_CHANNELS.getVersion, ['unexpected']],
  ])('refuses a bad payload on %s %j with a clear error and no effect', async (channel, args) => {
    const { deps, invoke } = setUp();
    await expect(invoke(channel, MAIN_FRAME, ...args)).rejects.toThrow(new RegExp(`${channel} refused: invalid payload`));
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.setBadgeCount).not.toHaveBeenCalled();
    expect(deps.getVersion).not.toHaveBeenCalled();
  });

  it('names the offending field in the error', async () => {
    const { invoke } = setUp();
    await expect(invoke(IPC_CHANNELS.notify, MAIN_FRAME, { title: 42, body: 'y' })).rejects.toThrow(/title/);
  });
});
