/**
 * Garmin Training Center (TCX v2) files: each Activities/Activity is one activity.
 *
 * - Sport: the Activity's Sport attribute (Running, Biking, Other).
 * - Start: the first Lap's StartTime (the Activity Id when laps have none).
 * - Duration (elapsed): from the start to the later of the last lap's end (StartTime +
 *   TotalTimeSeconds) and the last trackpoint time; with laps back to back this is the sum of
 *   TotalTimeSeconds, with pauses between laps they are included.
 * - Distance: the sum of the laps' DistanceMeters; without those the last trackpoint
 *   DistanceMeters, else haversine over trackpoint positions.
 * - Heart rate: average of the laps' AverageHeartRateBpm weighted by lap time, maximum of their
 *   MaximumHeartRateBpm; from trackpoint HeartRateBpm when laps carry none.
 * - Elevation gain: trackpoint AltitudeMeters through geo.ts ElevationGain (3 m hysteresis).
 * - A broken activity (no time, bad numbers) is skipped with its number; no good activity: nothing imported.
 */
import type { ActivitySummary } from '../domain/activity';
import { ElevationGain, HeartRateStats, haversineM } from './geo';
import { parseIsoTime } from './gpx';
import { sportFromText } from './sport';
import { toSummary, type ActivityDraft } from './summary';
import { fail, fileResult, type FileProblem, type ParsedFile, type ParseOptions } from './types';
import { attr, child, children, numberOf, parseXmlDocument, rootOf, text, type XmlNode } from './xml';

const LABEL = 'This TCX file';

const bpm = (node: XmlNode, name: string): number | undefined => numberOf(text(child(node, name), 'Value'));

function activityDraft(activity: XmlNode): ActivityDraft | string {
  const laps = children(activity, 'Lap');
  if (laps.length === 0) return 'This activity has no laps, so its time and distance are unknown.';
  const lapStart = parseIsoTime(attr(laps[0], 'StartTime'));
  const start = lapStart && !Number.isNaN(lapStart.getTime()) ? lapStart : parseIsoTime(text(activity, 'Id'));
  if (!start || Number.isNaN(start.getTime())) return 'This activity has no start time.';

  let endMs = start.getTime();
  let lapDistance: number | null = null;
  let hrWeighted = 0;
  let hrSeconds = 0;
  let lapMaxHr: number | null = null;
  let pointDistance: number | null = null;
  let trackDistance = 0;
  let previous: { lat: number; lon: number } | undefined;
  const elevation = new ElevationGain();
  const heart = new HeartRateStats();

  for (const [index, lap] of laps.entries()) {
    const lapNo = index + 1;
    const seconds = numberOf(text(lap, 'TotalTimeSeconds'));
    const meters = numberOf(text(lap, 'DistanceMeters'));
    const avg = bpm(lap, 'AverageHeartRateBpm');
    const max = bpm(lap, 'MaximumHeartRateBpm');
    for (const [label, value] of [['time', seconds], ['distance', meters], ['average heart rate', avg], ['maximum heart rate', max]] as const) {
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) return `Lap ${lapNo}'s ${label} is not a valid number.`;
    }
    const startOfLap = parseIsoTime(attr(lap, 'StartTime'));
    if (startOfLap && !Number.isNaN(startOfLap.getTime()) && seconds !== undefined) endMs = Math.max(endMs, startOfLap.getTime() + seconds * 1000);
    if (meters !== undefined) lapDistance = (lapDistance ?? 0) + meters;
    if (avg !== undefined && avg > 0 && seconds !== undefined && seconds > 0) {
      hrWeighted += avg * seconds;
      hrSeconds += seconds;
    }
    if (max !== undefined && max > 0) lapMaxHr = Math.max(lapMaxHr ?? 0, max);

    for (const point of children(lap, 'Track').flatMap((track) => children(track, 'Trackpoint'))) {
      const time = parseIsoTime(text(point, 'Time'));
      if (time && Number.isNaN(time.getTime())) return `A trackpoint of lap ${lapNo} has a time that is not a date ("${text(point, 'Time') ?? ''}").`;
      if (time) endMs = Math.max(endMs, time.getTime());
      const position = child(point, 'Position');
      const lat = numberOf(text(position, 'LatitudeDegrees'));
      const lon = numberOf(text(position, 'LongitudeDegrees'));
      if (lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
        if (previous) trackDistance += haversineM(previous.lat, previous.lon, lat, lon);
        previous = { lat, lon };
      }
      const pointMeters = numberOf(text(point, 'DistanceMeters'));
      if (pointMeters !== undefined && Number.isFinite(pointMeters)) pointDistance = Math.max(pointDistance ?? 0, pointMeters);
      elevation.add(numberOf(text(point, 'AltitudeMeters')));
      heart.add(bpm(point, 'HeartRateBpm'));
    }
  }
  return {
    sport: sportFromText(attr(activity, 'Sport')),
    name: null,
    start,
    durationS: (endMs - start.getTime()) / 1000,
    distanceM: lapDistance ?? pointDistance ?? (previous ? trackDistance : null),
    elevationGainM: elevation.total,
    avgHr: hrSeconds > 0 ? hrWeighted / hrSeconds : heart.avg,
    maxHr: lapMaxHr !== null || heart.max !== null ? Math.max(lapMaxHr ?? 0, heart.max ?? 0) : null,
  };
}

export function parseTcx(content: string, options: ParseOptions): ParsedFile {
  const parsed = parseXmlDocument(content, LABEL, ['Extensions']);
  if (!parsed.ok) return { ok: false, format: 'tcx', problems: [parsed.problem] };
  const root = rootOf(parsed.doc);
  if (!root || root.name !== 'TrainingCenterDatabase') {
    return fail('tcx', 'file', `This file is XML but not a TCX file (its main element is <${root?.name ?? 'nothing'}>).`);
  }
  const activities = children(child(root.node, 'Activities'), 'Activity');
  if (activities.length === 0) {
    const planned = child(root.node, 'Courses') ?? child(root.node, 'Workouts');
    return fail('tcx', 'file', planned ? `${LABEL} holds a course or a workout plan, not a recorded activity.` : `${LABEL} holds no activity.`);
  }
  const imported: ActivitySummary[] = [];
  const skipped: FileProblem[] = [];
  activities.forEach((activity, index) => {
    const where = `activity ${index + 1}`;
    const draft = activityDraft(activity);
    if (typeof draft === 'string') {
      skipped.push({ where, message: draft });
      return;
    }
    const result = toSummary('tcx', draft, where, options);
    if (result.ok) imported.push(result.summary);
    else skipped.push(result.problem);
  });
  return fileResult('tcx', imported, [], skipped, `${LABEL} holds no activity.`);
}
