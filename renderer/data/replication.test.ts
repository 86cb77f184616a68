import { afterEach, describe, expect, it } from 'vitest';
import { updateAthlete } from './athletes';
import type { AstralData } from './database';
import { FakeSyncServer } from './fakeServer';
import { replicationIdentifier, startSync, type SyncHandle } from './replication';
import { readLastSyncedAt, readOutbox, reconcileOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, sampleCoach, uuid } from './testDb';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(server = new FakeSyncServer()) {
  const data = await openTestDatabase();
  const events = { unauthorized: 0, outdated: 0 };
  const sync = startSync(data, {
    serverUrl: 'http://sync.test',
    token: 't',
    orgId: uuid(500),
    fetch: server.fetch,
    live: false,
    retryTimeMs: 50,
    log: () => undefined,
    onUnauthorized: () => events.unauthorized++,
    onOutdated: () => events.outdated++,
  });
  cleanup.push(async () => {
    await sync.stop();
    await data.db.close();
  });
  return { data, sync, server, events };
}

const inSync = async (data: AstralData, sync: SyncHandle) => {
  await sync.replications.athletes.awaitInSync();
  await reconcileOutbox(data.db, () => sync.replications.athletes.awaitInSync());
};

describe('replication with the sync server', () => {
  it('pulls every collection on the first sync, trimming fields the schema does not know', async () => {
    const server = new FakeSyncServer();
    for (let i = 1; i <= 1200; i++) server.put('athletes', sampleAthlete(i));
    server.put('coaches', { ...sampleCoach(1), extra_server_field: 1 });
    const { data, sync } = await setup(server);
    await sync.firstSync;
    expect(await data.db.athletes.count().exec()).toBe(1200);
    expect((await data.db.coaches.findOne(sampleCoach(1).id).exec())?.toJSON()).toEqual(sampleCoach(1));
  }, 20_000); // 1,200 validated documents: ~1 s alone, several on a machine busy with other test runs

  it('pushes a local edit, and the outbox empties once the server acknowledged it', async () => {
    const server = new FakeSyncServer();
    server.put('athletes', sampleAthlete(1));
    const { data, sync } = await setup(server);
    await sync.firstSync;
    await updateAthlete(data.db, uuid(1), { member_level: 'elite' });
    expect(await readOutbox(data.db)).toEqual([`athletes:${uuid(1)}`]);
    await inSync(data, sync);
    expect(server.get('athletes', uuid(1))?.member_level).toBe('elite');
    expect(await readOutbox(data.db)).toEqual([]);
    expect(await readLastSyncedAt(data.db)).toMatch(/^\d{4}-/);
  });

  it('keeps edits in the outbox while the server is unreachable', async () => {
    const server = new FakeSyncServer();
    server.put('athletes', sampleAthlete(1));
    const { data, sync } = await setup(server);
    await sync.firstSync;
    server.offline = true;
    await updateAthlete(data.db, uuid(1), { status: 'suspended' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await readOutbox(data.db)).toEqual([`athletes:${uuid(1)}`]);
    server.offline = false;
    await inSync(data, sync);
    expect(server.get('athletes', uuid(1))?.status).toBe('suspended');
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('merges a concurrent edit per field, labels as sets, and reports a same-field clash', async () => {
    const server = new FakeSyncServer();
    server.put('athletes', sampleAthlete(1, { labels: ['@marathon'] }));
    const { data, sync } = await setup(server);
    await sync.firstSync;
    server.offline = true;
    await updateAthlete(data.db, uuid(1), { display_name: 'Speedy', labels: ['@marathon', '@track-a'], private_notes: 'mine' });
    // Meanwhile another coach changed the display name and added a label on the server.
    server.put('athletes', { ...server.get('athletes', uuid(1)), display_name: 'Rocket', labels: ['@marathon', '@track-b'], member_level: 'elite' });
    server.offline = false;
    await inSync(data, sync);
    await inSync(data, sync);
    const local = (await data.db.athletes.findOne(uuid(1)).exec())?.toJSON();
    const remote = server.get('athletes', uuid(1));
    for (const doc of [local, remote]) {
      expect(doc).toMatchObject({ display_name: 'Rocket', member_level: 'elite', private_notes: 'mine' });
      expect([...((doc?.labels as string[]) ?? [])].sort()).toEqual(['@marathon', '@track-a', '@track-b']);
    }
    expect(data.notices as unknown).toEqual([
      expect.objectContaining({
        kind: 'clash',
        message: `Your change to Display name ("Speedy") for Ada Runner1 was replaced by the server's value ("Rocket").`,
      }),
    ]);
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('drops only the refused field of an edit, says which value, and pushes the allowed edits', async () => {
    const server = new FakeSyncServer();
    server.put('athletes', sampleAthlete(1));
    const { data, sync } = await setup(server);
    await sync.firstSync;
    server.offline = true;
    await updateAthlete(data.db, uuid(1), { coach_ids: [uuid(77)], member_level: 'elite' }, 'head_coach');
    server.role = 'coach'; // demoted meanwhile
    server.offline = false;
    await inSync(data, sync);
    await inSync(data, sync);
    const local = (await data.db.athletes.findOne(uuid(1)).exec())?.toJSON();
    expect(local).toMatchObject({ coach_ids: [], member_level: 'elite' });
    expect(server.get('athletes', uuid(1))).toMatchObject({ coach_ids: [], member_level: 'elite' });
    expect(data.notices as unknown).toEqual([
      expect.objectContaining({
        kind: 'refusal',
        message: `Your change to Assigned coaches ("${uuid(77)}") for Ada Runner1 was refused: Only the head coach can change assigned coaches. Your other changes are kept.`,
      }),
    ]);
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('removes a refused row the server does not have, with a notice, and clears it from the outbox', async () => {
    const server = new FakeSyncServer();
    server.put('athletes', sampleAthlete(1));
    const { data, sync } = await setup(server);
    await sync.firstSync;
    server.offline = true;
    await updateAthlete(data.db, uuid(1), { display_name: 'Ghost' });
    server.rows.athletes.delete(uuid(1)); // gone from the server without a trace (e.g. another organization's row)
    server.offline = false;
    await inSync(data, sync);
    await inSync(data, sync);
    expect(await data.db.athletes.findOne(uuid(1)).exec()).toBeNull();
    expect(data.notices as unknown).toEqual([
      expect.objectContaining({
        kind: 'refusal',
        message: `Your change to Display name ("Ghost") for Ada Runner1 was refused: No such athlete in this organization. The athlete is not in your organization on the server and was removed from this device.`,
      }),
    ]);
    expect(await readOutbox(data.db)).toEqual([]);
    const pushes = server.pushes;
    await inSync(data, sync);
    expect(server.pushes).toBe(pushes); // the removal is not pushed back
  });

  it('reports 401 and 426 to the app', async () => {
    const server = new FakeSyncServer();
    server.failWith = 401;
    const { events } = await setup(server);
    await new Promise((r) => setTimeout(r, 100));
    expect(events.unauthorized).toBeGreaterThan(0);
    const other = new FakeSyncServer();
    other.failWith = 426;
    const second = await setup(other);
    await new Promise((r) => setTimeout(r, 100));
    expect(second.events.outdated).toBeGreaterThan(0);
  });
});

describe('replication identifier', () => {
  it('keeps the sync protocol 2 form whatever the protocol version, so a new build keeps the bases of unsent edits', () => {
    expect(replicationIdentifier('athletes', 'http://sync.test/', 'org-1')).toBe('astral-athletes-http://sync.test/sync/v2/orgs/org-1');
  });
});

