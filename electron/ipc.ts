/**
 * The main-process end of shared/ipc/contract.ts. Each channel refuses callers other than the main
 * window's main frame on app://app (an iframe or a page that somehow navigated away gets nothing),
 * and parses its arguments with the contract's zod schema before doing anything: a bad payload
 * rejects the renderer's promise with a readable message and has no effect.
 */
import { z } from 'zod';
import { BadgeCountPayload, IPC_CHANNELS, NotifyPayload, SessionTokenPayload } from '../shared/ipc/contract';
import { isAppUrl } from './app-config';

export interface FrameIdentity {
  url: string;
  processId: number;
  routingId: number;
}

export interface IpcInvokeEventLike {
  senderFrame: FrameIdentity | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  /** The main window's main frame, or null while no window exists. */
  getMainFrame(): FrameIdentity | null;
  notify(payload: NotifyPayload): void | Promise<void>;
  getVersion(): string;
  setBadgeCount(count: number): void;
  /** The safeStorage-backed session token (electron/session-token.ts). */
  sessionToken: { read(): Promise<string | null>; store(token: string): Promise<void>; clear(): Promise<void> };
  log: { warn(...args: unknown[]): void };
}

export class IpcRefusedError extends Error {
  override name = 'IpcRefusedError';
}

export function isTrustedSender(frame: FrameIdentity | null, mainFrame: FrameIdentity | null): boolean {
  if (frame === null || mainFrame === null) return false;
  return frame.processId === mainFrame.processId && frame.routingId === mainFrame.routingId && isAppUrl(frame.url);
}

/** Registers every channel of the contract; returns a function that removes them again. */
export function registerIpc(ipcMain: IpcMainLike, deps: IpcDeps): () => void {
  const channels: string[] = [];

  function handle<S extends z.ZodType<unknown[]>>(channel: string, args: S, run: (parsed: z.infer<S>) => unknown): void {
    channels.push(channel);
    ipcMain.handle(channel, async (event, ...raw) => {
      if (!isTrustedSender(event.senderFrame, deps.getMainFrame())) {
        deps.log.warn('IPC refused: untrusted sender', { channel, url: event.senderFrame?.url });
        throw new IpcRefusedError(`${channel} refused: the call did not come from the app window`);
      }
      const parsed = args.safeParse(raw);
      if (!parsed.success) {
        deps.log.warn('IPC refused: invalid payload', { channel });
        throw new IpcRefusedError(`${channel} refused: invalid payload: ${z.prettifyError(parsed.error)}`);
      }
      return await run(parsed.data);
    });
  }

  handle(IPC_CHANNELS.notify, z.tuple([NotifyPayload]), async ([payload]) => {
    await deps.notify(payload);
  });
  handle(IPC_CHANNELS.getVersion, z.tuple([]), () => deps.getVersion());
  handle(IPC_CHANNELS.setBadgeCount, z.tuple([BadgeCountPayload]), ([count]) => {
    deps.setBadgeCount(count);
  });
  handle(IPC_CHANNELS.readSessionToken, z.tuple([]), () => deps.sessionToken.read());
  handle(IPC_CHANNELS.storeSessionToken, z.tuple([SessionTokenPayload]), async ([token]) => {
    await deps.sessionToken.store(token);
  });
  handle(IPC_CHANNELS.clearSessionToken, z.tuple([]), async () => {
    await deps.sessionToken.clear();
  });

  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
