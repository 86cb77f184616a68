/**
 * The one typed contract between the renderer and the Electron shell. The preload exposes these
 * calls as `window.astral`; the main process parses every payload with the schema before acting,
 * and the renderer works without the bridge (plain browser: web Notification API instead).
 */
import { z } from 'zod';
import type { ShellCommand } from './channels';

export { COMMAND_EVENT, IPC_CHANNELS, NAVIGATE_EVENT, SHELL_COMMANDS } from './channels';
export type { ShellCommand } from './channels';

/** In-app routes the shell may open: `/athletes/{id}`, `/attention`; no query, no dot segments. */
export const AppRoute = z.string().regex(/^\/[A-Za-z0-9/_-]*$/).max(200);

export const NotifyPayload = z.strictObject({
  title: z.string().min(1).max(120),
  body: z.string().max(500),
  /** An in-app route to open when the notification is clicked, e.g. `/athletes/{id}`. */
  route: AppRoute.optional(),
});
export type NotifyPayload = z.infer<typeof NotifyPayload>;

export const BadgeCountPayload = z.number().int().min(0).max(9999);

/**
 * A session token as the sync server issues it: printable ASCII without spaces (it goes into an
 * `Authorization: Bearer` header), bounded so a broken renderer cannot fill the disk.
 */
export const SessionTokenPayload = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'a session token is printable ASCII without spaces');

/** What `window.astral` offers the renderer. */
export interface AstralBridge {
  notify(payload: NotifyPayload): Promise<void>;
  getVersion(): Promise<string>;
  /** The open urgent attention count: shown on the tray/menu-bar icon and the dock/taskbar badge. */
  setBadgeCount(count: number): Promise<void>;
  /** Subscribe to in-app navigation requests (notification clicks, deep links, tray, menu). */
  onNavigate(listener: (route: string) => void): () => void;
  /** Subscribe to application-menu commands the renderer carries out (`find`). */
  onCommand(listener: (command: ShellCommand) => void): () => void;
  /** The session token kept by the shell with the OS keychain (safeStorage), or null. */
  readSessionToken(): Promise<string | null>;
  storeSessionToken(token: string): Promise<void>;
  clearSessionToken(): Promise<void>;
}
