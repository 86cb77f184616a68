/**
 * FIT activity files through Garmin's @garmin/fitsdk (the only module that imports it).
 *
 * - Integrity first: ".FIT" header (else: what the file looks like), size against the header's data
 *   size (a copy cut short says so), then the CRC ("its checksum does not match"). Any decoder
 *   error refuses the file: a FIT file is all or nothing.
 * - Each session message is one activity (a multisport or multi-session file gives several; the
 *   transitions of a multisport file are left out):
 *   sport/subSport, startTime, totalElapsedTime, totalDistance, avg/maxHeartRate, totalAscent.
 *   A field the session lacks is computed from the record messages of its time span.
 * - No session (a watch that crashed before saving): one activity from the record messages.
 * - A file whose file_id says course, workout, settings... is not an activity and is refused.
 * The decoder's messages are typed loosely (Date | number for times): read through the narrow
 * helpers below, not the SDK's types.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import type { ActivitySummary, Sport } from '../domain/activity';
import { ElevationGain, HeartRateStats, haversineM } from './geo';
import { describeForeign } from './sniff';
import { sportFromFit } from './sport';
import { toSummary, type ActivityDraft } from './summary';
import { fail, fileResult, type FileProblem, type ParsedFile, type ParseOptions } from './types';

const LABEL = 'This FIT file';
const SEMICIRCLE_TO_DEG = 180 / 2 ** 31;

const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asDate = (value: unknown): Date | undefined => (value instanceof Date && Number.isFinite(value.getTime()) ? value : undefined);

type FitRecord = { time: number; lat?: number; lon?: number; distance?: number; altitude?: number; hr?: number };

function toRecords(raw: readonly object[] | undefined): FitRecord[] {
  const records: FitRecord[] = [];
  for (const message of raw ?? []) {
    const m = message as Record<string, unknown>;
    const time = asDate(m.timestamp)?.getTime();
    if (time === undefined) continue;
    const lat = asNumber(m.positionLat);
    const lon = asNumber(m.positionLong);
    records.push({
      time,
      lat: lat === undefined ? undefined : lat * SEMICIRCLE_TO_DEG,
      lon: lon === undefined ? undefined : lon * SEMICIRCLE_TO_DEG,
      distance: asNumber(m.distance),
      altitude: asNumber(m.enhancedAltitude) ?? asNumber(m.altitude),
      hr: asNumber(m.heartRate),
    });
  }
  return records.sort((a, b) => a.time - b.time);
}

type RecordTotals = { first: number; last: number; distanceM: number | null; gain: number | null; avgHr: number | null; maxHr: number | null };

/** Totals of the records between two instants (inclusive), or null when there are none. */
function recordTotals(records: FitRecord[], from: number, to: number): RecordTotals | null {
  const span = records.filter((r) => r.time >= from && r.time <= to);
  const first = span[0];
  const last = span[span.length - 1];
  if (!first || !last) return null;
  const elevation = new ElevationGain();
  const heart = new HeartRateStats();
  let minDistance: number | undefined;
  let maxDistance: number | undefined;
  let travelled = 0;
  let previous: FitRecord | undefined;
  for (const r of span) {
    elevation.add(r.altitude);
    heart.add(r.hr);
    if (r.distance !== undefined) {
      minDistance = Math.min(minDistance ?? r.distance, r.distance);
      maxDistance = Math.max(maxDistance ?? r.distance, r.distance);
    }
    if (r.lat !== undefined && r.lon !== undefined) {
      if (previous?.lat !== undefined && previous.lon !== undefined) travelled += haversineM(previous.lat, previous.lon, r.lat, r.lon);
      previous = r;
    }
  }
  const distanceM = minDistance !== undefined && maxDistance !== undefined ? maxDistance - minDistance : previous ? travelled : null;
  return { first: first.time, last: last.time, distanceM, gain: elevation.total, avgHr: heart.avg, maxHr: heart.max };
}

function sessionDraft(session: Record<string, unknown>, records: FitRecord[], name: string | null): ActivityDraft | string {
  const end = asDate(session.timestamp);
  const elapsed = asNumber(session.totalElapsedTime) ?? asNumber(session.totalTimerTime);
  const start = asDate(session.startTime) ?? (end && elapsed !== undefined ? new Date(end.getTime() - elapsed * 1000) : undefined);
  if (!start) return 'This session has no start time.';
  const durationS = elapsed ?? (end ? (end.getTime() - start.getTime()) / 1000 : undefined);
  const fromRecords = recordTotals(records, start.getTime(), start.getTime() + (durationS ?? 0) * 1000);
  const sport: Sport = sportFromFit(asString(session.sport), asString(session.subSport));
  return {
    sport,
    name,
    start,
    durationS: durationS ?? (fromRecords ? (fromRecords.last - fromRecords.first) / 1000 : 0),
    distanceM: asNumber(session.totalDistance) ?? fromRecords?.distanceM ?? null,
    elevationGainM: asNumber(session.totalAscent) ?? fromRecords?.gain ?? null,
    avgHr: asNumber(session.avgHeartRate) ?? fromRecords?.avgHr ?? null,
    maxHr: asNumber(session.maxHeartRate) ?? fromRecords?.maxHr ?? null,
  };
}

