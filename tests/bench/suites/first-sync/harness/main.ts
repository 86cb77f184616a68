/**
 * The first-sync bench's page (bundled by ../build.ts, served by ../pouch-server.ts): the three
 * ways of getting an organization into IndexedDB, each on its own database, called by the suite
 * through `window.__firstSync`:
 * - appSync: the app's own data layer (renderer/data: openAstralDatabase on validated Dexie +
 *   startSync, live stream on) until its firstSync promise resolves, as the app does after sign-in;
 * - bulkPut: the same documents written straight into Dexie (one table per collection, key `id`,
 *   one bulkPut per collection), the storage limit;
 * - layoutFloor: the same documents put straight into the stores RxDB makes for the app (each
 *   document and its server copy, with their indexes): the least the app's layout can cost;
 * - pouch: PouchDB (pouchdb-browser, IndexedDB adapter) replicating the same documents from
 *   express-pouchdb.
 * The offline catch-up watches the app's collections for the changed documents (armCatchUp ->
 * markStart -> waitCatchUp) and times the raw pull of the same seq range (rawPull).
 */
import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import type { Observable, Subscription } from 'rxjs';
import { getComposedPrimaryKeyOfDocumentData, getRxReplicationMetaInstanceSchema, now, type DexieStorageInternals, type RxChangeEvent, type RxCollection, type RxDocumentData, type RxStorageInstance } from 'rxdb';
import { fromStorageToDexie, getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openAstralDatabase, validatedStorage, type AstralData } from '../../../../../renderer/data/database';
import { isPushed } from '../../../../../renderer/data/pushed';
import { startSync, trimToSchema, type SyncHandle } from '../../../../../renderer/data/replication';
import { SYNC_COLLECTIONS, syncBasePath, type PullResponse } from '../../../../../shared/sync/protocol';

export type SyncTarget = { serverUrl: string; token: string; orgId: string };
export type AppSyncResult = { ms: number; counts: Record<string, number>; errors: string[] };
export type BulkPutResult = { fetchMs: number; ms: number; docs: number };
export type LayoutFloorResult = BulkPutResult & { catchUpMs: number; catchUpDocs: number };
/** Changed documents of the layout's catch-up floor (the suite's offline catch-up changes as many). */
const CATCH_UP_DOCS = 5000;
export type PouchResult = { ms: number; docs: number; finished: boolean; error: string | null };
export type CatchUpResult = { ms: number | null; seen: number; expected: number; onlineEvent: boolean; timeline: string };
export type RawPullResult = { ms: number; docs: number; requests: number };

let app: { data: AstralData; sync: SyncHandle } | null = null;
const errors: string[] = [];

/** The app's requests while a catch-up is watched: when each was sent and answered (headers), and what it was. */
type Request = { what: string; sent: number; answered: number | null; ok: boolean };
let requests: Request[] | null = null;
const timedFetch = async (input: string, init?: RequestInit): Promise<Response> => {
  const log = requests;
  if (!log) return fetch(input, init);
  const path = new URL(input, location.href).pathname.split('/').slice(-2).join('/');
  const r: Request = { what: path, sent: performance.now(), answered: null, ok: false };
  log.push(r);
  try {
    const res = await fetch(input, init);
    r.answered = performance.now();
    r.ok = res.ok;
    return res;
  } catch (err) {
    r.answered = performance.now();
    throw err;
  }
};

/** `validatePulled`: the storage as it was before the first-sync work (pulled documents validated again), for a same-run comparison. */
async function appSync(target: SyncTarget, name: string, options: { validatePulled?: boolean } = {}): Promise<AppSyncResult> {
  const started = performance.now();
  const storage = options.validatePulled ? validatedStorage(getRxStorageDexie(), { validatePulled: true }) : undefined;
  const data = await openAstralDatabase({ name, onNotice: () => undefined, ...(storage ? { storage } : {}) });
  const sync = startSync(data, {
    ...target,
    fetch: timedFetch,
    onUnauthorized: () => errors.push('401 from the sync server'),
    onOutdated: () => errors.push('426 from the sync server'),
    log: (m) => errors.push(m),
  });
  app = { data, sync };
  await sync.firstSync;
  const ms = performance.now() - started;
  return { ms, counts: await appCounts(), errors: errors.splice(0) };
}

