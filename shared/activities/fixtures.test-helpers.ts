/**
 * Real-format activity files with known totals, generated for the tests (only tests import this).
 * A track runs due north from a start point in equal steps, so its distance is exact; altitude and
 * heart rate follow given functions, so gain and averages are known in advance.
 */
import { Encoder, Profile, type Mesg } from '@garmin/fitsdk';
import { EARTH_RADIUS_M } from './geo';

export type TrackPoint = { time: Date; lat: number; lon: number; ele: number; hr: number; distanceM: number };
export type TrackSpec = {
  start?: Date;
  points?: number;
  intervalS?: number;
  stepM?: number;
  lat?: number;
  lon?: number;
  /** Altitude of point i (metres). Default: climbs 1 m per point for the first 100 points, then flat. */
  ele?: (i: number) => number;
  /** Heart rate of point i. Default: 140 + (i % 21) (140..160). */
  hr?: (i: number) => number;
};
export type Track = {
  points: TrackPoint[];
  start: Date;
  durationS: number;
  distanceM: number;
  /** Sum of every rise (what a perfect counter would give). */
  climbM: number;
  avgHr: number;
  maxHr: number;
};

export function makeTrack(spec: TrackSpec = {}): Track {
  const start = spec.start ?? new Date('2024-05-12T06:30:00Z');
  const count = spec.points ?? 600;
  const interval = spec.intervalS ?? 5;
  const step = spec.stepM ?? 14;
  const ele = spec.ele ?? ((i: number) => 50 + Math.min(i, 100));
  const hr = spec.hr ?? ((i: number) => 140 + (i % 21));
  const dLat = (step / EARTH_RADIUS_M) * (180 / Math.PI);
  const points: TrackPoint[] = [];
  let climb = 0;
  for (let i = 0; i < count; i++) {
    points.push({
      time: new Date(start.getTime() + i * interval * 1000),
      lat: (spec.lat ?? 45.0) + i * dLat,
      lon: spec.lon ?? 6.0,
      ele: ele(i),
      hr: hr(i),
      distanceM: i * step,
    });
    if (i > 0) climb += Math.max(0, ele(i) - ele(i - 1));
  }
  const hrs = points.map((p) => p.hr);
  return {
    points,
    start,
    durationS: (count - 1) * interval,
    distanceM: (count - 1) * step,
    climbM: climb,
    avgHr: hrs.reduce((a, b) => a + b, 0) / count,
    maxHr: Math.max(...hrs),
  };
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const encoder = new TextEncoder();
export const bytesOf = (text: string): Uint8Array => encoder.encode(text);

export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export type GpxSpec = { tracks?: Track[]; name?: string; type?: string; times?: boolean; hrStyle?: 'garmin' | 'plain' | 'none' };

/** A GPX 1.1 file as Garmin Connect writes it (gpxtpx TrackPointExtension for heart rate). */
export function makeGpx(spec: GpxSpec = {}): string {
  const tracks = spec.tracks ?? [makeTrack()];
  const hrStyle = spec.hrStyle ?? 'garmin';
  const point = (p: TrackPoint) => {
    const time = spec.times === false ? '' : `<time>${iso(p.time)}</time>`;
    const ext =
      hrStyle === 'garmin'
        ? `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`
        : hrStyle === 'plain'
          ? `<extensions><hr>${p.hr}</hr></extensions>`
          : '';
    return `      <trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}"><ele>${p.ele.toFixed(1)}</ele>${time}${ext}</trkpt>`;
  };
  const trk = (t: Track) =>
    [
      '  <trk>',
      spec.name === undefined ? '' : `    <name>${escapeXml(spec.name)}</name>`,
      spec.type === undefined ? '' : `    <type>${escapeXml(spec.type)}</type>`,
      '    <trkseg>',
      ...t.points.map(point),
      '    </trkseg>',
      '  </trk>',
    ]
      .filter((line) => line !== '')
      .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx creator="Garmin Connect" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `  <metadata><time>${iso(tracks[0]?.start ?? new Date())}</time></metadata>`,
    ...tracks.map(trk),
    '</gpx>',
    '',
  ].join('\n');
}

export type TcxSpec = { track?: Track; sport?: string; laps?: number; activities?: number };

