import { describe, expect, it } from 'vitest';
import { ActivitySummary } from '../domain/activity';
import { bytesOf, makeTcx, makeTrack } from './fixtures.test-helpers';
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

describe('TCX import', () => {
  it('sums laps of a Garmin TCX with known totals', () => {
    const track = makeTrack({ points: 721, intervalS: 5, stepM: 14 });
    const result = ok(parseActivityFile('run.tcx', bytesOf(makeTcx({ track, laps: 4 }))));
    expect(result.format).toBe('tcx');
    const activity = result.activities[0]!;
    expect(() => ActivitySummary.parse(activity)).not.toThrow();
    expect(activity).toMatchObject({ source: 'tcx', sport: 'run', name: 'Run 12 May', start_time: '2024-05-12T06:30:00.000Z', rpe: null });
    expect(activity.duration_s).toBe(track.durationS);
    expect(Math.abs(activity.distance_m! - track.distanceM) / track.distanceM).toBeLessThan(0.01);
    expect(activity.elevation_gain_m).toBeGreaterThanOrEqual(track.climbM - ELEVATION_THRESHOLD_M);
    expect(Math.abs(activity.avg_hr! - track.avgHr)).toBeLessThanOrEqual(1);
    expect(activity.max_hr).toBe(track.maxHr);
  });

  it('maps the sport and reads heart rate from trackpoints when laps carry none', () => {
    const track = makeTrack({ points: 50 });
    const tcx = makeTcx({ track, sport: 'Biking' }).replace(/<(Average|Maximum)HeartRateBpm><Value>\d+<\/Value><\/\1HeartRateBpm>/g, '');
    const activity = ok(parseActivityFile('ride.tcx', bytesOf(tcx))).activities[0]!;
    expect(activity).toMatchObject({ sport: 'ride', name: 'Ride 12 May', max_hr: track.maxHr, avg_hr: Math.round(track.avgHr) });
  });

  it('falls back to trackpoint positions for distance when laps and points carry none', () => {
    const track = makeTrack({ points: 100 });
    const tcx = makeTcx({ track }).replace(/<DistanceMeters>[\d.]+<\/DistanceMeters>/g, '');
    const activity = ok(parseActivityFile('d.tcx', bytesOf(tcx))).activities[0]!;
    expect(Math.abs(activity.distance_m! - track.distanceM) / track.distanceM).toBeLessThan(0.01);
  });

  it('imports every activity of a file and skips a broken one', () => {
    const tcx = makeTcx({ activities: 2, track: makeTrack({ points: 30 }) }).replace(/<Lap StartTime="[^"]+">/, '<Lap>').replace('<Id>2024-05-12T06:30:00Z</Id>', '<Id>soon</Id>');
    const result = ok(parseActivityFile('two.tcx', bytesOf(tcx)));
    expect(result.activities).toHaveLength(1);
    expect(result.skipped).toEqual([{ where: 'activity 1', message: 'This activity has no start time.' }]);
  });

  it('refuses broken, planned and foreign TCX files', () => {
    const full = makeTcx();
    const cut = problems(parseActivityFile('cut.tcx', bytesOf(full.slice(0, full.lastIndexOf('</Track>')))));
    expect(cut[0]!.message).toMatch(/^This TCX file is incomplete: it ends before <\w+> is closed/);
    expect(cut[0]!.where).toMatch(/^line \d+$/);

    const course = problems(parseActivityFile('c.tcx', bytesOf('<TrainingCenterDatabase><Courses><Course><Name>Loop</Name></Course></Courses></TrainingCenterDatabase>')));
    expect(course).toEqual([{ where: 'file', message: 'This TCX file holds a course or a workout plan, not a recorded activity.' }]);

    const foreign = problems(parseActivityFile('note.tcx', bytesOf('just some text')));
    expect(foreign[0]!.message).toBe('"note.tcx" is not a TCX file, so nothing was imported.');

    const badLap = problems(parseActivityFile('b.tcx', bytesOf(makeTcx({ laps: 1 }).replace(/<TotalTimeSeconds>[\d.]+</, '<TotalTimeSeconds>abc<'))));
    expect(badLap).toEqual([{ where: 'activity 1', message: "Lap 1's time is not a valid number." }]);
  });
});
