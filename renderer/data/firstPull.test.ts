import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateAthlete } from './athletes';
import type { AstralData } from './database';
import { FakeSyncServer } from './fakeServer';
import { firstPull } from './firstPull';
import { PULL_BATCH, STOP_WAIT_MS, replicationIdentifier, startSync, trimToSchema, type SyncHandle } from './replication';
import type { FetchLike } from './sse';
import { reconcileOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, uuid } from './testDb';
import type { AnyRxStorage } from './validatedStorage';

const SERVER_URL = 'http://sync.test';
const ORG = uuid(500);
const ATHLETES = 2 * PULL_BATCH + 500; // three pages

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A server holding ATHLETES athletes (one of them removed: a tombstone), and a log of the pulls it answered. */
function bigServer() {
  const server = new FakeSyncServer();
  server.role = 'head_coach';
  for (let i = 1; i <= ATHLETES; i++) server.put('athletes', sampleAthlete(i, { first_name: `A${i}` }));
  server.put('athletes', { ...sampleAthlete(7), _deleted: true });
  return server;
}

type Pull = { collection: string; seq: number };

/**
 * The storages it runs on: RxDB's memory one, and Dexie (the app's), on fake-indexeddb, where the
 * server copies are put straight into the meta instance's table (firstPull.ts writeServerCopies).
 */
const STORAGES: [string, () => AnyRxStorage | undefined][] = [
  ['memory storage', () => undefined],
  ['Dexie storage', () => getRxStorageDexie({ indexedDB, IDBKeyRange })],
];
let storage: () => AnyRxStorage | undefined = () => undefined;

/** `hook` runs before the server answers a pull; a Response it returns is the answer instead. */
async function start(server: FakeSyncServer, hook?: (pull: Pull) => Promise<Response | void>) {
  const base = storage();
  const data = await openTestDatabase(undefined, base ? { storage: base } : {});
  const pulls: Pull[] = [];
  const logged: string[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const m = /\/([a-z_]+)\/pull$/.exec(url.pathname);
    if (m) {
      const pull = { collection: m[1] ?? '', seq: Number(url.searchParams.get('seq')) };
      pulls.push(pull);
      const answer = await hook?.(pull);
      if (answer) return answer;
    }
    return server.fetch(input, init);
  };
  const sync = startSync(data, {
    serverUrl: SERVER_URL,
    token: 't',
    orgId: ORG,
    fetch,
    live: false,
    retryTimeMs: 50,
    log: (m) => logged.push(m),
    onUnauthorized: () => undefined,
    onOutdated: () => undefined,
  });
  cleanup.push(async () => {
    await sync.stop();
    await data.db.close();
  });
  return { data, sync, pulls, logged };
}

const settle = async (data: AstralData, sync: SyncHandle) => {
  const all = () => Promise.all([sync.replications.athletes.awaitInSync()]);
  for (let i = 0; i < 2; i++) {
    await all();
    await reconcileOutbox(data.db, all);
  }
};

const athletePulls = (pulls: Pull[]) => pulls.filter((p) => p.collection === 'athletes').map((p) => p.seq);

