/**
 * Apple Health export.xml (Health app > profile > Export All Health Data, then unzip export.zip).
 *
 * Activities, one per <Workout>: workoutActivityType (sport.ts), startDate/endDate
 * ("2024-05-01 07:00:00 +0200"), duration + durationUnit, totalDistance + totalDistanceUnit (older
 * exports) or the Distance... <WorkoutStatistics> sum (iOS 16 and later), heart rate from the
 * HeartRate <WorkoutStatistics> average/maximum, elevation from the HKElevationAscended metadata.
 * Duration is elapsed: endDate - startDate (pauses included), never less than `duration`.
 * An unnamed workout is named after its day as the phone saw it (or in options.timeZone).
 *
 * Daily metrics from <Record> HKQuantityTypeIdentifierRestingHeartRate (count/min) and
 * HKQuantityTypeIdentifierHeartRateVariabilitySDNN (ms): the average of each day's records, the day
 * being the record's startDate day in options.timeZone, or in the record's own offset without one.
 * Resting heart rate is rounded to a whole bpm, HRV to 0.1 ms.
 *
 * A workout or record that cannot be read or is out of range is skipped (listed in `skipped`);
 * an export that is not HealthData, is truncated, or holds neither workouts nor these records
 * imports nothing. Size limit and memory: see apple-scan.ts and MAX_APPLE_HEALTH_BYTES.
 */
import type { ActivitySummary } from '../domain/activity';
import { isIsoDate } from '../schedule/dates';
import { scanAppleExport } from './apple-scan';
import { metersOf, parseAppleDate, quantityMeters, secondsOf } from './apple-units';
import { sportFromApple } from './sport';
import { dayIn, toSummary } from './summary';
import { fail, fileResult, type FileProblem, type ParsedFile, type ParsedMetric, type ParseOptions } from './types';
import { attr, children, isWellFormed, numberOf, parseXmlFragment, rootOf, type XmlNode } from './xml';

const RESTING_HR = 'HKQuantityTypeIdentifierRestingHeartRate';
const HRV = 'HKQuantityTypeIdentifierHeartRateVariabilitySDNN';
const LABEL = 'This Apple Health export';

type DayValues = { hrSum: number; hrCount: number; hrvSum: number; hrvCount: number };

function workoutDraft(node: XmlNode, options: ParseOptions) {
  const start = parseAppleDate(attr(node, 'startDate'));
  if (!start) return { problem: `Its start date "${attr(node, 'startDate') ?? ''}" cannot be read.` };
  const end = parseAppleDate(attr(node, 'endDate'));
  const stated = secondsOf(numberOf(attr(node, 'duration')), attr(node, 'durationUnit'));
  const span = end ? (end.instant.getTime() - start.instant.getTime()) / 1000 : undefined;
  const durationS = Math.max(stated ?? 0, span ?? 0);
  const statistics = children(node, 'WorkoutStatistics');
  const heart = statistics.find((s) => attr(s, 'type') === 'HKQuantityTypeIdentifierHeartRate');
  const distanceStat = statistics.find((s) => (attr(s, 'type') ?? '').startsWith('HKQuantityTypeIdentifierDistance'));
  const distanceM =
    metersOf(numberOf(attr(node, 'totalDistance')), attr(node, 'totalDistanceUnit')) ??
    metersOf(numberOf(attr(distanceStat, 'sum')), attr(distanceStat, 'unit')) ??
    null;
  const ascended = children(node, 'MetadataEntry').find((e) => attr(e, 'key') === 'HKElevationAscended');
  const positive = (value: number | undefined) => (value !== undefined && Number.isFinite(value) && value > 0 ? value : null);
  return {
    draft: {
      sport: sportFromApple(attr(node, 'workoutActivityType')),
      name: null,
      start: start.instant,
      durationS,
      distanceM,
      elevationGainM: quantityMeters(attr(ascended, 'value')) ?? null,
      avgHr: positive(numberOf(attr(heart, 'average'))),
      maxHr: positive(numberOf(attr(heart, 'maximum'))),
    },
    day: options.timeZone === undefined ? start.localDay : undefined,
  };
}

