import { afterEach, describe, expect, it } from 'vitest';
import { updateAthlete } from './athletes';
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
