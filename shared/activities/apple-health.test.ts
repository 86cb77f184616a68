import { describe, expect, it } from 'vitest';
import { ActivitySummary } from '../domain/activity';
import { bytesOf, makeAppleHealthXml, type AppleWorkoutSpec } from './fixtures.test-helpers';
import { parseActivityFile, type ParsedFile } from './import';

const ok = (result: ParsedFile) => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result;
};
const problems = (result: ParsedFile) => {
  if (result.ok) throw new Error('expected a refusal');
  return result.problems;
};

const run: AppleWorkoutSpec = {
  start: '2024-05-01 07:00:00 +0200',
  end: '2024-05-01 07:45:00 +0200',
  durationMin: 42.5,
  distance: { value: 8.42, unit: 'km' },
  style: 'legacy',
  avgHr: 151.6,
  maxHr: 178,
  ascended: '4500 cm',
};

describe('Apple Health export import', () => {
  it('reads workouts of old and new exports with distance units, heart rate and elevation', () => {
    const workouts: AppleWorkoutSpec[] = [
      run,
      { start: '2024-05-02 00:30:00 +0200', end: '2024-05-02 01:30:00 +0200', durationMin: 60, distance: { value: 6.2, unit: 'mi' }, style: 'statistics' },
      { type: 'HKWorkoutActivityTypeCycling', start: '2024-05-03 18:00:00 -0400', end: '2024-05-03 19:00:00 -0400', durationMin: 60, distance: { value: 30000, unit: 'm' } },
      { type: 'HKWorkoutActivityTypeTraditionalStrengthTraining', start: '2024-05-04 18:00:00 +0200', end: '2024-05-04 18:40:00 +0200', durationMin: 40 },
      { type: 'HKWorkoutActivityTypeYoga', start: '2024-05-05 18:00:00 +0200', end: '2024-05-05 18:30:00 +0200', durationMin: 30 },
    ];
    const result = ok(parseActivityFile('export.xml', bytesOf(makeAppleHealthXml({ workouts }))));
    expect(result.format).toBe('apple_health');
    for (const activity of result.activities) expect(() => ActivitySummary.parse(activity)).not.toThrow();
    expect(result.activities[0]).toEqual({
      source: 'apple_health',
      sport: 'run',
      name: 'Run 1 May',
      start_time: '2024-05-01T05:00:00.000Z',
      duration_s: 2700,
      distance_m: 8420,
      elevation_gain_m: 45,
      avg_hr: 152,
      max_hr: 178,
      rpe: null,
    });
    expect(result.activities.slice(1).map((a) => [a.sport, a.name, a.distance_m, a.duration_s, a.avg_hr])).toEqual([
      ['run', 'Run 2 May', 9978, 3600, null],
      ['ride', 'Ride 3 May', 30000, 3600, null],
      ['strength', 'Strength 4 May', null, 2400, null],
      ['other', 'Other 5 May', null, 1800, null],
    ]);
    // In a given time zone the unnamed 00:30 (+02:00) run is on 1 May UTC.
    const utc = ok(parseActivityFile('export.xml', bytesOf(makeAppleHealthXml({ workouts })), { timeZone: 'UTC' }));
    expect(utc.activities[1]!.name).toBe('Run 1 May');
  });

  it('averages resting heart rate and HRV per day, in the record offset or the given time zone', () => {
    const records = [
      { kind: 'resting_hr', start: '2024-05-01 06:00:00 +0200', value: 50 },
      { kind: 'resting_hr', start: '2024-05-01 21:00:00 +0200', value: 53 },
      { kind: 'hrv', start: '2024-05-01 07:00:00 +0200', value: 61.26 },
      { kind: 'hrv', start: '2024-05-02 00:30:00 +0200', value: 40 },
      { kind: 'resting_hr', start: '2024-05-02 06:00:00 +0200', value: 49 },
      { kind: 'steps', start: '2024-05-02 06:00:00 +0200', value: 4000 },
    ] as const;
    const own = ok(parseActivityFile('export.xml', bytesOf(makeAppleHealthXml({ records: [...records] }))));
    expect(own.activities).toEqual([]);
    expect(own.metrics).toEqual([
      { date: '2024-05-01', resting_hr: 52, hrv_ms: 61.3 },
      { date: '2024-05-02', resting_hr: 49, hrv_ms: 40 },
    ]);
    const utc = ok(parseActivityFile('export.xml', bytesOf(makeAppleHealthXml({ records: [...records] })), { timeZone: 'UTC' }));
    expect(utc.metrics).toEqual([
      { date: '2024-05-01', resting_hr: 52, hrv_ms: 50.6 },
      { date: '2024-05-02', resting_hr: 49, hrv_ms: null },
    ]);
  });

  it('skips an out-of-range record or workout and keeps the rest', () => {
    const xml = makeAppleHealthXml({
      records: [
        { kind: 'resting_hr', start: '2024-05-01 06:00:00 +0200', value: 300 },
        { kind: 'hrv', start: '2024-05-01 06:00:00 +0200', value: 55 },
      ],
      workouts: [run, { ...run, start: '2024-05-02 07:00:00 +0200', end: '2024-05-10 07:00:00 +0200', durationMin: 11520 }],
    });
    const result = ok(parseActivityFile('export.xml', bytesOf(xml)));
    expect(result.activities).toHaveLength(1);
    expect(result.metrics).toEqual([{ date: '2024-05-01', resting_hr: null, hrv_ms: 55 }]);
    expect(result.skipped).toEqual([
      { where: 'record 1', message: 'This resting heart rate of 300 bpm is outside 25-250 bpm.' },
      { where: 'workout 2', message: 'Its duration (691,200) is not accepted: duration must be at most 7 days.' },
    ]);
  });

  it('refuses truncated, foreign, clinical and empty exports', () => {
    const full = makeAppleHealthXml({ workouts: [run, run] });
    expect(problems(parseActivityFile('export.xml', bytesOf(full.slice(0, full.lastIndexOf('</HealthData>')))))[0]!.message).toMatch(
      /^This Apple Health export is incomplete: it ends before its closing <\/HealthData>/,
    );
    expect(problems(parseActivityFile('export.xml', bytesOf(full.slice(0, full.lastIndexOf('</Workout>')))))[0]!.message).toContain(
      'ends in the middle of a workout',
    );
    expect(problems(parseActivityFile('notes.xml', bytesOf('<?xml version="1.0"?><notes><note>hi</note></notes>')))).toEqual([
      { where: 'file', message: '"notes.xml" is not an Apple Health export (export.xml), so nothing was imported.' },
    ]);
    expect(problems(parseActivityFile('export_cda.xml', bytesOf('<?xml version="1.0"?><ClinicalDocument xmlns="urn:hl7-org:v3"></ClinicalDocument>')))[0]!.message).toContain(
      'drop export.xml',
    );
    expect(problems(parseActivityFile('export.xml', bytesOf(makeAppleHealthXml({ fillerRecords: 10 }))))).toEqual([
      { where: 'file', message: 'This Apple Health export holds no workouts and no resting heart rate or heart-rate variability records.' },
    ]);
    const damaged = makeAppleHealthXml({ workouts: [run, run] }).replace('<MetadataEntry key="HKIndoorWorkout" value="0"/>', '<MetadataEntry key="x>');
    const result = ok(parseActivityFile('export.xml', bytesOf(damaged)));
    expect(result.skipped).toEqual([{ where: 'workout 1', message: 'This workout is damaged and cannot be read.' }]);
  });

  it('reads a large export element by element without losing any', () => {
    const workouts = Array.from({ length: 2000 }, (_, i): AppleWorkoutSpec => {
      const day = new Date(Date.UTC(2016, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return { ...run, start: `${day} 07:00:00 +0200`, end: `${day} 07:45:00 +0200` };
    });
    const records = workouts.map((w) => ({ kind: 'resting_hr' as const, start: w.start, value: 50 }));
    const bytes = bytesOf(makeAppleHealthXml({ workouts, records, fillerRecords: 60_000 }));
    const started = performance.now();
    const result = ok(parseActivityFile('export.xml', bytes));
    const ms = performance.now() - started;
    console.log(`Apple Health export ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${workouts.length} workouts, ${60_000 + records.length} records read in ${ms.toFixed(0)} ms`);
    expect(bytes.length).toBeGreaterThan(15 * 1024 * 1024);
    expect(result.activities).toHaveLength(2000);
    expect(result.metrics).toHaveLength(2000);
    expect(result.skipped).toEqual([]);
  }, 60_000);
});
