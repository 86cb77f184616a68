import { describe, expect, it, vi } from 'vitest';
import { COMMAND_EVENT, IPC_CHANNELS, NAVIGATE_EVENT } from '../shared/ipc/contract';
import type { AstralBridge } from '../shared/ipc/contract';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed,
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: {
      invoke: vi.fn(
        (channel: string): Promise<unknown> =>
          Promise.resolve(channel === 'astral:get-version' ? '1.2.3' : channel === 'astral:session-token-read' ? 'tok_1' : undefined),
      ),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener)),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('./preload');

function bridge(): Record<string, unknown> {
  const api = electron.exposed.get('astral');
  if (typeof api !== 'object' || api === null) throw new Error('astral bridge not exposed');
  return api as Record<string, unknown>;
}

function emit(channel: string, ...args: unknown[]): void {
  for (const listener of electron.listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, ...args);
}

describe('preload bridge', () => {
  it('exposes exactly one global, astral, with only the bridge functions', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect([...electron.exposed.keys()]).toEqual(['astral']);
    const api = bridge();
    expect(Object.keys(api).sort()).toEqual([
      'clearSessionToken',
      'getVersion',
      'notify',
      'onCommand',
      'onNavigate',
      'readSessionToken',
      'setBadgeCount',
      'storeSessionToken',
    ]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
  });

  it('turns each call into an invoke on the contract channel', async () => {
    const api = bridge() as unknown as AstralBridge;
    await api.notify({ title: 'Hi', body: 'there', route: '/attention' });
    await api.setBadgeCount(4);
    await expect(api.getVersion()).resolves.toBe('1.2.3');
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [IPC_CHANNELS.notify, { title: 'Hi', body: 'there', route: '/attention' }],
      [IPC_CHANNELS.setBadgeCount, 4],
      [IPC_CHANNELS.getVersion],
    ]);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('delivers navigation routes without the IPC event and unsubscribes', () => {
    const api = bridge() as unknown as AstralBridge;
    const routes: unknown[][] = [];
    const unsubscribe = api.onNavigate((...args: unknown[]) => routes.push(args));
    emit(NAVIGATE_EVENT, '/athletes/ana');
    emit(NAVIGATE_EVENT, 42);
    emit(NAVIGATE_EVENT, 'javascript:alert(1)');
    expect(routes).toEqual([['/athletes/ana']]);
    unsubscribe();
    emit(NAVIGATE_EVENT, '/attention');
    expect(routes).toHaveLength(1);
    expect(electron.listeners.get(NAVIGATE_EVENT)?.size).toBe(0);
  });

  it('passes session-token calls to their channels', async () => {
    electron.ipcRenderer.invoke.mockClear();
    const api = bridge() as unknown as AstralBridge;
    await expect(api.readSessionToken()).resolves.toBe('tok_1');
    await api.storeSessionToken('tok_2');
    await api.clearSessionToken();
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [IPC_CHANNELS.readSessionToken],
      [IPC_CHANNELS.storeSessionToken, 'tok_2'],
      [IPC_CHANNELS.clearSessionToken],
    ]);
  });

  it('reads a missing token as null', async () => {
    electron.ipcRenderer.invoke.mockImplementationOnce(() => Promise.resolve(undefined));
    const api = bridge() as unknown as AstralBridge;
    await expect(api.readSessionToken()).resolves.toBeNull();
  });

  it('delivers only known menu commands', () => {
    const api = bridge() as unknown as AstralBridge;
    const commands: unknown[] = [];
    const unsubscribe = api.onCommand((command) => commands.push(command));
    emit(COMMAND_EVENT, 'find');
    emit(COMMAND_EVENT, 'rm -rf');
    emit(COMMAND_EVENT, { command: 'find' });
    expect(commands).toEqual(['find']);
    unsubscribe();
    emit(COMMAND_EVENT, 'find');
    expect(commands).toEqual(['find']);
  });
});
