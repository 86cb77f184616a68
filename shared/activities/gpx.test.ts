import { describe, expect, it } from 'vitest';
import { ActivitySummary } from '../domain/activity';
import { bytesOf, makeGpx, makeTrack } from './fixtures.test-helpers';
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

describe('GPX import', () => {
  it('reads a Garmin Connect GPX with known totals', () => {
    const track = makeTrack();
    const result = ok(parseActivityFile('morning.gpx', bytesOf(makeGpx({ tracks: [track], name: 'Morning Run', type: 'running' }))));
    expect(result.format).toBe('gpx');
    expect(result.activities).toHaveLength(1);
    const activity = result.activities[0]!;
    expect(() => ActivitySummary.parse(activity)).not.toThrow();
    expect(activity).toMatchObject({ source: 'gpx', sport: 'run', name: 'Morning Run', start_time: '2024-05-12T06:30:00.000Z', rpe: null });
    expect(activity.duration_s).toBe(track.durationS);
    expect(Math.abs(activity.distance_m! - track.distanceM) / track.distanceM).toBeLessThan(0.01);
    expect(activity.elevation_gain_m).toBeGreaterThanOrEqual(track.climbM - ELEVATION_THRESHOLD_M);
    expect(activity.elevation_gain_m).toBeLessThanOrEqual(track.climbM);
    expect(activity.avg_hr).toBe(Math.round(track.avgHr));
    expect(activity.max_hr).toBe(track.maxHr);
    expect(result.metrics).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  it('names an unnamed track after its sport and day (in the given time zone) and reads plain hr extensions', () => {
    const track = makeTrack({ start: new Date('2024-05-12T23:30:00Z') });
    const gpx = makeGpx({ tracks: [track], type: 'trail_running', hrStyle: 'plain' });
    const utc = ok(parseActivityFile('a.gpx', bytesOf(gpx))).activities[0]!;
    expect(utc).toMatchObject({ name: 'Trail run 12 May', sport: 'trail_run', max_hr: track.maxHr });
    const paris = ok(parseActivityFile('a.gpx', bytesOf(gpx), { timeZone: 'Europe/Paris' })).activities[0]!;
    expect(paris.name).toBe('Trail run 13 May');
  });

  it('does not count the gap between two segments of a track as distance', () => {
    const track = makeTrack({ points: 100 });
    const lines = makeGpx({ tracks: [track] }).split('\n');
    const at = lines.findIndex((line) => line.includes('<trkpt')) + 50;
    lines.splice(at, 0, '    </trkseg>', '    <trkseg>');
    const activity = ok(parseActivityFile('paused.gpx', bytesOf(lines.join('\n')))).activities[0]!;
    expect(activity.distance_m).toBe(Math.round(track.distanceM - 14));
    expect(activity.duration_s).toBe(track.durationS);
  });

  it('decodes XML escapes in the track name', () => {
    const activity = ok(parseActivityFile('n.gpx', bytesOf(makeGpx({ name: 'Hills & <Tempo> "10k"' })))).activities[0]!;
    expect(activity.name).toBe('Hills & <Tempo> "10k"');
  });

  it('treats small altitude wobble as noise, not climbing', () => {
    const track = makeTrack({ ele: (i) => 100 + (i % 2) * 2 });
    const activity = ok(parseActivityFile('flat.gpx', bytesOf(makeGpx({ tracks: [track] })))).activities[0]!;
    expect(track.climbM).toBeGreaterThan(500);
    expect(activity.elevation_gain_m).toBe(0);
  });

  it('reads no heart rate as null and a GPX without type as a run', () => {
    const activity = ok(parseActivityFile('x.gpx', bytesOf(makeGpx({ hrStyle: 'none' })))).activities[0]!;
    expect(activity).toMatchObject({ avg_hr: null, max_hr: null, sport: 'run', name: 'Run 12 May' });
  });

  it('imports each track of a multi-track file and skips a broken one with its point number', () => {
    const a = makeTrack({ points: 10 });
    const b = makeTrack({ points: 10, start: new Date('2024-05-13T06:00:00Z') });
    const gpx = makeGpx({ tracks: [a, b] }).replace(/lat="[\d.]+"/g, (m, offset: number, all: string) =>
      all.slice(0, offset).split('<trkpt').length - 1 === 14 ? 'lat="95.5"' : m,
    );
    const result = ok(parseActivityFile('two.gpx', bytesOf(gpx)));
    expect(result.activities).toHaveLength(1);
    expect(result.skipped).toEqual([{ where: 'trkpt 14', message: expect.stringContaining('no valid position') }]);
  });

  it('refuses broken and foreign GPX files with what and where', () => {
    const full = makeGpx();
    const truncated = problems(parseActivityFile('cut.gpx', bytesOf(full.slice(0, Math.floor(full.length / 2)))));
    expect(truncated[0]!.message).toMatch(/^This GPX file is incomplete: it ends before <(trkpt|ele|time|extensions|hr|TrackPointExtension)> is closed \(the file was probably cut short\)/);
    expect(truncated[0]!.where).toBe(`line ${full.slice(0, Math.floor(full.length / 2)).split('\n').length}`);
    const broken = problems(parseActivityFile('x.gpx', bytesOf(full.replace('</ele>', '</el>'))));
    expect(broken).toEqual([{ where: 'line 6', message: expect.stringMatching(/^This GPX file is damaged or incomplete, so nothing was imported: .*'ele'/) }]);

    const noTimes = problems(parseActivityFile('route.gpx', bytesOf(makeGpx({ times: false }))));
    expect(noTimes[0]!.message).toContain('has no times');

    const empty = problems(parseActivityFile('e.gpx', bytesOf('<?xml version="1.0"?><gpx version="1.1"><trk><name>x</name><trkseg></trkseg></trk></gpx>')));
    expect(empty).toEqual([{ where: 'file', message: 'This GPX file has no track points.' }]);

    const route = problems(parseActivityFile('r.gpx', bytesOf('<gpx version="1.1"><rte><rtept lat="1" lon="2"/></rte></gpx>')));
    expect(route[0]!.message).toContain('planned route');

    const badTime = problems(parseActivityFile('t.gpx', bytesOf(makeGpx().replace('<time>2024-05-12T06:30:05Z</time>', '<time>yesterday</time>'))));
    expect(badTime).toEqual([{ where: 'trkpt 2', message: 'This track point\'s time "yesterday" is not a date and time.' }]);

    const kml = problems(parseActivityFile('map.gpx', bytesOf('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>')));
    expect(kml[0]!.message).toContain('KML');
  });

  it('refuses an activity whose values the schema does not accept, saying which', () => {
    const track = makeTrack({ hr: () => 260, points: 20 });
    const result = problems(parseActivityFile('hr.gpx', bytesOf(makeGpx({ tracks: [track] }))));
    expect(result).toEqual([{ where: 'file', message: 'Its average heart rate (260) is not accepted: heart rate must be at most 250 bpm.' }]);
    const old = makeTrack({ start: new Date('1989-12-31T00:00:00Z'), points: 5 });
    expect(problems(parseActivityFile('old.gpx', bytesOf(makeGpx({ tracks: [old] }))))[0]!.message).toContain('device clock');
  });

  it('parses a 10 MB GPX quickly', () => {
    const track = makeTrack({ points: 52_000, intervalS: 1, stepM: 3 });
    const bytes = bytesOf(makeGpx({ tracks: [track] }));
    expect(bytes.length).toBeGreaterThan(10 * 1024 * 1024);
    const started = performance.now();
    const activity = ok(parseActivityFile('big.gpx', bytes)).activities[0]!;
    const ms = performance.now() - started;
    console.log(`GPX ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${track.points.length} points parsed in ${ms.toFixed(0)} ms`);
    expect(Math.abs(activity.distance_m! - track.distanceM) / track.distanceM).toBeLessThan(0.01);
  }, 60_000);
});
