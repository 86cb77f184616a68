/**
 * The one live stream per organization (`GET {base}/stream`, text/event-stream). `ready` on every
 * (re)connect tells the app to pull (RxDB 'RESYNC'); each committed change of the organization
 * follows as `change` in seq order; a comment line every 15 s keeps proxies from closing the
 * connection. Listeners are removed when the client goes away.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { StreamChange } from '../../shared/sync/protocol';
import type { ChangeBus } from './bus';

export type StreamOptions = {
  heartbeatMs?: number;
  /** Aborted when the server shuts down: open streams end so the HTTP server can close. */
  shutdown?: AbortSignal;
};

export function liveStream(c: Context, bus: ChangeBus, orgId: string, options: StreamOptions = {}): Response {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let queue: Promise<void> = Promise.resolve();
    const send = (write: () => Promise<void>) => {
      queue = queue.then(write).catch(() => stream.abort());
    };
    const closed = new Promise<void>((resolve) => {
      stream.onAbort(resolve);
      c.req.raw.signal.addEventListener('abort', () => resolve(), { once: true });
      if (options.shutdown?.aborted) resolve();
      options.shutdown?.addEventListener('abort', () => resolve(), { once: true });
    });
    const unsubscribe = bus.subscribe(orgId, (change: StreamChange<Record<string, unknown>>) => {
      send(() => stream.writeSSE({ event: 'change', data: JSON.stringify(change) }));
    });
    const heartbeat = setInterval(() => send(() => stream.write(': heartbeat\n\n').then(() => undefined)), heartbeatMs);
    try {
      send(() => stream.writeSSE({ event: 'ready', data: JSON.stringify({ org_id: orgId }) }));
      await closed;
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
    }
  });
}
