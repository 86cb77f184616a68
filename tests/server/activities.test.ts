/**
 * Activity ingestion through the REST API: JSON from partners, activity files as the raw body
 * (GPX, TCX, FIT, Apple Health generated here), dedupe by derived id, broken files refused with
 * nothing stored, listing with a cursor, and the body-size exception of the upload route.
 */
import { expect, it } from 'vitest';
import { bytesOf, corruptFit, makeAppleHealthXml, makeFit, makeGpx, makeTcx, makeTrack, PNG_BYTES } from '../../shared/activities/fixtures.test-helpers';
import { activityId, type Activity } from '../../shared/domain/activity';
import type { Athlete } from '../../shared/domain/athlete';
import { COACH1, describeOnBackends, login, request, snapshot, type Session } from './helpers';

type Ingest = { created: number; duplicates: number; metrics: number; activities: Activity[]; skipped: unknown[] };
type ErrorBody = { error: { code: string; message: string; field?: string; problems?: { where: string; message: string }[] } };

const run = (start: string, over: Record<string, unknown> = {}) => ({
  sport: 'run',
  name: 'Lunch run',
  start_time: start,
  duration_s: 2700,
  distance_m: 9000,
  elevation_gain_m: 40,
  avg_hr: 150,
  max_hr: 172,
  rpe: null,
  ...over,
});