/** Why a file that claims to be FIT fails the SDK's integrity check, in a coach's words. */
function integrityProblem(bytes: Uint8Array): string {
  const headerSize = bytes[0] ?? 0;
  const dataSize = bytes.length >= 8 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true) : 0;
  const expected = headerSize + dataSize + 2;
  if ((headerSize === 12 || headerSize === 14) && bytes.length < expected) {
    return `${LABEL} is incomplete: it ends after ${bytes.length.toLocaleString('en-US')} of its ${expected.toLocaleString('en-US')} bytes (the copy from the watch may have been interrupted). Nothing was imported.`;
  }
  return `${LABEL} is damaged: its checksum does not match (the file may be incomplete). Nothing was imported.`;
}

export function parseFit(fileName: string, bytes: Uint8Array, options: ParseOptions): ParsedFile {
  let messages: ReturnType<Decoder['read']>['messages'];
  try {
    const stream = Stream.fromByteArray(bytes);
    if (bytes.length < 12 || !Decoder.isFIT(stream)) {
      const what = describeForeign(bytes);
      return fail('fit', 'file', `"${fileName}" is not a FIT file${what ? ` (it looks like ${what})` : ''}, so nothing was imported.`);
    }
    const decoder = new Decoder(stream);
    if (!decoder.checkIntegrity()) return fail('fit', 'file', integrityProblem(bytes));
    const result = decoder.read({ convertTypesToStrings: true, convertDateTimesToDates: true, includeUnknownData: false, decodeMemoGlobs: false });
    if (result.errors.length > 0) {
      return fail('fit', 'file', `${LABEL} could not be read (${String(result.errors[0]?.message ?? result.errors[0])}). Nothing was imported.`);
    }
    messages = result.messages;
  } catch (error) {
    return fail('fit', 'file', `${LABEL} could not be read (${error instanceof Error ? error.message : String(error)}). Nothing was imported.`);
  }

  const fileType = asString((messages.fileIdMesgs?.[0] as Record<string, unknown> | undefined)?.type);
  if (fileType !== undefined && fileType !== 'activity') {
    return fail('fit', 'file', `${LABEL} is a ${fileType} file, not a recorded activity, so nothing was imported.`);
  }
  const records = toRecords(messages.recordMesgs);
  // A triathlon's transitions (T1, T2) are sessions too, but not activities a coach counts.
  const sessions = ((messages.sessionMesgs ?? []) as Record<string, unknown>[]).filter((s) => s.sport !== 'transition');
  const workoutName = sessions.length <= 1 ? (asString((messages.workoutMesgs?.[0] as Record<string, unknown> | undefined)?.wktName) ?? null) : null;
  const activities: ActivitySummary[] = [];
  const skipped: FileProblem[] = [];
  const add = (draft: ActivityDraft | string, where: string) => {
    if (typeof draft === 'string') return void skipped.push({ where, message: draft });
    const result = toSummary('fit', draft, where, options);
    if (result.ok) activities.push(result.summary);
    else skipped.push(result.problem);
  };

  if (sessions.length > 0) {
    sessions.forEach((session, index) => add(sessionDraft(session, records, workoutName), sessions.length > 1 ? `session ${index + 1}` : 'file'));
  } else {
    const totals = records.length > 0 ? recordTotals(records, -Infinity, Infinity) : null;
    if (!totals) return fail('fit', 'file', `${LABEL} holds no activity: no session and no recorded points.`);
    const sport = asString((messages.sportMesgs?.[0] as Record<string, unknown> | undefined)?.sport);
    const subSport = asString((messages.sportMesgs?.[0] as Record<string, unknown> | undefined)?.subSport);
    add(
      {
        sport: sportFromFit(sport, subSport),
        name: workoutName,
        start: new Date(totals.first),
        durationS: (totals.last - totals.first) / 1000,
        distanceM: totals.distanceM,
        elevationGainM: totals.gain,
        avgHr: totals.avgHr,
        maxHr: totals.maxHr,
      },
      'file',
    );
  }
  return fileResult('fit', activities, [], skipped, `${LABEL} holds no activity.`);
}
