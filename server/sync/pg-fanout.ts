/**
 * Live fan-out across server processes that share one PostgreSQL database (issue 7, scale-out).
 *
 * Every committed write of an organization carries consecutive seqs, and seq order is commit order
 * (DocumentStore locks the organization row), so the rows with `seq > N` that a query sees are
 * always everything committed after N. Each process keeps, per organization, the last seq its live
 * streams got (`last`) and delivers only `seq > last`, in seq order, on its local ChangeBus:
 * - a write of this process (ChangeBus.emit): delivered from the rows in hand when it follows
 *   `last` directly, else read back from the database; and announced to the other processes with
 *   NOTIFY on `astral_changes` (payload: organization, seq range, collections; never documents,
 *   NOTIFY payloads are limited to 8000 bytes);
 * - a notification (own or another process's, on a dedicated LISTEN connection): when its range
 *   passes `last` and someone here listens, the rows `seq > last` are read and delivered.
 * One serial queue per organization makes this exactly once and in order, whatever the order the
 * notifications arrive in; a lost NOTIFY only delays delivery until the next one of that organization.
 *
 * If the LISTEN connection drops, it is reopened (backoff) and every open stream is told to
 * RESYNC: an empty `change` event per collection, which the app answers by pulling from its
 * checkpoint, so nothing missed meanwhile is lost.
 *
 * The same connection holds the session advisory lock that elects the one process running the
 * hourly signal evaluation; whoever holds it keeps it until its connection ends.
 */
import type pg from 'pg';
import type { Db } from '../db/db';
import { connectDedicated } from '../db/postgres';
import { SYNC_COLLECTIONS, type StreamChange, type SyncCollection } from '../../shared/sync/protocol';
import type { ChangeBus } from './bus';
import { withDeleted, type DocData, type StoredDoc } from './store';

export const FANOUT_CHANNEL = 'astral_changes';
/** pg_try_advisory_lock(key1, key2) of the signal evaluation: 'astr', 1. */
const SIGNALS_LOCK: readonly [number, number] = [0x61737472, 1];
const PAGE = 1000;
const MAX_RETRY_MS = 5000;

type Notice = { org_id: string; from: number; to: number; collections: string[] };
type Row = { collection: string; id: string; data: DocData; seq: number | string; deleted: boolean };

export type PgFanoutOptions = {
  url: string;
  /** The server's pool: reads of rows and the NOTIFYs go through it. */
  db: Db;
  bus: ChangeBus;
  log?: (message: string) => void;
  /** First reconnect delay after the LISTEN connection dropped (doubles up to 5 s). */
  retryMs?: number;
};

function parseNotice(payload: string | undefined): Notice | null {
  try {
    const n = JSON.parse(payload ?? '') as Partial<Notice>;
    if (typeof n.org_id !== 'string' || typeof n.to !== 'number' || !Number.isSafeInteger(n.to)) return null;
    return { org_id: n.org_id, from: typeof n.from === 'number' ? n.from : n.to, to: n.to, collections: Array.isArray(n.collections) ? n.collections : [] };
  } catch {
    return null;
  }
}

export class PgFanout {
  private client: pg.Client | null = null;
  private closed = false;
  private retryMs: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly last = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  private pending = new Map<string, Notice>();
  private flushing: Promise<void> = Promise.resolve();
  private signalLeader = false;
  /** Backend pid of the LISTEN connection (tests end it with pg_terminate_backend). */
  backendPid: number | null = null;
  /** How many times the LISTEN connection was reopened. */
  reconnects = 0;

  private constructor(private readonly options: PgFanoutOptions) {
    this.retryMs = options.retryMs ?? 200;
  }

  /** Listens, learns every organization's current seq, then takes over the bus's `emit`. */
  static async start(options: PgFanoutOptions): Promise<PgFanout> {
    const fanout = new PgFanout(options);
    await fanout.connect(false);
    options.bus.setPublisher((orgId, change) => fanout.publish(orgId, change));
    return fanout;
  }

  private log(message: string): void {
    this.options.log?.(`[fanout] ${message}`);
  }