describeOnBackends('activities API', (server) => {
  let s: Session;
  let athlete: Athlete;
  const org = (p: string) => `/api/v1/organizations/${s.orgId}${p}`;
  const path = () => org(`/athletes/${athlete.id}/activities`);
  const upload = async (bytes: Uint8Array, filename: string, type = 'application/octet-stream') => {
    const res = await fetch(`${server().url}${path()}?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': type },
      body: Buffer.from(bytes),
    });
    return { status: res.status, body: (await res.json()) as Ingest & ErrorBody };
  };

  it('stores JSON activities with the derived id, source api and the organization’s local date; the same activity twice is counted, not stored', async () => {
    s = await login(server(), COACH1);
    const athletes = (await request<{ data: Athlete[] }>(server(), 'GET', org('/athletes?limit=200'), { token: s.token })).body.data;
    athlete = athletes.find((a) => a.status === 'inactive')!;
    // 23:30 UTC on 30 June is 1 July in London (summer time).
    const res = await request<Ingest>(server(), 'POST', path(), { token: s.token, json: run('2024-06-30T23:30:00Z') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: 1, duplicates: 0 });
    const a = res.body.activities[0]!;
    expect(a).toMatchObject({ id: activityId(athlete.id, '2024-06-30T23:30:00Z'), athlete_id: athlete.id, source: 'api', local_date: '2024-07-01' });

    const again = await request<Ingest>(server(), 'POST', path(), {
      token: s.token,
      json: { activities: [run('2024-06-30T23:30:40Z', { name: 'Same minute' }), run('2024-07-02T06:00:00Z')] },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ created: 1, duplicates: 1 });
    expect(again.body.activities[0]!.name).toBe('Lunch run');
  });

  it('refuses invalid JSON activities with the field named and stores nothing', async () => {
    const before = await snapshot(server());
    for (const body of [run('2024-07-03T06:00:00Z', { duration_s: 0 }), { activities: [] }, run('not a date'), run('2024-07-03T06:00:00Z', { sport: 'yoga' }), { activities: [run('2024-07-03T06:00:00Z'), { nope: 1 }] }]) {
      const res = await request<ErrorBody>(server(), 'POST', path(), { token: s.token, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('imports GPX, TCX and FIT files sent as the raw body; the same file twice is a duplicate', async () => {
    const gpx = makeGpx({ tracks: [makeTrack({ start: new Date('2024-08-01T06:00:00Z') })], name: 'Morning Run', type: 'running' });
    const first = await upload(bytesOf(gpx), 'morning.gpx', 'application/gpx+xml');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: 1, duplicates: 0 });
    expect(first.body.activities[0]).toMatchObject({ source: 'gpx', name: 'Morning Run', local_date: '2024-08-01' });
    const again = await upload(bytesOf(gpx), 'morning.gpx');
    expect(again.body).toMatchObject({ created: 0, duplicates: 1 });

    const tcx = await upload(bytesOf(makeTcx({ track: makeTrack({ start: new Date('2024-08-02T06:00:00Z') }) })), 'tempo.tcx', 'application/vnd.garmin.tcx+xml');
    expect(tcx.status).toBe(201);
    expect(tcx.body.activities[0]).toMatchObject({ source: 'tcx', local_date: '2024-08-02' });

    const fit = await upload(makeFit({ sessions: [{ track: makeTrack({ start: new Date('2024-08-03T06:00:00Z') }) }] }), 'long.fit');
    expect(fit.status).toBe(201);
    expect(fit.body.activities[0]).toMatchObject({ source: 'fit', local_date: '2024-08-03' });
  });

  it('puts Apple Health resting heart rate and HRV in the daily measurements', async () => {
    const xml = makeAppleHealthXml({
      workouts: [{ type: 'HKWorkoutActivityTypeRunning', start: '2024-08-05 07:00:00 +0100', end: '2024-08-05 07:40:00 +0100', durationMin: 40, distance: { value: 8, unit: 'km' } }],
      records: [
        { kind: 'resting_hr', start: '2024-08-05 06:00:00 +0100', value: 52 },
        { kind: 'hrv', start: '2024-08-05 06:00:00 +0100', value: 61 },
      ],
    });
    const res = await upload(bytesOf(xml), 'export.xml', 'application/xml');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ created: 1, metrics: 1 });
    const { rows } = await server().db.query<{ data: { resting_hr: number; hrv_ms: number; date: string; source: string } }>(
      `SELECT data FROM documents WHERE org_id = $1 AND collection = 'daily_metrics' AND data->>'athlete_id' = $2`,
      [s.orgId, athlete.id],
    );
    expect(rows.map((r) => r.data)).toEqual([expect.objectContaining({ date: '2024-08-05', resting_hr: 52, hrv_ms: 61, source: 'apple_health' })]);
  });

  it('refuses a broken or foreign file with 422 invalid_file and the problems, storing nothing', async () => {
    const before = await snapshot(server());
    const cases: [Uint8Array, string][] = [
      [corruptFit(makeFit()), 'broken.fit'],
      [PNG_BYTES, 'photo.png'],
      [bytesOf('<gpx><trk><trkseg><trkpt lat="x"'), 'cut.gpx'],
      [new Uint8Array(), 'empty.gpx'],
    ];
    for (const [bytes, name] of cases) {
      const res = await upload(bytes, name);
      expect(res.status, name).toBe(422);
      expect(res.body.error.code).toBe('invalid_file');
      expect(res.body.error.problems!.length).toBeGreaterThan(0);
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('accepts a file over the 1 MiB JSON limit, still refuses other content types and big JSON', async () => {
    const big = makeGpx({ tracks: [makeTrack({ start: new Date('2024-08-10T06:00:00Z'), points: 12_000, intervalS: 1, stepM: 3 })] });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await upload(bytesOf(big), 'big.gpx', 'application/gpx+xml');
    expect(res.status).toBe(201);
    const form = await request<ErrorBody>(server(), 'POST', path(), { token: s.token, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const bigJson = await request<ErrorBody>(server(), 'POST', path(), { token: s.token, json: { activities: [run('2024-07-03T06:00:00Z', { name: 'x'.repeat(2 * 1024 * 1024) })] } });
    expect(bigJson.status).toBe(413);
  });

  it('lists activities newest first with from/to and a cursor', async () => {
    const all = await request<{ data: Activity[]; next_cursor: string | null }>(server(), 'GET', `${path()}?limit=500`, { token: s.token });
    expect(all.status).toBe(200);
    const starts = all.body.data.map((a) => a.start_time);
    expect([...starts].sort().reverse()).toEqual(starts);
    const pages: Activity[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Activity[]; next_cursor: string | null } } = await request(server(), 'GET', `${path()}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: s.token });
      pages.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(pages.map((a) => a.id)).toEqual(all.body.data.map((a) => a.id));
    const august = await request<{ data: Activity[] }>(server(), 'GET', `${path()}?from=2024-08-01&to=2024-08-03`, { token: s.token });
    expect(august.body.data.map((a) => a.local_date)).toEqual(['2024-08-03', '2024-08-02', '2024-08-01']);
    const bad = await request<ErrorBody>(server(), 'GET', `${path()}?cursor=zzz`, { token: s.token });
    expect(bad.status).toBe(400);
    const unknown = await request<ErrorBody>(server(), 'GET', org('/athletes/00000000-0000-4000-8000-000000000000/activities'), { token: s.token });
    expect(unknown.status).toBe(404);
  });
});
