/**
 * The weekly running distance trend of the profile chart, by calendar week (Monday to Sunday, the
 * weeks a plan is laid out in), plus rolling 7-day blocks for the signals and insights that must
 * react on any day of the week, not only on Mondays.
 */
import type { Activity } from '../domain/activity';
import { RUNNING_SPORTS } from '../domain/activity';
import { addDays, daysBetween, mondayOf, type IsoDate } from '../schedule/dates';

export type WeekDistance = { week_start: IsoDate; distance_m: number; runs: number; duration_s: number };
type RunFields = Pick<Activity, 'local_date' | 'sport' | 'distance_m' | 'duration_s'>;

const isRun = (a: RunFields): boolean => RUNNING_SPORTS.includes(a.sport);

/**
 * Running distance, number of runs and running time per calendar week, `weeks` weeks, oldest
 * first; the last entry is the week holding `today`, counted up to today (partial). Only running
 * sports (RUNNING_SPORTS); a run without distance counts as a run and its time, 0 m.
 */
export function weeklyDistance(activities: readonly RunFields[], today: IsoDate, weeks = 16): WeekDistance[] {
  const current = mondayOf(today);
  const out: WeekDistance[] = [];
  for (let i = weeks - 1; i >= 0; i--) out.push({ week_start: addDays(current, -7 * i), distance_m: 0, runs: 0, duration_s: 0 });
  const first = out[0]?.week_start;
  if (first === undefined) return out;
  for (const a of activities) {
    if (!isRun(a) || a.local_date < first || a.local_date > today) continue;
    const week = out[Math.floor(daysBetween(first, a.local_date) / 7)];
    if (!week) continue;
    week.distance_m += a.distance_m ?? 0;
    week.runs += 1;
    week.duration_s += a.duration_s;
  }
  return out;
}

/**
 * Running distance of rolling 7-day blocks ending today: entry 0 is today - 6 .. today, entry 1
 * the 7 days before, ... `blocks` entries, newest first.
 */
export function rollingWeekDistances(activities: readonly RunFields[], today: IsoDate, blocks: number): number[] {
  const out = new Array<number>(blocks).fill(0);
  const oldest = addDays(today, -7 * blocks + 1);
  for (const a of activities) {
    if (!isRun(a) || a.local_date < oldest || a.local_date > today) continue;
    const i = Math.floor(daysBetween(a.local_date, today) / 7);
    if (i < blocks) out[i] = (out[i] ?? 0) + (a.distance_m ?? 0);
  }
  return out;
}