async function appCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (!app) return counts;
  for (const c of SYNC_COLLECTIONS) counts[c] = await app.data.db[c].count().exec();
  return counts;
}

async function bulkPut(name: string): Promise<BulkPutResult> {
  const fetched = performance.now();
  const docs = (await (await fetch('/docs.json')).json()) as Record<string, Record<string, unknown>[]>;
  const fetchMs = performance.now() - fetched;
  const db = new Dexie(name);
  db.version(1).stores(Object.fromEntries(Object.keys(docs).map((c) => [c, 'id'])));
  await db.open();
  const started = performance.now();
  let n = 0;
  for (const [collection, list] of Object.entries(docs)) {
    await db.table(collection).bulkPut(list);
    n += list.length;
  }
  const ms = performance.now() - started;
  db.close();
  return { fetchMs, ms, docs: n };
}

/**
 * What the app's storage layout costs at the least: the same documents put straight into the Dexie
 * stores RxDB creates for the app's collections (the collection's store with its indexes, and the
 * replication meta store holding each pushed document's server copy), one bulkPut per collection and
 * store, with no read, no RxDB bookkeeping and no network. The documents are shaped as the app stores
 * them before the clock starts. The app's first sync cannot be faster than this; the distance from
 * bulkPut to this is the layout's, the distance from this to the app is the sync's.
 */