export function parseAppleHealth(fileName: string, bytes: Uint8Array, options: ParseOptions): ParsedFile {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 64 * 1024));
  if (!/<!DOCTYPE\s+HealthData[\s[>]|<HealthData[\s>/]/.test(head)) {
    const cda = /<ClinicalDocument[\s>]/.test(head);
    return fail(
      'apple_health',
      'file',
      cda
        ? `"${fileName}" holds clinical records (export_cda.xml), not workouts: drop export.xml from the same folder.`
        : `"${fileName}" is not an Apple Health export (export.xml), so nothing was imported.`,
    );
  }
  const activities: ActivitySummary[] = [];
  const skipped: FileProblem[] = [];
  const days = new Map<string, DayValues>();
  let workoutNo = 0;
  let recordNo = 0;

  const scan = scanAppleExport(bytes, {
    workout: (xml) => {
      workoutNo += 1;
      const where = `workout ${workoutNo}`;
      const parsed = isWellFormed(xml) ? parseXmlFragment(xml, 'This workout') : undefined;
      const node = parsed?.ok ? rootOf(parsed.doc)?.node : undefined;
      if (!node) return void skipped.push({ where, message: 'This workout is damaged and cannot be read.' });
      const read = workoutDraft(node, options);
      if ('problem' in read) return void skipped.push({ where, message: read.problem ?? 'This workout cannot be read.' });
      const result = toSummary('apple_health', read.draft, where, { timeZone: options.timeZone, day: read.day });
      if (result.ok) activities.push(result.summary);
      else skipped.push(result.problem);
    },
    recordTypes: [RESTING_HR, HRV],
    record: (tag) => {
      recordNo += 1;
      const where = `record ${recordNo}`;
      const parsed = parseXmlFragment(tag, 'This record');
      const node = parsed.ok ? rootOf(parsed.doc)?.node : undefined;
      const type = attr(node, 'type');
      if (type !== RESTING_HR && type !== HRV) return;
      const value = numberOf(attr(node, 'value'));
      const start = parseAppleDate(attr(node, 'startDate'));
      const what = type === RESTING_HR ? 'resting heart rate' : 'heart-rate variability';
      if (!start || value === undefined || !Number.isFinite(value)) return void skipped.push({ where, message: `This ${what} record has no readable date or value.` });
      const day = options.timeZone === undefined ? start.localDay : dayIn(start.instant, options.timeZone);
      if (!isIsoDate(day)) return void skipped.push({ where, message: `This ${what} record's day ${day} is outside 2000-2099.` });
      const [min, max, unit] = type === RESTING_HR ? [25, 250, 'bpm'] : [1, 500, 'ms'];
      if (value < min || value > max) return void skipped.push({ where, message: `This ${what} of ${value} ${unit} is outside ${min}-${max} ${unit}.` });
      const values = days.get(day) ?? { hrSum: 0, hrCount: 0, hrvSum: 0, hrvCount: 0 };
      if (type === RESTING_HR) {
        values.hrSum += value;
        values.hrCount += 1;
      } else {
        values.hrvSum += value;
        values.hrvCount += 1;
      }
      days.set(day, values);
    },
  });
  if (!scan.ok) return fail('apple_health', 'file', scan.message);

  const metrics: ParsedMetric[] = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, v]) => ({
      date,
      resting_hr: v.hrCount > 0 ? Math.round(v.hrSum / v.hrCount) : null,
      hrv_ms: v.hrvCount > 0 ? Math.round((v.hrvSum / v.hrvCount) * 10) / 10 : null,
    }));
  return fileResult('apple_health', activities, metrics, skipped, `${LABEL} holds no workouts and no resting heart rate or heart-rate variability records.`);
}
