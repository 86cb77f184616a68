/**
 * Many live-stream clients in Node: each one HTTP connection of its own (agent: false, so nothing
 * is pooled or capped on this side) to `GET {sync base}/stream`, signed in with its own session,
 * reading every event like the app does. They do not pull: what is measured is whether and when
 * each `change` event reaches each connection. An event is recognised by the markers the suite
 * writes into the edited documents (`${MARK}<n>.`), found in the raw event text.
 */
import { request, type ClientRequest } from 'node:http';

export const MARK = 'LiveMark';
const MARK_RE = new RegExp(`${MARK}(\\d+)\\.`, 'g');

type Client = { req: ClientRequest; ready: boolean; ended: boolean; seen: Set<number> };

export type OpenResult = { opened: number; failed: number; firstError: string | null };

export class StreamClients {
  private readonly clients: Client[] = [];
  /** Arrival times (epoch ms) per marker, one per client that got it. */
  readonly arrivals = new Map<number, number[]>();
  private errors = 0;
  private firstError: string | null = null;

  constructor(
    private readonly streamUrl: string,
    private readonly connectTimeoutMs = 30_000,
  ) {}

  get size(): number {
    return this.clients.length;
  }

  /** Connections that got `ready` and have not ended. */
  live(): number {
    return this.clients.filter((c) => c.ready && !c.ended).length;
  }

  dropped(): number {
    return this.clients.filter((c) => c.ended).length;
  }

  /** How many live connections have seen marker `n`. */
  sawCount(n: number): number {
    return this.clients.filter((c) => !c.ended && c.seen.has(n)).length;
  }

  /** Opens one connection per token, `parallel` at a time; resolves when each got `ready` or failed. */
  async open(tokens: readonly string[], parallel = 50): Promise<OpenResult> {
    let next = 0;
    let opened = 0;
    let failed = 0;
    const worker = async () => {
      while (next < tokens.length) {
        const token = tokens[next++] as string;
        if (await this.openOne(token)) opened++;
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return { opened, failed, firstError: this.firstError };
  }

  private openOne(token: string): Promise<boolean> {
    return new Promise((done) => {
      let settled = false;
      const settle = (ok: boolean, why?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!ok) {
          this.errors++;
          this.firstError ??= why ?? 'unknown';
        }
        done(ok);
      };
      const req = request(this.streamUrl, { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
      const client: Client = { req, ready: false, ended: false, seen: new Set() };
      const timer = setTimeout(() => {
        req.destroy();
        settle(false, 'no ready event within the connect timeout');
      }, this.connectTimeoutMs);
      req.on('error', (err) => {
        client.ended = true;
        settle(false, err.message);
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          settle(false, `HTTP ${res.statusCode}`);
          return;
        }
        this.clients.push(client);
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('event: ready')) {
              client.ready = true;
              settle(true);
            } else if (block.startsWith('event: change')) this.onChange(client, block);
          }
        });
        res.on('close', () => {
          client.ended = true;
          settle(false, 'stream closed before ready');
        });
      });
      req.end();
    });
  }

  private onChange(client: Client, block: string): void {
    const at = Date.now();
    for (const m of block.matchAll(MARK_RE)) {
      const n = Number(m[1]);
      if (client.seen.has(n)) continue;
      client.seen.add(n);
      let list = this.arrivals.get(n);
      if (!list) this.arrivals.set(n, (list = []));
      list.push(at);
    }
  }

  /** Waits (bounded) until every live connection saw marker `n`; returns how many did. */
  async waitAllSaw(n: number, timeoutMs: number): Promise<number> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.sawCount(n) >= this.live()) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.sawCount(n);
  }

  closeAll(): void {
    for (const c of this.clients) c.req.destroy();
    this.clients.length = 0;
  }
}
