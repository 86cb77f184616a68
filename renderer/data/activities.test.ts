import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { activityId, dailyMetricId } from '../../shared/domain/activity';
import { bytesOf, makeAppleHealthXml, makeGpx, makeTcx, makeTrack, PNG_BYTES } from '../../shared/activities/fixtures.test-helpers';
import { athleteActivities$, athleteMetrics$, importActivityFiles, removeActivity } from './activities';
import type { AstralData } from './database';
import { readOutbox } from './syncStatus';
import { TEST_COLLECTIONS, openTestDatabase, sampleAthlete } from './testDb';

const ATHLETE = sampleAthlete(1).id;
let data: AstralData | null = null;

async function open() {
  data = await openTestDatabase([...TEST_COLLECTIONS, 'activities', 'daily_metrics', 'attention_signals']);
  return data.db;
}
afterEach(async () => {
  await data?.db.close();
  data = null;
});

const gpx = (start: string, points = 600) => ({ name: `${start}.gpx`, bytes: bytesOf(makeGpx({ tracks: [makeTrack({ start: new Date(start), points })], name: 'Tempo', type: 'running' })) });

describe('importActivityFiles', () => {
  it('writes the activities of a GPX file with a derived id, its day in the organization time zone, and puts them in the outbox', async () => {
    const db = await open();
    // 23:30 UTC on 11 May is 12 May in Paris.
    const [result] = await importActivityFiles(db, ATHLETE, [gpx('2024-05-11T23:30:00Z')], 'Europe/Paris');
    expect(result).toMatchObject({ file: '2024-05-11T23:30:00Z.gpx', ok: true, created: 1, duplicates: 0, problems: [] });
    const id = activityId(ATHLETE, '2024-05-11T23:30:00.000Z');
    const doc = (await db.activities.findOne(id).exec())?.toJSON();
    expect(doc).toMatchObject({ athlete_id: ATHLETE, source: 'gpx', sport: 'run', name: 'Tempo', local_date: '2024-05-12' });
    expect(doc?.distance_m).toBeGreaterThan(8000);
    expect(await readOutbox(db)).toContain(`activities:${id}`);
  });

  it('stores the same activity once: a second import, and a duplicate inside one batch, say "already imported"', async () => {
    const db = await open();
    await importActivityFiles(db, ATHLETE, [gpx('2024-05-12T06:30:00Z')], 'UTC');
    const again = await importActivityFiles(db, ATHLETE, [gpx('2024-05-12T06:30:00Z'), gpx('2024-05-13T06:30:00Z'), gpx('2024-05-13T06:30:20Z')], 'UTC');
    expect(again.map((r) => [r.created, r.duplicates])).toEqual([[0, 1], [1, 0], [0, 1]]);
    expect(await db.activities.count().exec()).toBe(2);
  });

  it('a broken or foreign file imports nothing and returns its problems; the other files of the batch still import', async () => {
    const db = await open();
    const broken = makeGpx({ tracks: [makeTrack({ start: new Date('2024-05-14T06:30:00Z') })] }).slice(0, 900);
    const results = await importActivityFiles(
      db,
      ATHLETE,
      [{ name: 'cut.gpx', bytes: bytesOf(broken) }, { name: 'photo.gpx', bytes: PNG_BYTES }, { name: 'empty.fit', bytes: new Uint8Array() }, gpx('2024-05-15T06:30:00Z')],
      'UTC',
    );
    expect(results.slice(0, 3).map((r) => r.ok)).toEqual([false, false, false]);
    for (const r of results.slice(0, 3)) {
      expect(r.created).toBe(0);
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.problems[0]?.message).toMatch(/\w/);
    }
    expect(results[3]).toMatchObject({ ok: true, created: 1 });
    expect(await db.activities.count().exec()).toBe(1);
  });

  it('reads TCX too, and an Apple Health export brings its workouts and upserts daily resting heart rate and HRV', async () => {
    const db = await open();
    const tcx = { name: 'track.tcx', bytes: bytesOf(makeTcx({ track: makeTrack({ start: new Date('2024-05-02T07:00:00Z') }) })) };
    const apple = {
      name: 'export.xml',
      bytes: bytesOf(
        makeAppleHealthXml({
          workouts: [{ start: '2024-05-01 07:00:00 +0200', end: '2024-05-01 07:45:00 +0200', durationMin: 45, distance: { value: 8.2, unit: 'km' }, avgHr: 150 }],
          records: [
            { kind: 'resting_hr', start: '2024-05-01 06:00:00 +0200', value: 52 },
            { kind: 'hrv', start: '2024-05-01 06:05:00 +0200', value: 61 },
          ],
        }),
      ),
    };
    const results = await importActivityFiles(db, ATHLETE, [tcx, apple], 'Europe/Paris');
    expect(results.map((r) => [r.ok, r.created])).toEqual([[true, 1], [true, 1]]);
    expect(results[1]?.metrics).toBe(1);
    const metric = (await db.daily_metrics.findOne(dailyMetricId(ATHLETE, '2024-05-01')).exec())?.toJSON();
    expect(metric).toMatchObject({ resting_hr: 52, hrv_ms: 61, source: 'apple_health', date: '2024-05-01' });
    // The same export again changes nothing.
    const again = await importActivityFiles(db, ATHLETE, [apple], 'Europe/Paris');
    expect(again[0]).toMatchObject({ created: 0, duplicates: 1, metrics: 0 });
  });

  it('an activity removed earlier comes back when its file is imported again', async () => {
    const db = await open();
    await importActivityFiles(db, ATHLETE, [gpx('2024-05-12T06:30:00Z')], 'UTC');
    const id = activityId(ATHLETE, '2024-05-12T06:30:00Z');
    expect(await removeActivity(db, id)).toBe(true);
    expect(await db.activities.count().exec()).toBe(0);
    expect(await removeActivity(db, id)).toBe(false);
    const [result] = await importActivityFiles(db, ATHLETE, [gpx('2024-05-12T06:30:00Z')], 'UTC');
    expect(result).toMatchObject({ created: 1, duplicates: 0 });
    expect(await db.activities.count().exec()).toBe(1);
  });
});

describe('live queries', () => {
  it("list one athlete's activities from a date, newest first, and metrics oldest first", async () => {
    const db = await open();
    const other = sampleAthlete(2).id;
    await importActivityFiles(db, ATHLETE, [gpx('2024-05-10T06:30:00Z'), gpx('2024-05-12T06:30:00Z'), gpx('2024-04-01T06:30:00Z')], 'UTC');
    await importActivityFiles(db, other, [gpx('2024-05-11T06:30:00Z')], 'UTC');
    const list = await firstValueFrom(athleteActivities$(db, ATHLETE, '2024-05-01'));
    expect(list.map((a) => a.local_date)).toEqual(['2024-05-12', '2024-05-10']);
    expect(await firstValueFrom(athleteMetrics$(db, ATHLETE, '2024-05-01'))).toEqual([]);
  });
});
