import { afterEach, describe, expect, it } from 'vitest';
import { undoAthletes, updateAthlete, updateAthletes } from './athletes';
import { openTestDatabase, sampleAthlete, uuid } from './testDb';
import { readOutbox } from './syncStatus';
import type { AstralData } from './database';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

async function withAthlete() {
  const data = await openTestDatabase();
  open = data;
  await data.db.athletes.insert(sampleAthlete(1, { labels: ['@marathon'] }));
  return data;
}

describe('updateAthlete', () => {
  it('writes a valid edit at once and puts the athlete in the outbox', async () => {
    const { db } = await withAthlete();
    const result = await updateAthlete(db, uuid(1), { display_name: 'Speedy', labels: ['@marathon', 'Injury Watch'], status: 'inactive' });
    expect(result).toEqual({ ok: true, changed: true });
    const doc = await db.athletes.findOne(uuid(1)).exec();
    expect(doc?.display_name).toBe('Speedy');
    expect(doc?.labels).toEqual(['@marathon', '@injury-watch']);
    expect(doc?.status).toBe('inactive');
    expect(await readOutbox(db)).toEqual([`athletes:${uuid(1)}`]);
  });

  it('turns an empty display name or level into null', async () => {
    const { db } = await withAthlete();
    await updateAthlete(db, uuid(1), { display_name: 'X', member_level: 'elite' });
    await updateAthlete(db, uuid(1), { display_name: '  ', member_level: '' });
    const doc = await db.athletes.findOne(uuid(1)).exec();
    expect(doc?.display_name).toBeNull();
    expect(doc?.member_level).toBeNull();
  });

  it('reports invalid fields and writes nothing', async () => {
    const { db } = await withAthlete();
    const result = await updateAthlete(db, uuid(1), { display_name: 'x'.repeat(81), labels: ['@ok', '@bad label!'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.display_name).toMatch(/at most 80/);
    expect(result.fieldErrors.labels).toMatch(/label/);
    expect((await db.athletes.findOne(uuid(1)).exec())?.display_name).toBeNull();
    expect(await readOutbox(db)).toEqual([]);
  });

  it('does not count an edit that changes nothing', async () => {
    const { db } = await withAthlete();
    expect(await updateAthlete(db, uuid(1), { labels: ['@marathon'], status: 'active' })).toEqual({ ok: true, changed: false });
    expect(await readOutbox(db)).toEqual([]);
  });

  it('lets only the head coach change assigned coaches', async () => {
    const { db } = await withAthlete();
    const refused = await updateAthlete(db, uuid(1), { coach_ids: [uuid(99)] }, 'coach');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.fieldErrors.coach_ids).toMatch(/Only the head coach/);
    expect(await updateAthlete(db, uuid(1), { coach_ids: [uuid(99)] }, 'head_coach')).toEqual({ ok: true, changed: true });
    expect((await db.athletes.findOne(uuid(1)).exec())?.coach_ids).toEqual([uuid(99)]);
  });

  it('rejects unknown fields and a missing athlete', async () => {
    const { db } = await withAthlete();
    const unknown = await updateAthlete(db, uuid(1), { email: 'x@y.z' } as never);
    expect(unknown.ok).toBe(false);
    const missing = await updateAthlete(db, uuid(2), { display_name: 'Nobody' });
    expect(missing).toMatchObject({ ok: false, message: 'This athlete no longer exists.' });
  });
});

describe('updateAthletes (bulk) and undo', () => {
  async function withRoster() {
    const data = await openTestDatabase();
    open = data;
    await data.db.athletes.bulkInsert([
      sampleAthlete(1, { labels: ['@marathon'] }),
      sampleAthlete(2),
      sampleAthlete(3, { labels: ['@track'], status: 'inactive' }),
    ]);
    return data;
  }
  const read = async (db: AstralData['db'], n: number) => (await db.athletes.findOne(uuid(n)).exec())!.toJSON();

  it('adds a label to many athletes in one write, outbox first, skipping those that have it', async () => {
    const { db } = await withRoster();
    const result = await updateAthletes(db, [uuid(1), uuid(2), uuid(3)], { kind: 'add_label', label: 'Marathon' });
    expect(result).toMatchObject({ ok: true, changed: 2 });
    expect((await read(db, 2)).labels).toEqual(['@marathon']);
    expect((await read(db, 3)).labels).toEqual(['@track', '@marathon']);
    expect((await readOutbox(db)).sort()).toEqual([`athletes:${uuid(2)}`, `athletes:${uuid(3)}`]);
  });

  it('undo restores exactly the previous values, only where nothing changed since', async () => {
    const { db } = await withRoster();
    const result = await updateAthletes(db, [uuid(1), uuid(2), uuid(3)], { kind: 'set_status', status: 'suspended' });
    if (!result.ok) throw new Error(result.message);
    expect(result.changed).toBe(3);
    await updateAthlete(db, uuid(2), { status: 'active', display_name: 'Later' }); // changed since by someone
    await updateAthlete(db, uuid(3), { display_name: 'Other field' });
    expect(await undoAthletes(db, result.undo)).toBe(2);
    expect((await read(db, 1)).status).toBe('active');
    expect((await read(db, 2)).status).toBe('active');
    expect((await read(db, 3))).toMatchObject({ status: 'inactive', display_name: 'Other field' });
  });

  it('removes a label and refuses invalid labels and coach changes by a coach, writing nothing', async () => {
    const { db } = await withRoster();
    expect(await updateAthletes(db, [uuid(1), uuid(3)], { kind: 'remove_label', label: '@marathon' })).toMatchObject({ ok: true, changed: 1 });
    expect((await read(db, 1)).labels).toEqual([]);
    const bad = await updateAthletes(db, [uuid(1)], { kind: 'add_label', label: 'no way!' });
    expect(bad.ok).toBe(false);
    const coach = await updateAthletes(db, [uuid(1), uuid(2)], { kind: 'assign_coach', coachId: uuid(99) }, 'coach');
    expect(coach).toMatchObject({ ok: false, message: expect.stringMatching(/Only the head coach/) });
    expect((await read(db, 2)).coach_ids).toEqual([]);
    const head = await updateAthletes(db, [uuid(1), uuid(2)], { kind: 'assign_coach', coachId: uuid(99) }, 'head_coach');
    expect(head).toMatchObject({ ok: true, changed: 2 });
    expect((await read(db, 2)).coach_ids).toEqual([uuid(99)]);
  });
});
