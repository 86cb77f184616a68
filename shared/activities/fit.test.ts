import { describe, expect, it } from 'vitest';
import { ActivitySummary } from '../domain/activity';
import { PNG_BYTES, corruptFit, makeFit, makeTrack, truncateFit } from './fixtures.test-helpers';
import { ELEVATION_THRESHOLD_M } from './geo';
import { parseActivityFile, type ParsedFile } from './import';

const ok = (result: ParsedFile) => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result;
};
const problems = (result: ParsedFile) => {
  if (result.ok) throw new Error('expected a refusal');
  return result.problems;
};

describe('FIT import', () => {
  it('reads the session of a FIT activity with known totals', () => {
    const track = makeTrack();
    const result = ok(parseActivityFile('12345.fit', makeFit({ sessions: [{ track, sport: 'running', subSport: 'trail' }] })));
    expect(result.format).toBe('fit');
    const activity = result.activities[0]!;
    expect(() => ActivitySummary.parse(activity)).not.toThrow();
    expect(activity).toEqual({
      source: 'fit',
      sport: 'trail_run',
      name: 'Trail run 12 May',
      start_time: '2024-05-12T06:30:00.000Z',
      duration_s: track.durationS,
      distance_m: track.distanceM,
      elevation_gain_m: Math.round(track.climbM),
      avg_hr: Math.round(track.avgHr),
      max_hr: track.maxHr,
      rpe: null,
    });
  });

  it('gives one activity per session of a multisport file, with its sport, leaving out transitions', () => {
    const run = makeTrack({ points: 100 });
    const ride = makeTrack({ points: 200, start: new Date(run.start.getTime() + 3600_000), stepM: 40 });
    const t1 = makeTrack({ points: 10, start: new Date(run.start.getTime() + 3000_000), stepM: 2 });
    const result = ok(parseActivityFile('multi.fit', makeFit({ sessions: [{ track: run }, { track: t1, sport: 'transition' }, { track: ride, sport: 'cycling' }] })));
    expect(result.activities.map((a) => [a.sport, a.distance_m, a.duration_s])).toEqual([
      ['run', run.distanceM, run.durationS],
      ['ride', ride.distanceM, ride.durationS],
    ]);
  });

  it('computes what a session lacks from its records, and reads a file without session from records', () => {
    const track = makeTrack({ points: 300 });
    const bare = ok(parseActivityFile('bare.fit', makeFit({ sessions: [{ track, withTotals: false }] }))).activities[0]!;
    const crashed = ok(parseActivityFile('crash.fit', makeFit({ sessions: [{ track }], withSessions: false }))).activities[0]!;
    for (const activity of [bare, crashed]) {
      expect(activity.duration_s).toBe(track.durationS);
      expect(Math.abs(activity.distance_m! - track.distanceM) / track.distanceM).toBeLessThan(0.01);
      expect(activity.elevation_gain_m).toBeGreaterThanOrEqual(track.climbM - ELEVATION_THRESHOLD_M);
      expect(activity.avg_hr).toBe(Math.round(track.avgHr));
      expect(activity.max_hr).toBe(track.maxHr);
    }
    expect(crashed.sport).toBe('run');
  });

  it('names the activity after its structured workout', () => {
    const activity = ok(parseActivityFile('w.fit', makeFit({ workoutName: 'Tempo 3x10 min' }))).activities[0]!;
    expect(activity.name).toBe('Tempo 3x10 min');
  });

  it('skips a session out of range and keeps the others', () => {
    const good = makeTrack({ points: 20 });
    const hot = makeTrack({ points: 20, start: new Date('2024-05-13T06:00:00Z'), hr: () => 252 });
    const result = ok(parseActivityFile('m.fit', makeFit({ sessions: [{ track: good }, { track: hot }] })));
    expect(result.activities).toHaveLength(1);
    expect(result.skipped).toEqual([{ where: 'session 2', message: 'Its average heart rate (252) is not accepted: heart rate must be at most 250 bpm.' }]);
  });

  it('refuses damaged, truncated, foreign and non-activity FIT files', () => {
    const fit = makeFit();
    expect(problems(parseActivityFile('bad.fit', corruptFit(fit)))).toEqual([
      { where: 'file', message: 'This FIT file is damaged: its checksum does not match (the file may be incomplete). Nothing was imported.' },
    ]);
    expect(problems(parseActivityFile('cut.fit', truncateFit(fit)))[0]!.message).toMatch(/^This FIT file is incomplete: it ends after [\d,]+ of its [\d,]+ bytes/);
    expect(problems(parseActivityFile('photo.fit', PNG_BYTES))).toEqual([
      { where: 'file', message: '"photo.fit" is not a FIT file (it looks like a PNG image), so nothing was imported.' },
    ]);
    expect(problems(parseActivityFile('course.fit', makeFit({ fileType: 'course' })))[0]!.message).toBe(
      'This FIT file is a course file, not a recorded activity, so nothing was imported.',
    );
    const epoch = makeTrack({ start: new Date('1989-12-31T00:00:10Z'), points: 10 });
    expect(problems(parseActivityFile('clock.fit', makeFit({ sessions: [{ track: epoch }] })))[0]!.message).toContain('device clock');
  });
});
