import { afterEach, describe, expect, it } from 'vitest';
import type { AstralData } from './database';
import { readRosterSnapshot, saveRosterSnapshot, SNAPSHOT_ROWS } from './rosterSnapshot';
import { openTestDatabase, sampleAthlete } from './testDb';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

describe('roster snapshot', () => {
  it('keeps the first page of the last view shown, and reads it back', async () => {
    open = await openTestDatabase();
    const { db } = open;
    expect(await readRosterSnapshot(db)).toBeNull();
    const rows = Array.from({ length: SNAPSHOT_ROWS + 20 }, (_, i) => sampleAthlete(i + 1));
    await saveRosterSnapshot(db, { view: '?status=active', rows, matched: 120, total: 400 });
    const back = await readRosterSnapshot(db);
    expect(back?.view).toBe('?status=active');
    expect(back?.rows).toHaveLength(SNAPSHOT_ROWS);
    expect(back?.rows[0]).toEqual(rows[0]);
    expect([back?.matched, back?.total]).toEqual([120, 400]);
  });

  it('ignores a snapshot that does not parse (an older build, a damaged document) and an empty one', async () => {
    open = await openTestDatabase();
    const { db } = open;
    await db.upsertLocal('roster-snapshot', { view: '', rows: [{ id: 'not an athlete' }], matched: 1, total: 1 });
    expect(await readRosterSnapshot(db)).toBeNull();
    await saveRosterSnapshot(db, { view: '', rows: [], matched: 0, total: 0 });
    expect(await readRosterSnapshot(db)).toBeNull();
  });
});
