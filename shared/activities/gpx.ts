/**
 * GPX 1.1 (and 1.0) activity files: each <trk> is one activity.
 *
 * - Points: trk/trkseg/trkpt with lat, lon, optional ele, time and heart rate (Garmin
 *   TrackPointExtension gpxtpx:hr, or a plain hr/heartrate extension).
 * - Distance: haversine between consecutive points of a segment (a gap between segments is a
 *   pause or a GPS loss, not distance). Elevation gain: geo.ts ElevationGain (3 m hysteresis).
 * - Start = first point time, duration = last point time - first (elapsed, pauses included).
 * - Name: trk/name, else metadata/name, else "Run 12 May". Sport: trk/type (sport.ts).
 * - A point with a bad latitude, longitude or time spoils its track: that track is skipped with the
 *   point's number ("trkpt 340", counted over the file); a file with no good track imports nothing.
 */
import type { ActivitySummary } from '../domain/activity';
import { ElevationGain, HeartRateStats, haversineM } from './geo';
import { sportFromText } from './sport';
import { toSummary } from './summary';
import { fail, fileResult, type FileProblem, type ParsedFile } from './types';
import { trackPoints } from './gpx-points';
import { child, children, numberOf, parseXmlDocument, rootOf, text, type XmlNode } from './xml';

const LABEL = 'This GPX file';

type TrackTotals = { start: Date; end: Date; distanceM: number; gain: number | null; avgHr: number | null; maxHr: number | null };

/** ISO-8601 with a date, a time and (per GPX) a zone; refuses "yesterday" and bare dates. */
export function parseIsoTime(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value)) return new Date(Number.NaN);
  // No zone: GPX says UTC.
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
}

/** Totals of one <trk>, or the problem of its first bad point. pointNo counts points over the file. */
function trackTotals(track: XmlNode, counter: { pointNo: number }): TrackTotals | FileProblem | null {
  let first: Date | undefined;
  let last: Date | undefined;
  let distanceM = 0;
  let points = 0;
  const elevation = new ElevationGain();
  const heart = new HeartRateStats();
  for (const segment of children(track, 'trkseg')) {
    let previous: { lat: number; lon: number } | undefined;
    for (const point of trackPoints(text(segment) ?? '')) {
      counter.pointNo += 1;
      const where = `trkpt ${counter.pointNo}`;
      const lat = numberOf(point.lat);
      const lon = numberOf(point.lon);
      if (lat === undefined || lon === undefined || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        return { where, message: `This track point has no valid position (lat "${point.lat ?? ''}", lon "${point.lon ?? ''}").` };
      }
      const time = parseIsoTime(point.time);
      if (time && Number.isNaN(time.getTime())) return { where, message: `This track point's time "${point.time ?? ''}" is not a date and time.` };
      const ele = numberOf(point.ele);
      if (ele !== undefined && !Number.isFinite(ele)) return { where, message: `This track point's elevation "${point.ele ?? ''}" is not a number.` };
      points += 1;
      if (time) {
        first ??= time;
        last = time;
      }
      if (previous) distanceM += haversineM(previous.lat, previous.lon, lat, lon);
      previous = { lat, lon };
      elevation.add(ele);
      heart.add(point.hr);
    }
  }
  if (points === 0) return null;
  if (!first || !last) {
    return { where: 'file', message: `${LABEL}'s track has no times, so when it started and how long it lasted are unknown (it may be a planned route, not a recorded activity).` };
  }
  return { start: first, end: last, distanceM, gain: elevation.total, avgHr: heart.avg, maxHr: heart.max };
}

export function parseGpx(content: string, options: { timeZone?: string }): ParsedFile {
  const parsed = parseXmlDocument(content, LABEL, ['trkseg']);
  if (!parsed.ok) return { ok: false, format: 'gpx', problems: [parsed.problem] };
  const root = rootOf(parsed.doc);
  if (!root || root.name !== 'gpx') return fail('gpx', 'file', `This file is XML but not a GPX file (its main element is <${root?.name ?? 'nothing'}>).`);
  const tracks = children(root.node, 'trk');
  if (tracks.length === 0) {
    const routeOnly = children(root.node, 'rte').length > 0 || children(root.node, 'wpt').length > 0;
    return fail('gpx', 'file', routeOnly ? `${LABEL} holds a planned route or waypoints, not a recorded activity (it has no track).` : `${LABEL} holds no track.`);
  }
  const fileName = text(child(root.node, 'metadata'), 'name');
  const activities: ActivitySummary[] = [];
  const skipped: FileProblem[] = [];
  const counter = { pointNo: 0 };
  tracks.forEach((track, index) => {
    const totals = trackTotals(track, counter);
    const where = tracks.length > 1 ? `trk ${index + 1}` : 'file';
    if (totals === null) {
      skipped.push({ where, message: `${tracks.length > 1 ? 'This track' : LABEL} has no track points.` });
      return;
    }
    if ('message' in totals) {
      skipped.push(totals);
      return;
    }
    const result = toSummary(
      'gpx',
      {
        sport: sportFromText(text(track, 'type')),
        name: text(track, 'name') ?? fileName ?? null,
        start: totals.start,
        durationS: (totals.end.getTime() - totals.start.getTime()) / 1000,
        distanceM: totals.distanceM,
        elevationGainM: totals.gain,
        avgHr: totals.avgHr,
        maxHr: totals.maxHr,
      },
      where,
      options,
    );
    if (result.ok) activities.push(result.summary);
    else skipped.push(result.problem);
  });
  return fileResult('gpx', activities, [], skipped, `${LABEL} has no track points.`);
}