async function layoutFloor(name: string): Promise<LayoutFloorResult> {
  const fetched = performance.now();
  const docs = (await (await fetch('/docs.json')).json()) as Record<string, Record<string, unknown>[]>;
  const fetchMs = performance.now() - fetched;
  const data = await openAstralDatabase({ name, onNotice: () => undefined, multiInstance: false });
  const db = data.db;
  type Internals = Awaited<DexieStorageInternals>;
  const writes: { table: Internals['dexieTable']; rows: unknown[] }[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one instance per collection, each of its own document type
  const opened: RxStorageInstance<any, any, any>[] = [];
  let n = 0;
  for (const c of SYNC_COLLECTIONS) {
    const list = docs[c] ?? [];
    if (list.length === 0) continue;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any of the collections
    const collection: RxCollection<any> = db[c];
    const primary = collection.schema.primaryPath as string;
    const fork = (await (collection.storageInstance as unknown as { originalStorageInstance: { internals: DexieStorageInternals } }).originalStorageInstance.internals);
    const lwt = now();
    const stored: Record<string, unknown>[] = list.map((d) => ({ ...trimToSchema(c, d), _meta: { lwt }, _rev: `1-${db.token}`, _attachments: {} }));
    writes.push({ table: fork.dexieTable, rows: stored.map((d) => fromStorageToDexie(fork.booleanIndexes, d as RxDocumentData<Record<string, unknown>>)) });
    if (isPushed(c)) {
      const schema = getRxReplicationMetaInstanceSchema(collection.schema.jsonSchema, false);
      const meta = await db.storage.createStorageInstance({ databaseName: db.name, collectionName: `layout-floor-meta-${c}`, databaseInstanceToken: db.token, multiInstance: false, options: {}, schema, devMode: false });
      opened.push(meta);
      const metaInternals = await (meta as unknown as { internals: DexieStorageInternals }).internals;
      const copies = stored.map((d) => {
        const itemId = String(d[primary]);
        return { id: getComposedPrimaryKeyOfDocumentData(schema, { itemId, isCheckpoint: '0' }), isCheckpoint: '0', itemId, docData: d, _deleted: false, _attachments: {}, _meta: { lwt }, _rev: `1-${db.token}` };
      });
      writes.push({ table: metaInternals.dexieTable, rows: copies.map((d) => fromStorageToDexie(metaInternals.booleanIndexes, d)) });
    }
    n += list.length;
  }
  const started = performance.now();
  for (const w of writes) await w.table.bulkPut(w.rows);
  const ms = performance.now() - started;
  const catchUp = await layoutCatchUpFloor(writes);
  for (const meta of opened) await meta.close();
  await db.close();
  return { fetchMs, ms, docs: n, ...catchUp };
}

/**
 * The least a catch-up of CATCH_UP_DOCS changed documents costs in the same stores: read each one's
 * local copy and server copy (the replication must, not to overwrite an edit not yet pushed), then
 * put both. The documents are existing ones, in the proportions of the collections written.
 */
async function layoutCatchUpFloor(writes: { table: Awaited<DexieStorageInternals>['dexieTable']; rows: unknown[] }[]): Promise<{ catchUpMs: number; catchUpDocs: number }> {
  const total = writes.reduce((sum, w) => sum + w.rows.length, 0);
  const picked = writes.map((w) => {
    const rows = w.rows.slice(0, Math.ceil((w.rows.length / total) * CATCH_UP_DOCS * 2)) as Record<string, unknown>[];
    const key = w.table.schema.primKey.keyPath as string;
    return { table: w.table, keys: rows.map((r) => r[key]), rows: rows.map((r) => ({ ...r, _rev: `2-${String(r._rev).slice(2)}` })) };
  });
  const started = performance.now();
  await Promise.all(picked.map((p) => p.table.bulkGet(p.keys as string[])));
  for (const p of picked) await p.table.bulkPut(p.rows);
  return { catchUpMs: performance.now() - started, catchUpDocs: picked.reduce((sum, p) => sum + p.rows.length, 0) / 2 };
}

async function pouch(remoteUrl: string, name: string, batchSize: number, capMs: number): Promise<PouchResult> {
  const local = new PouchDB(name);
  const started = performance.now();
  const replication = local.replicate.from(remoteUrl, { batch_size: batchSize, batches_limit: 5 });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const capped = new Promise<'cap'>((resolve) => {
    timer = setTimeout(() => resolve('cap'), capMs);
  });
  let error: string | null = null;
  const outcome = await Promise.race([replication.then(() => 'done' as const, (err: unknown) => ((error = String(err)), 'failed' as const)), capped]);
  clearTimeout(timer);
  const ms = performance.now() - started;
  if (outcome === 'cap') replication.cancel();
  const docs = (await local.info()).doc_count;
  return { ms, docs, finished: outcome === 'done', error };
}

let watch: { pending: Set<string>; expected: number; start: number | null; done: number | null; online: boolean; subs: Subscription[] } | null = null;

/** Watches the app's collections for `ids` (collection:id) written with `updated_at === marker`. */
function armCatchUp(marker: string, ids: string[]): void {
  if (!app) throw new Error('appSync first');
  const w = { pending: new Set(ids), expected: ids.length, start: null as number | null, done: null as number | null, online: false, subs: [] as Subscription[] };
  window.addEventListener('online', () => (w.online = true), { once: true });
  for (const c of SYNC_COLLECTIONS) {
    w.subs.push(
      (app.data.db[c] as unknown as { $: Observable<RxChangeEvent<unknown>> }).$.subscribe((ev) => {
        const doc = ev.documentData as { updated_at?: string } | undefined;
        if (doc?.updated_at !== marker || !w.pending.delete(`${c}:${ev.documentId}`)) return;
        if (w.pending.size === 0) w.done = performance.now();
      }),
    );
  }
  watch = w;
}

function markStart(): void {
  if (watch) watch.start = performance.now();
  requests = [];
}

/** Where the catch-up's time went: the app's requests after going online, relative to that moment. */
function describeTimeline(start: number, done: number | null, log: Request[]): string {
  const at = (t: number | null) => (t === null ? '?' : `${Math.round(t - start)}`);
  const pulls = log.filter((r) => r.what.endsWith('/pull'));
  const okPulls = pulls.filter((r) => r.ok);
  const failed = log.filter((r) => !r.ok);
  const inFlight = okPulls.reduce((sum, r) => sum + ((r.answered ?? r.sent) - r.sent), 0);
  const first = okPulls[0];
  const last = okPulls[okPulls.length - 1];
  const byCollection = new Map<string, number>();
  for (const r of okPulls) byCollection.set(r.what.split('/')[0] ?? '?', (byCollection.get(r.what.split('/')[0] ?? '?') ?? 0) + 1);
  return [
    `${log.length} requests (${failed.length} failed or refused: ${[...new Set(failed.map((r) => r.what))].join(', ') || 'none'})`,
    `stream asked at ${at(log.find((r) => r.what.endsWith('/stream'))?.sent ?? null)} ms`,
    `first answered pull sent at ${at(first?.sent ?? null)} ms, last answered at ${at(last?.answered ?? null)} ms`,
    `${okPulls.length} pulls (${[...byCollection].map(([c, n]) => `${c} ${n}`).join(', ')}), ${Math.round(inFlight)} ms in flight in all`,
    `done at ${at(done)} ms`,
  ].join('; ');
}

async function waitCatchUp(timeoutMs: number): Promise<CatchUpResult> {
  const w = watch;
  if (!w) throw new Error('armCatchUp first');
  const until = performance.now() + timeoutMs;
  while (w.done === null && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  w.subs.forEach((s) => s.unsubscribe());
  const seen = w.expected - w.pending.size;
  const timeline = w.start === null ? '' : describeTimeline(w.start, w.done, requests ?? []);
  requests = null;
  return { ms: w.done !== null && w.start !== null ? w.done - w.start : null, seen, expected: w.expected, onlineEvent: w.online, timeline };
}

/** Plain HTTP pull of every collection from `fromSeq` (one loop per collection, all at once), JSON parsed, nothing stored. */
async function rawPull(target: SyncTarget, fromSeq: number, limit: number): Promise<RawPullResult> {
  const base = `${target.serverUrl.replace(/\/+$/, '')}${syncBasePath(target.orgId)}`;
  const headers = { authorization: `Bearer ${target.token}` };
  let docs = 0;
  let requests = 0;
  const started = performance.now();
  await Promise.all(
    SYNC_COLLECTIONS.map(async (c) => {
      let seq = fromSeq;
      for (;;) {
        requests++;
        const res = await fetch(`${base}/${c}/pull?seq=${seq}&limit=${limit}`, { headers, cache: 'no-store' });
        if (!res.ok) throw new Error(`raw pull ${c}: HTTP ${res.status}`);
        const body = (await res.json()) as PullResponse<unknown>;
        docs += body.documents.length;
        if (!body.checkpoint || body.documents.length < limit) return;
        seq = body.checkpoint.seq;
      }
    }),
  );
  return { ms: performance.now() - started, docs, requests };
}

/** How many of `ids` (collection:id) the app's database holds with `updated_at === marker`. */
async function countMarked(marker: string, ids: string[]): Promise<number> {
  if (!app) return 0;
  let n = 0;
  for (const c of SYNC_COLLECTIONS) {
    const mine = ids.filter((id) => id.startsWith(`${c}:`)).map((id) => id.slice(c.length + 1));
    if (mine.length === 0) continue;
    const found = await app.data.db[c].findByIds(mine).exec();
    for (const doc of found.values()) if ((doc.toJSON() as { updated_at?: string }).updated_at === marker) n++;
  }
  return n;
}

async function stopApp(): Promise<void> {
  if (!app) return;
  await app.sync.stop();
  await app.data.db.close();
  app = null;
}

const harness = { appSync, appCounts, bulkPut, layoutFloor, pouch, armCatchUp, markStart, waitCatchUp, rawPull, countMarked, stopApp };
export type FirstSyncHarness = typeof harness;
(window as unknown as { __firstSync: FirstSyncHarness }).__firstSync = harness;
