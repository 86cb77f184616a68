/**
 * The live sync stream: ONE text/event-stream per organization carrying changes of every
 * collection. Read with fetch streaming rather than EventSource, because EventSource cannot send
 * the Authorization header (and Node has none); so the event-stream lines are parsed here.
 * Reconnects with backoff, immediately when the browser comes back online, and when the stream
 * goes silent for too long (a half-open connection after sleep or a network switch).
 */

export type SseEvent = { event: string; data: string; id?: string };

/** Incremental parser of the text/event-stream format (WHATWG HTML, "server-sent events"). */
export class SseParser {
  private buffer = '';
  private eventType = '';
  private dataLines: string[] = [];
  private lastId: string | undefined;
  private pendingCR = false;

  /** Feeds a decoded chunk; returns the events completed by it. */
  feed(chunk: string): SseEvent[] {
    let text = chunk;
    if (this.pendingCR && text.startsWith('\n')) text = text.slice(1);
    this.pendingCR = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone CR at the very end may be the first half of a CRLF split across chunks.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) this.pendingCR = true;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventType = value;
    else if (field === 'data') this.dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return null;
  }

  private dispatch(): SseEvent | null {
    const type = this.eventType || 'message';
    const lines = this.dataLines;
    this.eventType = '';
    this.dataLines = [];
    if (lines.length === 0) return null;
    return { event: type, data: lines.join('\n'), ...(this.lastId === undefined ? {} : { id: this.lastId }) };
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type StreamHandlers = {
  onOpen?(): void;
  onEvent(event: SseEvent): void;
  /** The server answered with an HTTP error; return true to stop reconnecting. */
  onHttpError?(status: number): boolean;
  /** The connection dropped or could not be made; a reconnect is scheduled. */
  onDisconnect?(error: unknown): void;
};

export type LiveStreamOptions = StreamHandlers & {
  url: string;
  headers: Record<string, string>;
  fetch?: FetchLike;
  /** Delays between attempts; the last one repeats. */
  backoffMs?: readonly number[];
  /** Reconnect when nothing (not even a comment) arrived for this long. */
  idleTimeoutMs?: number;
};

export type LiveStream = { reconnectNow(): void; stop(): void };

const DEFAULT_BACKOFF = [1000, 2000, 5000, 10_000, 30_000] as const;

export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF;
  const idleTimeout = options.idleTimeoutMs ?? 75_000;
  let stopped = false;
  let attempt = 0;
  let controller: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;

  const clearTimers = () => {
    if (retryTimer) clearTimeout(retryTimer);
    if (idleTimer) clearTimeout(idleTimer);
    retryTimer = idleTimer = null;
  };
  const armIdle = (ctrl: AbortController) => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => ctrl.abort(new Error('live stream idle')), idleTimeout);
  };

  const connect = async () => {
    clearTimers();
    const ctrl = new AbortController();
    controller = ctrl;
    try {
      const res = await doFetch(options.url, {
        headers: { accept: 'text/event-stream', ...options.headers },
        signal: ctrl.signal,
        cache: 'no-store',
      });
      if (!res.ok || !res.body) {
        if (!res.ok && options.onHttpError?.(res.status)) {
          stopped = true;
          return;
        }
        throw new Error(`live stream answered ${res.status}`);
      }
      attempt = 0;
      options.onOpen?.();
      armIdle(ctrl);
      const parser = new SseParser();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      // Aborting the request does not always end a body that is already being read.
      ctrl.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        armIdle(ctrl);
        for (const event of parser.feed(value)) options.onEvent(event);
      }
      throw new Error('live stream closed by the server');
    } catch (err) {
      if (stopped || controller !== ctrl) return;
      options.onDisconnect?.(err);
      const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 30_000;
      attempt++;
      retryTimer = setTimeout(() => void connect(), delay * (0.8 + Math.random() * 0.4));
    } finally {
      if (controller === ctrl && idleTimer) clearTimeout(idleTimer);
    }
  };

  void connect();
  return {
    reconnectNow() {
      if (stopped) return;
      attempt = 0;
      controller?.abort(new Error('reconnect'));
      controller = null;
      void connect();
    },
    stop() {
      stopped = true;
      clearTimers();
      controller?.abort(new Error('stopped'));
      controller = null;
    },
  };
}
