/**
 * Runs sandboxed before the renderer. Exposes `window.astral` (shared/ipc/contract.ts AstralBridge):
 * task-level functions, never ipcRenderer itself, and listeners never see the IPC event object.
 * Events from main are checked here too (a route must be an in-app path, a command a known one).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { COMMAND_EVENT, IPC_CHANNELS, NAVIGATE_EVENT, SHELL_COMMANDS } from '../shared/ipc/channels';
import type { ShellCommand } from '../shared/ipc/channels';
import type { AstralBridge, NotifyPayload } from '../shared/ipc/contract';

function subscribe<T>(channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void): () => void {
  const relay = (_event: IpcRendererEvent, value: unknown): void => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, relay);
  return () => {
    ipcRenderer.removeListener(channel, relay);
  };
}

// The contract's AppRoute (shared/ipc/contract.ts) without zod, which this bundle leaves out: an
// in-app path only, so '//host', '/a?x', '/..' or a 'javascript:' URL never reach the router.
const isRoute = (value: unknown): value is string => typeof value === 'string' && value.length <= 200 && /^\/[A-Za-z0-9/_-]*$/.test(value) && !value.startsWith('//');
const isCommand = (value: unknown): value is ShellCommand => (SHELL_COMMANDS as readonly unknown[]).includes(value);

const bridge = {
  async notify(payload: NotifyPayload): Promise<void> {
    await ipcRenderer.invoke(IPC_CHANNELS.notify, payload);
  },
  async getVersion(): Promise<string> {
    const version: unknown = await ipcRenderer.invoke(IPC_CHANNELS.getVersion);
    return typeof version === 'string' ? version : '';
  },
  async setBadgeCount(count: number): Promise<void> {
    await ipcRenderer.invoke(IPC_CHANNELS.setBadgeCount, count);
  },
  onNavigate(listener: (route: string) => void): () => void {
    return subscribe(NAVIGATE_EVENT, isRoute, listener);
  },
  onCommand(listener: (command: ShellCommand) => void): () => void {
    return subscribe(COMMAND_EVENT, isCommand, listener);
  },
  async readSessionToken(): Promise<string | null> {
    const token: unknown = await ipcRenderer.invoke(IPC_CHANNELS.readSessionToken);
    return typeof token === 'string' && token !== '' ? token : null;
  },
  async storeSessionToken(token: string): Promise<void> {
    await ipcRenderer.invoke(IPC_CHANNELS.storeSessionToken, token);
  },
  async clearSessionToken(): Promise<void> {
    await ipcRenderer.invoke(IPC_CHANNELS.clearSessionToken);
  },
} satisfies AstralBridge;

contextBridge.exposeInMainWorld('astral', bridge);
