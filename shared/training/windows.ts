/**
 * The time windows the signals and the insights share, so a signal and the insight beside it never
 * read different periods: "the last 7 days" is today - 6 .. today, the chronic window the 28 days
 * ending today, the trend 16 weeks.
 */
import type { Activity } from '../domain/activity';
import { addDays, type IsoDate } from '../schedule/dates';
import { compliance, dailyLoads, type ComplianceBy, type DailyLoad, type LoadAthlete, type ScheduledTarget } from './load';

export const TREND_WEEKS = 16;
/** Days of history the ratio rules need (see hasLoadHistory). */
export const HISTORY_DAYS = 28;

/** Activities on or before today (a future-dated one, a wrong clock, is left out of every figure). */
export function pastActivities<A extends Pick<Activity, 'local_date'>>(activities: readonly A[], today: IsoDate): A[] {
  return activities.filter((a) => a.local_date <= today);
}

/**
 * Does the athlete have enough history for a ratio against the 4 weeks before (ACWR, distance jump)?
 * Yes when the earliest activity given is at least 28 days before today. Without it every new
 * athlete's first week would read as a spike (chronic = a partial month / 4).
 */
export function hasLoadHistory(activities: readonly Pick<Activity, 'local_date'>[], today: IsoDate): boolean {
  const limit = addDays(today, -HISTORY_DAYS);
  return activities.some((a) => a.local_date <= limit);
}

/** Daily loads of the trend window (16 weeks ending today). */
export function trendLoads(activities: readonly Activity[], athlete: LoadAthlete, today: IsoDate): DailyLoad[] {
  return dailyLoads(activities, athlete, addDays(today, -TREND_WEEKS * 7 + 1), today);
}

/**
 * Compliance from `from` to today where today's sessions count only once done: a session planned
 * for this evening is not missed at noon. The days before today count as they are.
 */
export function complianceToDate(
  scheduled: readonly ScheduledTarget[],
  activities: Parameters<typeof compliance>[1],
  from: IsoDate,
  today: IsoDate,
  by: ComplianceBy = 'duration',
): { scheduled: number; completed: number; ratio: number | null; by: ComplianceBy } {
  const before = from < today ? compliance(scheduled, activities, from, addDays(today, -1), by) : { scheduled: 0, completed: 0 };
  const done = compliance(scheduled, activities, today, today, by).completed;
  const count = before.scheduled + done;
  const completed = before.completed + done;
  return { scheduled: count, completed, ratio: count > 0 ? completed / count : null, by };
}

export const round = (x: number, places = 0): number => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};

/**
 * How far back a caller of evaluateSignals or insights must read activities and daily metrics:
 * the 16-week trend (112 days ending today) covers every window above (28-day chronic load, the
 * 35 days of the distance jump, 28 days of wellness band before a latest measurement of this week).
 */
export const INPUT_WINDOW_DAYS = TREND_WEEKS * 7;
/** The first day of that window. */
export const inputWindowStart = (today: IsoDate): IsoDate => addDays(today, -INPUT_WINDOW_DAYS + 1);
