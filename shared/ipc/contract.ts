/**
 * The one typed contract between the renderer and the Electron shell. The preload exposes these
 * calls as `window.astral`; the main process parses every payload with the schema before acting,
 * and the renderer works without the bridge (plain browser: web Notification API instead).
 */
import { z } from 'zod';

export { IPC_CHANNELS, NAVIGATE_EVENT } from './channels';

export const NotifyPayload = z.strictObject({
  title: z.string().min(1).max(120),
  body: z.string().max(500),
  /** An in-app route to open when the notification is clicked, e.g. `/athletes/{id}`. */
  route: z.string().regex(/^\/[A-Za-z0-9/_-]*$/).max(200).optional(),
});
export type NotifyPayload = z.infer<typeof NotifyPayload>;

export const BadgeCountPayload = z.number().int().min(0).max(9999);

/** What `window.astral` offers the renderer. */
export interface AstralBridge {
  notify(payload: NotifyPayload): Promise<void>;
  getVersion(): Promise<string>;
  setBadgeCount(count: number): Promise<void>;
  /** Subscribe to in-app navigation requests (notification clicks, later deep links). */
  onNavigate(listener: (route: string) => void): () => void;
}
