/** Builders of activities, metrics and sessions for the training module's tests (no I/O, fixed ids). */
import type { Activity, DailyMetric } from '../domain/activity';
import { addDays, type IsoDate } from '../schedule/dates';
import type { ScheduledTarget } from './load';

const ID = '00000000-0000-4000-8000-000000000001';
const AT = '2026-01-01T00:00:00.000Z';
let serial = 0;

/** A run of `km` kilometres on `date` at 5:00 /km, no heart rate, no RPE, unless `over` says otherwise. */
export function run(date: IsoDate, km: number, over: Partial<Activity> = {}): Activity {
  serial += 1;
  const distance = Math.round(km * 1000);
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    athlete_id: ID,
    source: 'api',
    sport: 'run',
    name: 'Run',
    start_time: `${date}T07:00:00.000Z`,
    local_date: date,
    duration_s: Math.max(1, Math.round(km * 300)),
    distance_m: distance,
    elevation_gain_m: null,
    avg_hr: null,
    max_hr: null,
    rpe: null,
    created_at: AT,
    updated_at: AT,
    ...over,
  };
}

/** One day's wellness measurement. */
export function metric(date: IsoDate, over: Partial<DailyMetric>): DailyMetric {
  return { id: ID, athlete_id: ID, date, resting_hr: null, hrv_ms: null, source: 'apple_health', created_at: AT, updated_at: AT, ...over };
}

/**
 * With the default heart-rate bounds (190/60) an average of 125 bpm is exactly half the reserve, so
 * every minute weighs 0.5 × 0.64 × e^0.96 = 0.835743 TRIMP and loads compare as minutes.
 */
export const HALF_RESERVE_HR = 125;
export const HALF_RESERVE_TRIMP_PER_MIN = 0.5 * 0.64 * Math.exp(0.96);
/** An activity of `minutes` at half the heart-rate reserve. */
export const hrRun = (date: IsoDate, minutes: number, km = 0): Activity => run(date, km, { duration_s: minutes * 60, avg_hr: HALF_RESERVE_HR, distance_m: km > 0 ? Math.round(km * 1000) : null });

/** `n` consecutive days ending on `last`, oldest first. */
export function daysEnding(last: IsoDate, n: number): IsoDate[] {
  return Array.from({ length: n }, (_, i) => addDays(last, i - n + 1));
}

export const session = (date: IsoDate, duration_s: number | null, distance_m: number | null = null): ScheduledTarget => ({ date, duration_s, distance_m });
