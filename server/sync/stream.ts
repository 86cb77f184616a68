/**
 * The one live stream per organization (`GET {base}/stream`, text/event-stream). `ready` on every
 * (re)connect tells the app to pull (RxDB 'RESYNC'); each committed change of the organization
 * follows as `change` in seq order; a comment line every 15 s keeps proxies from closing the
 * connection. Listeners are removed when the client goes away.
 *
 * The stream ends when its session signs out (OpenStreams), when a heartbeat finds the session or
 * the membership gone (checked in the database each time), and when the client reads too slowly
 * for `maxPending` events to drain: the app re-syncs on reconnect, so dropping is safe, while an
 * unbounded queue would grow the server's memory.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { StreamChange } from '../../shared/sync/protocol';
import type { ChangeBus } from './bus';
import type { OpenStreams } from './open-streams';

export const DEFAULT_MAX_PENDING = 1000;

/**
 * A change's whole `change` event, serialised and encoded once and shared by every stream of the
 * organization: a 500-row push with 2,000 streams open would otherwise serialise the same documents
 * 2,000 times, and even one small change would be split into lines and encoded again per stream,
 * which is time the last streams of a large organization wait for. JSON text has no raw line
 * breaks, so the event is one `data:` line.
 */
const eventFrames = new WeakMap<object, Uint8Array>();
const encoder = new TextEncoder();
export function changeFrame(change: StreamChange<Record<string, unknown>>): Uint8Array {
  let frame = eventFrames.get(change);
  if (frame === undefined) eventFrames.set(change, (frame = encoder.encode(`event: change\ndata: ${JSON.stringify(change)}\n\n`)));
  return frame;
}

export type StreamOptions = {
  heartbeatMs?: number;
  /** Events queued for one slow connection before it is ended. */
  maxPending?: number;
  /** Aborted when the server shuts down: open streams end so the HTTP server can close. */
  shutdown?: AbortSignal;
};

/** Who the stream belongs to: registered for logout, re-checked on every heartbeat. */
export type StreamSession = {
  streams: OpenStreams;
  tokenHash: string;
  /** True while the session is valid and the caller still coaches the organization. */
  stillAllowed: () => Promise<boolean>;
};

export function liveStream(c: Context, bus: ChangeBus, orgId: string, options: StreamOptions = {}, session?: StreamSession): Response {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let end: () => void = () => {};
    // The shutdown signal is shared by every connection: its listener is removed when this one closes,
    // or listeners would pile up with each connection ever served.
    const onShutdown = () => end();
    const closed = new Promise<void>((resolve) => {
      end = resolve;
      stream.onAbort(resolve);
      c.req.raw.signal.addEventListener('abort', () => resolve(), { once: true });
      if (options.shutdown?.aborted) resolve();
      options.shutdown?.addEventListener('abort', onShutdown, { once: true });
    });
    let queue: Promise<void> = Promise.resolve();
    let pending = 0;
    const send = (write: () => Promise<void>) => {
      if (pending >= maxPending) return end();
      pending++;
      queue = queue.then(write).then(
        () => void pending--,
        () => {
          pending--;
          end();
        },
      );
    };
    const unregister = session?.streams.add(session.tokenHash, () => end());
    const unsubscribe = bus.subscribe(orgId, (change: StreamChange<Record<string, unknown>>) => {
      const frame = changeFrame(change);
      send(() => stream.write(frame).then(() => undefined));
    });
    let checking = false;
    const heartbeat = setInterval(() => {
      send(() => stream.write(': heartbeat\n\n').then(() => undefined));
      if (!session || checking) return;
      checking = true;
      session
        .stillAllowed()
        .then((ok) => ok || end())
        .catch(() => {}) // a database hiccup keeps the stream; the next heartbeat checks again
        .finally(() => (checking = false));
    }, heartbeatMs);
    try {
      send(() => stream.writeSSE({ event: 'ready', data: JSON.stringify({ org_id: orgId }) }));
      await closed;
    } finally {
      options.shutdown?.removeEventListener('abort', onShutdown);
      clearInterval(heartbeat);
      unsubscribe();
      unregister?.();
      stream.abort();
    }
  });
}
