/**
 * Runs sandboxed before the renderer. Exposes `window.astral` (shared/ipc/contract.ts AstralBridge):
 * four task-level functions, never ipcRenderer itself, and listeners never see the IPC event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, NAVIGATE_EVENT } from '../shared/ipc/channels';
import type { AstralBridge, NotifyPayload } from '../shared/ipc/contract';

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
    const relay = (_event: IpcRendererEvent, route: unknown): void => {
      if (typeof route === 'string' && route.startsWith('/')) listener(route);
    };
    ipcRenderer.on(NAVIGATE_EVENT, relay);
    return () => {
      ipcRenderer.removeListener(NAVIGATE_EVENT, relay);
    };
  },
} satisfies AstralBridge;

contextBridge.exposeInMainWorld('astral', bridge);
