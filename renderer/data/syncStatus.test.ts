import { afterEach, describe, expect, it } from 'vitest';
import { updateAthlete } from './athletes';
import { databaseName, type AstralData } from './database';
import { addToOutbox, parseOutboxKey, readLastSyncedAt, readOutbox, reconcileOutbox, removeFromOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, uuid } from './testDb';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

describe('outbox of unsent changes', () => {
  it('counts each edited document once, also under concurrent writes', async () => {
    const data = await openTestDatabase();
    open = data;
    await Promise.all([1, 2, 1, 3, 2].map((n) => addToOutbox(data.db, 'athletes', [uuid(n)])));
    await addToOutbox(data.db, 'groups', [uuid(1), uuid(1)]);
    expect((await readOutbox(data.db)).sort()).toEqual([`athletes:${uuid(1)}`, `athletes:${uuid(2)}`, `athletes:${uuid(3)}`, `groups:${uuid(1)}`]);
    await removeFromOutbox(data.db, [`athletes:${uuid(2)}`]);
    expect((await readOutbox(data.db)).sort()).toEqual([`athletes:${uuid(1)}`, `athletes:${uuid(3)}`, `groups:${uuid(1)}`]);
  });

  it('reads a bare id of an older version outbox as an athlete', () => {
    expect(parseOutboxKey(uuid(1))).toEqual({ collection: 'athletes', id: uuid(1) });
    expect(parseOutboxKey(`plan_assignments:${uuid(1)}`)).toEqual({ collection: 'plan_assignments', id: uuid(1) });
    expect(parseOutboxKey(`coaches:${uuid(1)}`)).toEqual({ collection: 'athletes', id: `coaches:${uuid(1)}` });
  });

  it('keeps an id whose athlete was edited again while the replication was catching up', async () => {
    const data = await openTestDatabase();
    open = data;
    await data.db.athletes.bulkInsert([sampleAthlete(1), sampleAthlete(2)]);
    await updateAthlete(data.db, uuid(1), { member_level: 'a' });
    await updateAthlete(data.db, uuid(2), { member_level: 'a' });
    expect(await readLastSyncedAt(data.db)).toBeNull();
    await reconcileOutbox(data.db, async () => {
      // Simulates a write that lands while the push of the first state is in flight.
      await updateAthlete(data.db, uuid(2), { member_level: 'b' });
    });
    expect(await readOutbox(data.db)).toEqual([`athletes:${uuid(2)}`]);
    expect(await readLastSyncedAt(data.db)).not.toBeNull();
  });

  it('names one database per server, user and organization', () => {
    const a = databaseName('http://127.0.0.1:8787/', uuid(1), uuid(2));
    expect(a).toMatch(/^astral-[0-9a-f]{20}$/);
    expect(databaseName('http://127.0.0.1:8787', uuid(1), uuid(2))).toBe(a);
    expect(databaseName('http://127.0.0.1:8787', uuid(1), uuid(3))).not.toBe(a);
    expect(databaseName('http://other:8787', uuid(1), uuid(2))).not.toBe(a);
  });
});

describe('what the header shows about sync', () => {
  it('shows syncing only in the tab that runs the replication; other tabs show online or offline', async () => {
    const { syncDisplayState } = await import('./syncStatus');
    expect(syncDisplayState({ connection: 'connecting', leader: true }, false)).toBe('syncing');
    expect(syncDisplayState({ connection: 'online', leader: true }, true)).toBe('syncing');
    expect(syncDisplayState({ connection: 'online', leader: true }, false)).toBe('online');
    // A tab that is not the leader never opens the stream: it must not stay on "Syncing…".
    expect(syncDisplayState({ connection: 'connecting', leader: false }, false)).toBe('online');
    expect(syncDisplayState({ connection: 'online', leader: false }, true)).toBe('online');
    expect(syncDisplayState({ connection: 'offline', leader: false }, false)).toBe('offline');
  });
});