describe.each(STORAGES)('first pull of a never-synced collection, in bulk, on %s', (_name, storageOf) => {
  beforeEach(() => {
    storage = storageOf;
  });

  it('stores every document, and the replication neither pulls them again nor pushes them', async () => {
    const server = bigServer();
    const { data, sync, pulls, logged } = await start(server);
    await sync.firstSync;
    await settle(data, sync);
    expect(await data.db.athletes.count().exec()).toBe(ATHLETES - 1);
    const removed = await data.db.athletes.findOne(uuid(7)).exec();
    expect(removed).toBeNull();
    // Three pages from the start, then the replication's own pulls, from where they ended.
    const seqs = athletePulls(pulls);
    expect(seqs[0]).toBe(0);
    expect(seqs[1]).toBeGreaterThan(0);
    expect(seqs[2]).toBeGreaterThan(seqs[1] ?? 0);
    expect(seqs.length).toBeGreaterThan(3);
    expect(seqs.slice(3).every((s) => s === server.seq)).toBe(true);
    expect(server.pushes).toBe(0);
    expect(logged).toEqual([]);
    // Stored exactly as the replication stores a pulled document.
    const doc = await data.db.athletes.findOne(uuid(12)).exec();
    const { _deleted: _, ...stored } = trimToSchema('athletes', server.get('athletes', uuid(12)) ?? {});
    expect(doc?.toJSON()).toEqual(stored);
  });

  it('pushes a later edit of such a document against its server copy, and takes a later server edit', async () => {
    const server = bigServer();
    const { data, sync } = await start(server);
    await sync.firstSync;
    await updateAthlete(data.db, uuid(3), { status: 'inactive' });
    await settle(data, sync);
    expect(server.pushes).toBeGreaterThan(0);
    expect(server.get('athletes', uuid(3))?.status).toBe('inactive'); // accepted, not a conflict
    expect(data.notices).toEqual([]);

    server.put('athletes', { ...server.get('athletes', uuid(4)), first_name: 'Renamed' });
    sync.reSync();
    await expect.poll(async () => (await data.db.athletes.findOne(uuid(4)).exec())?.first_name).toBe('Renamed');
  });

  it('pushes an edit made while it runs', async () => {
    const server = bigServer();
    let edited = false;
    let dataRef: AstralData | null = null;
    const { data, sync } = await start(server, async (pull) => {
      // Between the first and the second page: a coach edits an athlete of the first page.
      if (pull.collection !== 'athletes' || pull.seq === 0 || !dataRef || edited) return;
      edited = true;
      await updateAthlete(dataRef.db, uuid(3), { status: 'inactive' });
    });
    dataRef = data;
    await sync.firstSync;
    await settle(data, sync);
    expect(edited).toBe(true);
    expect(server.get('athletes', uuid(3))?.status).toBe('inactive');
    expect(data.notices).toEqual([]);
    expect(await data.db.athletes.count().exec()).toBe(ATHLETES - 1);
  });

  it('leaves the rest to the replication when a page fails part way', async () => {
    const server = bigServer();
    let failed = false;
    const { data, sync, logged } = await start(server, async (pull) => {
      if (pull.collection !== 'athletes' || pull.seq === 0 || failed) return;
      failed = true;
      return new Response(JSON.stringify({ error: { code: 'internal', message: 'down for a moment' } }), { status: 500 });
    });
    await sync.firstSync;
    await settle(data, sync);
    expect(failed).toBe(true);
    expect(logged.some((m) => /athletes: first pull stopped after 1000 documents/.test(m))).toBe(true);
    expect(await data.db.athletes.count().exec()).toBe(ATHLETES - 1);
    expect(server.pushes).toBe(0);
  });

  it('does not hold up stopping the sync while a request hangs', async () => {
    const server = bigServer();
    const { sync } = await start(server, (pull) => (pull.collection === 'athletes' ? new Promise<never>(() => undefined) : Promise.resolve()));
    await new Promise((r) => setTimeout(r, 100));
    const began = Date.now();
    await sync.stop();
    expect(Date.now() - began).toBeLessThan(STOP_WAIT_MS + 1000);
  });

  it('does not run again once the collection was synced', async () => {
    const server = bigServer();
    const { data, sync } = await start(server);
    await sync.firstSync;
    const again = await firstPull({
      collection: data.db.athletes,
      replicationIdentifier: replicationIdentifier('athletes', SERVER_URL, ORG),
      pushed: true,
      batchSize: PULL_BATCH,
      pull: () => Promise.reject(new Error('must not pull')),
      modifier: (d) => trimToSchema('athletes', d) as unknown as ReturnType<Parameters<typeof firstPull>[0]['modifier']>,
      stopped: () => false,
    });
    expect(again).toEqual({ ran: false, reason: 'synced-before' });
  });
});
