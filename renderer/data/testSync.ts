/**
 * Test harness shared by the replication tests: a memory database replicating with a
 * FakeSyncServer (no live stream unless asked, through a fetch that serves one), closed after each test, and helpers that wait
 * until every pushed collection and the outbox are settled. Tests only.
 */
import { afterEach } from 'vitest';
import type { AstralData } from './database';
import { FakeSyncServer } from './fakeServer';
import { PUSHED_COLLECTIONS } from './pushed';
import { startSync, type SyncHandle } from './replication';
import type { FetchLike } from './sse';
import { reconcileOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, samplePlan, uuid } from './testDb';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

export async function setup(server: FakeSyncServer, options: { fetch?: FetchLike; live?: boolean } = {}) {
  const data = await openTestDatabase();
  const sync = startSync(data, {
    serverUrl: 'http://sync.test',
    token: 't',
    orgId: uuid(500),
    fetch: options.fetch ?? server.fetch,
    live: options.live ?? false,
    retryTimeMs: 50,
    log: () => undefined,
    onUnauthorized: () => undefined,
    onOutdated: () => undefined,
  });
  cleanup.push(async () => {
    await sync.stop();
    await data.db.close();
  });
  await sync.firstSync;
  return { data, sync };
}

export const inSync = async (data: AstralData, sync: SyncHandle) => {
  const all = () => Promise.all(PUSHED_COLLECTIONS.map((c) => sync.replications[c]?.awaitInSync()));
  await all();
  await reconcileOutbox(data.db, all);
};
export const settle = async (data: AstralData, sync: SyncHandle) => {
  for (let i = 0; i < 3; i++) await inSync(data, sync);
};

export function serverWithRoster() {
  const server = new FakeSyncServer();
  server.role = 'coach';
  server.put('athletes', sampleAthlete(1, { first_name: 'Ana', last_name: 'Silva' }));
  server.put('athletes', sampleAthlete(2, { first_name: 'Ben', last_name: 'Adams' }));
  server.put('training_plans', samplePlan(1));
  return server;
}
