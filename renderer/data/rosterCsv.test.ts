import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv, unguardCell } from '../../shared/csv/csv';
import { planAthleteImportFromCsv, type AthleteImportPlan } from '../../shared/domain/athlete-import';
import type { AstralData } from './database';
import { applyAthleteImport, rosterCsv } from './rosterCsv';
import { readOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, uuid } from './testDb';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

const names = {
  coachNames: new Map([
    [uuid(501), 'Marcus Okafor'],
    [uuid(500), 'Helen Hartley'],
  ]),
  groupNames: new Map([[uuid(600), 'Tuesday track']]),
};

describe('rosterCsv', () => {
  it('writes the export columns, names for ids, readable status, guarded cells, and a BOM', () => {
    const athletes = [
      sampleAthlete(1, {
        first_name: 'Zoë',
        last_name: 'Martin',
        display_name: 'Zee',
        member_level: 'Elite',
        labels: ['@marathon', '@injury-watch'],
        status: 'suspended',
        coach_ids: [uuid(501), uuid(500), uuid(999)],
        group_ids: [uuid(600)],
        private_notes: 'Knee, left\n=not a formula',
      }),
      sampleAthlete(2),
    ];
    const text = rosterCsv(athletes, names);
    expect(text.startsWith('\uFEFFName,First name,Last name,Email,Display name,Member level,Labels,Status,Groups,Coaches,Private notes\r\n')).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows.map((r) => r.cells.map(unguardCell))).toEqual([
      expect.any(Array),
      ['Zee', 'Zoë', 'Martin', 'ada1@example.test', 'Zee', 'Elite', '@marathon, @injury-watch', 'Suspended', 'Tuesday track', 'Helen Hartley, Marcus Okafor', 'Knee, left\n=not a formula'],
      ['Ada Runner2', 'Ada', 'Runner2', 'ada2@example.test', '', '', '', 'Active', '', '', ''],
    ]);
    expect(parsed.rows[1]?.cells[6]).toBe("'@marathon, @injury-watch");
  });

  it('is read back by the import as "nothing to change"', () => {
    const athletes = [sampleAthlete(1, { labels: ['@a'], private_notes: 'x\ny', member_level: '-1' }), sampleAthlete(2, { display_name: '@home' })];
    const result = planAthleteImportFromCsv(rosterCsv(athletes, names), athletes);
    expect(result.ok && result.plan.summary).toEqual({ rows: 2, toUpdate: 0, unchanged: 2, withErrors: 0, withWarnings: 0 });
  });
});

function planOf(csv: string, athletes: Parameters<typeof planAthleteImportFromCsv>[1]): AthleteImportPlan {
  const result = planAthleteImportFromCsv(csv, athletes);
  if (!result.ok) throw new Error(result.error.message);
  return result.plan;
}

describe('applyAthleteImport', () => {
  it('writes only the valid rows with changes and reports every row', async () => {
    const data = await openTestDatabase();
    open = data;
    const athletes = [sampleAthlete(1), sampleAthlete(2), sampleAthlete(3, { status: 'inactive' })];
    await data.db.athletes.bulkInsert(athletes);
    const plan = planOf(
      'Email,Status,Labels\n' +
        'ada1@example.test,inactive,@new\n' +
        'ada2@example.test,retired,@x\n' +
        'ada3@example.test,inactive,\n' +
        'ghost@example.test,active,\n',
      athletes,
    );
    const progress: number[] = [];
    const outcomes = await applyAthleteImport(data.db, plan, 'coach', (done) => progress.push(done));
    expect(outcomes.map((o) => [o.line, o.status])).toEqual([
      [2, 'updated'],
      [3, 'skipped'],
      [4, 'unchanged'],
      [5, 'skipped'],
    ]);
    expect(outcomes[1]?.message).toMatch(/Status must be/);
    expect(progress).toEqual([0, 1]);
    const docs = await data.db.athletes.findByIds([uuid(1), uuid(2)]).exec();
    expect(docs.get(uuid(1))?.toJSON()).toMatchObject({ status: 'inactive', labels: ['@new'] });
    expect(docs.get(uuid(2))?.toJSON()).toMatchObject({ status: 'active', labels: [] });
    expect(await readOutbox(data.db)).toEqual([`athletes:${uuid(1)}`]);
  });

  it('reports an athlete removed since the preview as failed, and writes nothing for it', async () => {
    const data = await openTestDatabase();
    open = data;
    const athletes = [sampleAthlete(1), sampleAthlete(2)];
    await data.db.athletes.bulkInsert(athletes);
    const plan = planOf('Email,Display name\nada1@example.test,One\nada2@example.test,Two\n', athletes);
    await (await data.db.athletes.findOne(uuid(2)).exec())?.remove();
    const outcomes = await applyAthleteImport(data.db, plan, 'head_coach');
    expect(outcomes.map((o) => o.status)).toEqual(['updated', 'failed']);
    expect(outcomes[1]?.message).toBe('This athlete no longer exists.');
  });

  it('applies a change made again since the preview as unchanged', async () => {
    const data = await openTestDatabase();
    open = data;
    const athletes = [sampleAthlete(1)];
    await data.db.athletes.bulkInsert(athletes);
    const plan = planOf('Email,Member level\nada1@example.test,Elite\n', athletes);
    await (await data.db.athletes.findOne(uuid(1)).exec())?.incrementalPatch({ member_level: 'Elite' });
    expect((await applyAthleteImport(data.db, plan, 'coach')).map((o) => o.status)).toEqual(['unchanged']);
  });

  it('applies 500 rows in one go', async () => {
    const data = await openTestDatabase();
    open = data;
    const athletes = Array.from({ length: 500 }, (_, i) => sampleAthlete(i + 1));
    await data.db.athletes.bulkInsert(athletes);
    const csv = 'Email,Labels\n' + athletes.map((a) => `${a.email},@imported`).join('\n');
    const outcomes = await applyAthleteImport(data.db, planOf(csv, athletes), 'coach');
    expect(outcomes.filter((o) => o.status === 'updated')).toHaveLength(500);
    const docs = await data.db.athletes.find().exec();
    expect(docs.filter((d) => d.labels.includes('@imported'))).toHaveLength(500);
    expect(await readOutbox(data.db)).toHaveLength(500);
  }, 60_000);
});