/** A TCX v2 file as Garmin Connect writes it: laps with totals, trackpoints with altitude and HR. */
export function makeTcx(spec: TcxSpec = {}): string {
  const track = spec.track ?? makeTrack();
  const lapCount = spec.laps ?? 3;
  const perLap = Math.ceil(track.points.length / lapCount);
  const laps: string[] = [];
  for (let l = 0; l < lapCount; l++) {
    // Laps share their boundary point so lap times and distances add up to the track's.
    const pts = track.points.slice(l * perLap, Math.min(track.points.length, (l + 1) * perLap + 1));
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (!first || !last) continue;
    const hrs = pts.map((p) => p.hr);
    laps.push(
      [
        `      <Lap StartTime="${iso(first.time)}">`,
        `        <TotalTimeSeconds>${(last.time.getTime() - first.time.getTime()) / 1000}</TotalTimeSeconds>`,
        `        <DistanceMeters>${last.distanceM - first.distanceM}</DistanceMeters>`,
        '        <Calories>100</Calories>',
        `        <AverageHeartRateBpm><Value>${Math.round(hrs.reduce((a, b) => a + b, 0) / hrs.length)}</Value></AverageHeartRateBpm>`,
        `        <MaximumHeartRateBpm><Value>${Math.max(...hrs)}</Value></MaximumHeartRateBpm>`,
        '        <Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>',
        '        <Track>',
        ...pts.map(
          (p) =>
            `          <Trackpoint><Time>${iso(p.time)}</Time><Position><LatitudeDegrees>${p.lat.toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${p.lon.toFixed(7)}</LongitudeDegrees></Position><AltitudeMeters>${p.ele}</AltitudeMeters><DistanceMeters>${p.distanceM}</DistanceMeters><HeartRateBpm><Value>${p.hr}</Value></HeartRateBpm></Trackpoint>`,
        ),
        '        </Track>',
        '      </Lap>',
      ].join('\n'),
    );
  }
  const activity = `    <Activity Sport="${spec.sport ?? 'Running'}">\n      <Id>${iso(track.start)}</Id>\n${laps.join('\n')}\n    </Activity>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TrainingCenterDatabase xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <Activities>',
    ...Array.from({ length: spec.activities ?? 1 }, () => activity),
    '  </Activities>',
    '</TrainingCenterDatabase>',
    '',
  ].join('\n');
}

/** The first bytes of a PNG image, for "a photo renamed .fit". */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1]);
/** A ZIP archive's first bytes (export.zip). */
export const ZIP_BYTES = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]);

export type FitSessionSpec = { track?: Track; sport?: string; subSport?: string; ascent?: number; withTotals?: boolean };
export type FitSpec = {
  sessions?: FitSessionSpec[];
  /** file_id type; 'course' or 'workout' make a file that is not an activity. */
  fileType?: string;
  /** false: records only, as a watch that crashed before saving writes. */
  withSessions?: boolean;
  workoutName?: string;
};

const DEG_TO_SEMICIRCLE = 2 ** 31 / 180;

/**
 * Writes one FIT message by profile name. The SDK types Profile.MesgNum as a loose record and its
 * message types take numbers where the encoder also accepts profile strings ('running').
 */
function write(encoder: Encoder, name: string, fields: Record<string, unknown>): void {
  const num = Profile.MesgNum[name];
  if (num === undefined) throw new Error(`unknown FIT message ${name}`);
  encoder.onMesg(num, fields as Mesg);
}

/** A FIT activity file as a watch writes it: file_id, records, a lap and a session per session, activity. */
export function makeFit(spec: FitSpec = {}): Uint8Array {
  const encoder = new Encoder();
  const sessions = spec.sessions ?? [{}];
  const tracks = sessions.map((s) => s.track ?? makeTrack());
  const first = tracks[0]!;
  write(encoder, 'FILE_ID', { manufacturer: 'development', product: 1, timeCreated: first.start, type: spec.fileType ?? 'activity', serialNumber: 1234 });
  if (spec.workoutName) write(encoder, 'WORKOUT', { wktName: spec.workoutName, sport: 'running', numValidSteps: 1 });
  let end = first.start;
  sessions.forEach((session, index) => {
    const track = tracks[index]!;
    for (const p of track.points) {
      write(encoder, 'RECORD', {
        timestamp: p.time,
        positionLat: Math.round(p.lat * DEG_TO_SEMICIRCLE),
        positionLong: Math.round(p.lon * DEG_TO_SEMICIRCLE),
        distance: p.distanceM,
        altitude: p.ele,
        heartRate: p.hr,
      });
    }
    end = new Date(track.start.getTime() + track.durationS * 1000);
    if (spec.withSessions === false) return;
    const totals =
      session.withTotals === false
        ? {}
        : {
            totalElapsedTime: track.durationS,
            totalTimerTime: track.durationS,
            totalDistance: track.distanceM,
            avgHeartRate: Math.round(track.avgHr),
            maxHeartRate: track.maxHr,
            totalAscent: session.ascent ?? Math.round(track.climbM),
          };
    write(encoder, 'LAP', { messageIndex: index, timestamp: end, startTime: track.start, ...totals, event: 'lap', eventType: 'stop' });
    write(encoder, 'SESSION', {
      messageIndex: index,
      timestamp: end,
      startTime: track.start,
      sport: session.sport ?? 'running',
      subSport: session.subSport ?? 'generic',
      ...totals,
      firstLapIndex: index,
      numLaps: 1,
      event: 'session',
      eventType: 'stop',
    });
  });
  write(encoder, 'ACTIVITY', { timestamp: end, numSessions: sessions.length, type: 'manual', event: 'activity', eventType: 'stop' });
  return encoder.close();
}

/** A FIT file cut short (the copy from the watch interrupted). */
export const truncateFit = (fit: Uint8Array, keep = 0.6): Uint8Array => fit.slice(0, Math.floor(fit.length * keep));

/** A FIT file with one byte of its data changed: same size, checksum no longer matches. */
export function corruptFit(fit: Uint8Array): Uint8Array {
  const copy = fit.slice();
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] ?? 0) ^ 0x5a;
  return copy;
}

export { makeAppleHealthXml, type AppleRecordSpec, type AppleSpec, type AppleWorkoutSpec } from './fixtures-apple.test-helpers';