  private async connect(reconnect: boolean): Promise<void> {
    const client: pg.Client = await connectDedicated(this.options.url, (err) => this.lost(client, err));
    try {
      client.on('notification', (msg) => {
        if (msg.channel === FANOUT_CHANNEL) this.onNotice(parseNotice(msg.payload));
      });
      await client.query(`LISTEN ${FANOUT_CHANNEL}`);
      const pid = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Read after LISTEN: whatever commits later is also notified.
      const { rows } = await client.query<{ id: string; seq: string | number }>('SELECT id, seq FROM organizations');
      if (this.closed) throw new Error('closed');
      this.client = client;
      this.backendPid = pid.rows[0]?.pid ?? null;
      const seqs = new Map(rows.map((r) => [r.id, Number(r.seq)]));
      const orgs = new Set([...seqs.keys(), ...(reconnect ? this.options.bus.organizations() : [])]);
      for (const orgId of orgs) {
        this.enqueue(orgId, () => {
          const seq = seqs.get(orgId);
          if (seq !== undefined) this.last.set(orgId, Math.max(this.last.get(orgId) ?? 0, seq));
          if (reconnect) this.resync(orgId);
        });
      }
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.backendPid = null;
    this.signalLeader = false;
    if (this.closed) return;
    this.log(`LISTEN connection lost (${err?.message ?? 'ended'}); reconnecting`);
    this.scheduleReconnect(this.options.retryMs ?? 200);
  }

  private scheduleReconnect(delay: number): void {
    this.retryMs = delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      this.connect(true).then(
        () => {
          this.reconnects++;
          this.log('LISTEN connection back; open streams re-sync');
        },
        (err: unknown) => {
          if (this.closed) return;
          this.log(`reconnect failed: ${String(err)}`);
          this.scheduleReconnect(Math.min(this.retryMs * 2, MAX_RETRY_MS));
        },
      );
    }, delay);
  }

  /** The one serial queue of an organization: every change of `last` runs in it. */
  private enqueue(orgId: string, task: () => Promise<void> | void): void {
    const next = (this.chains.get(orgId) ?? Promise.resolve()).then(task).catch((err: unknown) => this.log(`delivery for ${orgId} failed: ${String(err)}`));
    this.chains.set(orgId, next);
    void next.then(() => {
      if (this.chains.get(orgId) === next) this.chains.delete(orgId);
    });
  }

  /** ChangeBus.emit of a write committed by this process. */
  private publish(orgId: string, change: StreamChange<Record<string, unknown>>): void {
    // The rows of one change carry consecutive seqs (DocumentStore emits runs of one collection).
    const to = change.checkpoint.seq;
    const from = to - change.documents.length + 1;
    this.enqueue(orgId, async () => {
      const last = this.last.get(orgId) ?? 0;
      if (to <= last) return;
      if (from === last + 1 || this.options.bus.listenerCount(orgId) === 0) {
        this.options.bus.deliver(orgId, change);
        this.last.set(orgId, to);
        return;
      }
      await this.catchUp(orgId);
    });
    const notice = this.pending.get(orgId);
    if (notice) {
      notice.from = Math.min(notice.from, from);
      notice.to = Math.max(notice.to, to);
      if (!notice.collections.includes(change.collection)) notice.collections.push(change.collection);
      return;
    }
    this.pending.set(orgId, { org_id: orgId, from, to, collections: [change.collection] });
    // One NOTIFY per organization for the changes of one write (emitted in the same tick).
    if (this.pending.size === 1) queueMicrotask(() => this.flushNotices());
  }

  private flushNotices(): void {
    const notices = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = Promise.all([
      this.flushing,
      ...notices.map((n) =>
        this.options.db
          .query('SELECT pg_notify($1, $2)', [FANOUT_CHANNEL, JSON.stringify(n)])
          .catch((err: unknown) => this.log(`NOTIFY failed (other processes catch up with the next one): ${String(err)}`)),
      ),
    ]).then(() => undefined);
  }

  private onNotice(notice: Notice | null): void {
    if (!notice) return;
    const orgId = notice.org_id;
    this.enqueue(orgId, async () => {
      if (notice.to <= (this.last.get(orgId) ?? 0)) return;
      if (this.options.bus.listenerCount(orgId) === 0) {
        this.last.set(orgId, notice.to);
        return;
      }
      await this.catchUp(orgId);
    });
  }

  /** Reads and delivers every row of the organization with seq > last, in seq order. */
  private async catchUp(orgId: string): Promise<void> {
    for (;;) {
      const last = this.last.get(orgId) ?? 0;
      const { rows } = await this.options.db.query<Row>(
        `SELECT collection, id, data, seq, deleted FROM documents
          WHERE org_id = $1 AND collection = ANY($2::text[]) AND seq > $3 ORDER BY seq LIMIT ${PAGE}`,
        [orgId, [...SYNC_COLLECTIONS], last],
      );
      let run: StoredDoc[] = [];
      const flush = () => {
        const start = run[0];
        const end = run[run.length - 1];
        if (!start || !end) return;
        this.options.bus.deliver(orgId, { collection: end.collection, documents: run.map(withDeleted), checkpoint: { seq: end.seq }, first_seq: start.seq });
        this.last.set(orgId, end.seq);
        run = [];
      };
      for (const r of rows) {
        const doc: StoredDoc = { collection: r.collection as SyncCollection, id: r.id, data: r.data, seq: Number(r.seq), deleted: r.deleted };
        if (run.length > 0 && run[0]?.collection !== doc.collection) flush();
        run.push(doc);
      }
      flush();
      if (rows.length < PAGE) return;
    }
  }

  /** Tells this process's streams of the organization to pull every collection again. */
  private resync(orgId: string): void {
    const seq = this.last.get(orgId) ?? 0;
    for (const collection of SYNC_COLLECTIONS) this.options.bus.deliver(orgId, { collection, documents: [], checkpoint: { seq } });
  }

  /** True when this process runs the signal evaluation (holds, or just took, the advisory lock). */
  async leadsSignals(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    if (this.signalLeader) return true;
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [...SIGNALS_LOCK]);
    if (this.client !== client) return false;
    this.signalLeader = rows[0]?.ok === true;
    return this.signalLeader;
  }

  /** Stops listening (the advisory lock goes with the connection) and waits for queued deliveries. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.options.bus.setPublisher(null);
    const client = this.client;
    this.client = null;
    this.signalLeader = false;
    await this.flushing;
    await Promise.allSettled([...this.chains.values()]);
    await client?.end().catch(() => {});
  }
}
