/**
 * One chaos client: a coach's laptop in its own worker thread (RxDB allows 13 open collections per
 * JS realm; the app has 9). It runs the app's real data layer: openTestDatabase (RxDB memory
 * storage, every collection) and startSync (pull, push, conflict handling and the live stream)
 * against the real server over loopback. The network is a fetch wrapper the orchestrator switches
 * off and on; "offline" also aborts every request in flight (a push may then have reached the server
 * or not) and tells the sync layer through the same window online/offline events a browser fires.
 * Every pushed row is logged with how the server answered it, for the lost-edit check.
 */
import { setMaxListeners } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { SYNC_COLLECTIONS, type PushResponse, type SyncCollection } from '../../shared/sync/protocol';
import type { AstralData } from '../../renderer/data/database';
import { startSync, type SyncHandle } from '../../renderer/data/replication';
import { PUSHED_COLLECTIONS } from '../../renderer/data/pushed';
import { readOutbox, reconcileOutbox } from '../../renderer/data/syncStatus';
import { openTestDatabase } from '../../renderer/data/testDb';
import type { FetchLike } from '../../renderer/data/sse';
import { runOp } from './ops';
import type { Command, Dump, OpenArgs, PushedRow, Reply, Request, RowOutcome, SettleResult } from './protocol';

// The browser globals the sync layer (and RxDB's retry) read for online/offline.
const win = new EventTarget();
// Each of the 9 replications waits for 'online' while offline (RxDB), plus the sync layer's own listeners.
setMaxListeners(100, win);
const nav = { onLine: true };
Object.defineProperty(globalThis, 'window', { value: win, configurable: true, writable: true });
Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });

const clock = () => performance.timeOrigin + performance.now();

let args: OpenArgs | null = null;
let data: (AstralData & { notices: { kind: string }[] }) | null = null;
let sync: SyncHandle | null = null;
let online = true;
let counter = 0;
const inflight = new Set<AbortController>();
const pushes: PushedRow[] = [];

const chaosFetch: FetchLike = async (input, init) => {
  if (!online) throw new TypeError('fetch failed (chaos: offline)');
  const ctrl = new AbortController();
  const outer = init?.signal;
  if (outer) {
    if (outer.aborted) ctrl.abort(outer.reason);
    else outer.addEventListener('abort', () => ctrl.abort(outer.reason), { once: true });
  }
  inflight.add(ctrl);
  const isStream = input.endsWith('/stream');
  const push = init?.method === 'POST' && input.endsWith('/push') ? pushStart(input, String(init.body)) : null;
  try {
    const res = await fetch(input, { ...init, signal: ctrl.signal });
    if (push) {
      const body = res.ok ? ((await res.clone().json().catch(() => null)) as PushResponse<{ id: string }> | null) : null;
      pushEnd(push, body);
    }
    return res;
  } catch (err) {
    // A refused connection (server down) sent nothing; any other failure may have been written.
    const refusedConnection = (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
    if (push && !refusedConnection) pushEnd(push, null);
    throw err;
  } finally {
    if (!isStream) inflight.delete(ctrl);
  }
};

type PendingPush = { collection: SyncCollection; sentAt: number; rows: { newDocumentState: Record<string, unknown>; assumedMasterState?: Record<string, unknown> | null }[] };

function pushStart(url: string, body: string): PendingPush {
  const collection = url.split('/').at(-2) as SyncCollection;
  const parsed = JSON.parse(body) as { rows: PendingPush['rows'] };
  return { collection, sentAt: clock(), rows: parsed.rows };
}

function pushEnd(p: PendingPush, body: PushResponse<{ id: string }> | null): void {
  const answeredAt = clock();
  const conflicts = new Set((body?.conflicts ?? []).map((d) => d.id));
  const refused = new Set((body?.rejections ?? []).map((r) => r.id));
  for (const row of p.rows) {
    const id = String(row.newDocumentState.id);
    const outcome: RowOutcome = !body ? 'unknown' : refused.has(id) ? 'refused' : conflicts.has(id) ? 'conflict' : 'acked';
    pushes.push({ client: args?.client ?? -1, collection: p.collection, id, newDoc: row.newDocumentState, assumed: row.assumedMasterState ?? null, sentAt: p.sentAt, answeredAt, outcome });
  }
}

function begin(): SyncHandle {
  if (!args || !data) throw new Error('not open');
  return startSync(data, {
    serverUrl: args.serverUrl,
    token: args.token,
    orgId: args.orgId,
    fetch: chaosFetch,
    retryTimeMs: 300,
    log: () => undefined,
    onUnauthorized: () => undefined,
    onOutdated: () => undefined,
  });
}

function setOnline(value: boolean): void {
  online = value;
  nav.onLine = value;
  if (!value) {
    for (const c of inflight) c.abort(new Error('chaos: network down'));
    inflight.clear();
  }
  win.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);

async function settle(timeoutMs: number): Promise<SettleResult> {
  if (!data || !sync) throw new Error('not open');
  const s = sync;
  const db = data.db;
  const all = () => Promise.all(PUSHED_COLLECTIONS.map((c) => s.replications[c]?.awaitInSync()));
  const done = await withTimeout(
    (async () => {
      await all();
      await reconcileOutbox(db, all);
    })(),
    timeoutMs,
  );
  return { inSync: done !== 'timeout', outbox: (await readOutbox(db)).length };
}

async function dump(): Promise<Dump> {
  if (!data) throw new Error('not open');
  const docs: Dump['docs'] = {};
  for (const c of SYNC_COLLECTIONS) {
    const found = await data.db[c].find().exec();
    docs[c] = found.map((d) => d.toJSON() as Record<string, unknown>);
  }
  const notices: Record<string, number> = {};
  for (const n of data.notices) notices[n.kind] = (notices[n.kind] ?? 0) + 1;
  return { docs, pushes: [...pushes], notices, outbox: (await readOutbox(data.db)).length };
}

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case 'open': {
      args = c.args;
      online = true;
      nav.onLine = true;
      counter = 0;
      pushes.length = 0;
      data = await openTestDatabase(SYNC_COLLECTIONS);
      sync = begin();
      await withTimeout(sync.firstSync, 120_000);
      return null;
    }
    case 'op': {
      if (!data || !args) throw new Error('not open');
      counter += 1;
      return runOp(c.kind, c.seed, { db: data.db, client: args.client, coachId: args.coachId, role: args.role, coachIds: args.coachIds, counter });
    }
    case 'offline':
      setOnline(false);
      return null;
    case 'online':
      setOnline(true);
      return null;
    case 'restartSync': {
      // What the app does on sign-out/in or a reload: the replication stops and starts again on the same database.
      await sync?.stop();
      sync = begin();
      return null;
    }
    case 'settle':
      return settle(c.timeoutMs);
    case 'dump':
      return dump();
    case 'close': {
      await sync?.stop();
      await data?.db.close();
      sync = null;
      data = null;
      return null;
    }
  }
}

parentPort?.on('message', (req: Request) => {
  handle(req).then(
    (value) => parentPort?.postMessage({ reqId: req.reqId, ok: true, value } satisfies Reply),
    (err: unknown) => parentPort?.postMessage({ reqId: req.reqId, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) } satisfies Reply),
  );
});
