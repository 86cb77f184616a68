/**
 * Training load: one number per activity and per day, and the figures coaches derive from it
 * (fitness, fatigue and form, acute:chronic workload ratio, monotony and strain, plan compliance).
 * The one implementation for the server (signals, profile API) and the app (profile page, signals
 * computed offline), so both always show the same numbers. Each formula names its source.
 *
 * Unit: every load is in Banister TRIMP units ("TRIMP"). Activities without heart rate get a
 * TRIMP-equivalent (see `estimatedLoad`), so a day with a chest strap and a day without add up.
 * Days are `activity.local_date` (the organization's calendar). Activities dated after `today`
 * are ignored by the windowed figures.
 */
import type { Activity, ActivitySummary } from '../domain/activity';
import { RUNNING_SPORTS } from '../domain/activity';
import type { Athlete } from '../domain/athlete';
import { addDays, type IsoDate } from '../schedule/dates';

/** Used when the athlete has no maximum heart rate recorded (a common adult default, 220 - age for age 30). */
export const DEFAULT_MAX_HR = 190;
/** Used when the athlete has no resting heart rate recorded (the middle of the adult range). */
export const DEFAULT_RESTING_HR = 60;

export type HeartRateBounds = { max: number; resting: number };
export type Sex = 'male' | 'female';
export type LoadMethod = 'trimp' | 'session_rpe' | 'estimate';
/** What the load maths reads of an athlete; the target pace, when given, sharpens the no-heart-rate estimate. */
export type LoadAthlete = Pick<Athlete, 'max_hr' | 'resting_hr'> & { target_pace_s_per_km?: number | null };
export type DailyLoad = { date: IsoDate; load: number };

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The athlete's heart-rate bounds, the defaults where missing or where max is not above resting. */
export function heartRateBounds(athlete: Pick<Athlete, 'max_hr' | 'resting_hr'>): HeartRateBounds {
  const max = athlete.max_hr ?? DEFAULT_MAX_HR;
  const resting = athlete.resting_hr ?? DEFAULT_RESTING_HR;
  return max > resting ? { max, resting } : { max: DEFAULT_MAX_HR, resting: DEFAULT_RESTING_HR };
}

/**
 * Banister's training impulse per minute at a heart-rate-reserve fraction x (0..1):
 * x × 0.64 × e^(1.92 x) (men, and unknown sex), x × 0.86 × e^(1.67 x) (women).
 */
function trimpPerMinute(x: number, sex?: Sex | null): number {
  return sex === 'female' ? x * 0.86 * Math.exp(1.67 * x) : x * 0.64 * Math.exp(1.92 * x);
}

/**
 * Banister TRIMP (Banister 1991, "Modeling elite athletic performance"; Morton, Fitz-Clarke &
 * Banister 1990, J Appl Physiol 69:1171):
 *   TRIMP = minutes × ΔHRratio × 0.64 × e^(1.92 × ΔHRratio)   (male or unknown)
 *   TRIMP = minutes × ΔHRratio × 0.86 × e^(1.67 × ΔHRratio)   (female)
 *   ΔHRratio = (avg HR - resting HR) / (max HR - resting HR), clamped to [0, 1].
 * Bounds with max <= resting give 0 (no reserve to measure against).
 */
export function trimp(a: { duration_s: number; avg_hr: number }, hr: HeartRateBounds, sex?: Sex | null): number {
  if (hr.max <= hr.resting || a.duration_s <= 0) return 0;
  const x = clamp01((a.avg_hr - hr.resting) / (hr.max - hr.resting));
  return (a.duration_s / 60) * trimpPerMinute(x, sex);
}

/**
 * Session RPE to heart-rate-reserve fraction: x = 0.25 + 0.075 × RPE (RPE 1 -> 0.325, 4 -> 0.55,
 * 7 -> 0.775, 10 -> 1.0). A straight line through the ACSM intensity table (Garber et al. 2011,
 * MSSE 43:1334): light 30-39% HRR ~ CR-10 1-2, moderate 40-59% ~ 3-4, vigorous 60-89% ~ 5-8,
 * near-maximal >= 90% ~ 9-10.
 */
export const rpeToHrReserve = (rpe: number): number => clamp01(0.25 + 0.075 * rpe);

/** HR-reserve fraction at the athlete's target pace: about marathon-to-half-marathon effort. */
export const TARGET_PACE_HR_RESERVE = 0.8;

/**
 * HR-reserve fraction of a sport when neither heart rate, RPE nor a pace can tell: most running is
 * easy (Seiler 2010, the ~80/20 intensity split of endurance athletes), so a run sits in the
 * easy-to-moderate band; trails a little above, walking at the light end.
 */
export const SPORT_HR_RESERVE: Record<ActivitySummary['sport'], number> = {
  run: 0.65,
  trail_run: 0.7,
  walk: 0.35,
  ride: 0.55,
  swim: 0.6,
  strength: 0.5,
  other: 0.5,
};

type EstimateInput = Pick<ActivitySummary, 'sport' | 'duration_s' | 'distance_m' | 'rpe'>;

/**
 * The heart-rate-reserve fraction standing in for heart rate, and how it was found:
 * 1. session RPE present (method `session_rpe`): x = rpeToHrReserve(RPE). Foster's session RPE
 *    (Foster et al. 2001, J Strength Cond Res 15:109) is RPE × minutes in arbitrary units, linear
 *    in intensity and about 4-6 times a TRIMP for the same run; added raw to TRIMP days it would
 *    make CTL jump whenever a watch is left at home. So the RPE is read as the HR reserve the ACSM
 *    table pairs it with, and Banister's formula runs on that: same units, same exponential weight.
 * 2. a run or trail run with a distance and the athlete's target pace (method `estimate`): heart
 *    rate rises about linearly with running speed (Åstrand & Rodahl, Textbook of Work Physiology),
 *    so x = 0.8 × target pace / actual pace (at target pace 0.8; 25% slower 0.64), clamped to [0,1].
 * 3. otherwise (method `estimate`): the sport's typical fraction, SPORT_HR_RESERVE.
 */
export function estimatedIntensity(a: EstimateInput, targetPaceSPerKm?: number | null): { hrReserve: number; method: 'session_rpe' | 'estimate' } {
  if (a.rpe !== null) return { hrReserve: rpeToHrReserve(a.rpe), method: 'session_rpe' };
  const running = RUNNING_SPORTS.includes(a.sport);
  if (running && targetPaceSPerKm != null && targetPaceSPerKm > 0 && a.distance_m !== null && a.distance_m > 0) {
    const pace = a.duration_s / (a.distance_m / 1000);
    return { hrReserve: clamp01((TARGET_PACE_HR_RESERVE * targetPaceSPerKm) / pace), method: 'estimate' };
  }
  return { hrReserve: SPORT_HR_RESERVE[a.sport], method: 'estimate' };
}

/**
 * The TRIMP-equivalent load of an activity without heart rate: minutes × x × 0.64 × e^(1.92 x)
 * with x from `estimatedIntensity` (male coefficients: the athlete record holds no sex).
 * Example: 60 minutes at RPE 4 -> x = 0.55 -> 60 × 0.55 × 0.64 × e^1.056 = 21.12 × 2.8748 = 60.7.
 */
export function estimatedLoad(a: EstimateInput, targetPaceSPerKm?: number | null): number {
  const { hrReserve } = estimatedIntensity(a, targetPaceSPerKm);
  return (a.duration_s / 60) * trimpPerMinute(hrReserve);
}

/** The load of one activity: TRIMP where there is an average heart rate, otherwise the estimate. */
export function activityLoad(
  activity: Pick<ActivitySummary, 'sport' | 'duration_s' | 'distance_m' | 'rpe' | 'avg_hr'>,
  athlete: LoadAthlete,
): { load: number; method: LoadMethod } {
  if (activity.avg_hr !== null) {
    return { load: trimp({ duration_s: activity.duration_s, avg_hr: activity.avg_hr }, heartRateBounds(athlete)), method: 'trimp' };
  }
  const { method } = estimatedIntensity(activity, athlete.target_pace_s_per_km);
  return { load: estimatedLoad(activity, athlete.target_pace_s_per_km), method };
}

/** One entry per day from `from` to `to` (inclusive): the summed load of the activities of that day, 0 on rest days. */
export function dailyLoads(activities: readonly Activity[], athlete: LoadAthlete, from: IsoDate, to: IsoDate): DailyLoad[] {
  const byDay = new Map<IsoDate, number>();
  for (const a of activities) {
    if (a.local_date < from || a.local_date > to) continue;
    byDay.set(a.local_date, (byDay.get(a.local_date) ?? 0) + activityLoad(a, athlete).load);
  }
  const out: DailyLoad[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, load: byDay.get(d) ?? 0 });
  return out;
}

export const CTL_DAYS = 42;
export const ATL_DAYS = 7;
export type FitnessFatigue = { date: IsoDate; ctl: number; atl: number; tsb: number };

/**
 * Fitness (CTL), fatigue (ATL) and form (TSB) per day: Banister's fitness-fatigue model in the
 * exponentially weighted form of Coggan's Performance Manager (Allen & Coggan, Training and Racing
 * with a Power Meter, 2010):
 *   CTL_t = CTL_{t-1} + (load_t - CTL_{t-1}) / 42
 *   ATL_t = ATL_{t-1} + (load_t - ATL_{t-1}) / 7
 *   TSB_t = CTL_t - ATL_t   (form at the end of day t, today's load included)
 * Both start at 0 the day before the first entry (so the first ~6 weeks under-read CTL: callers
 * pass ~16 weeks). A day missing between two entries counts as a rest day.
 */
export function fitnessFatigue(daily: readonly DailyLoad[]): FitnessFatigue[] {
  const sorted = [...daily].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const out: FitnessFatigue[] = [];
  let ctl = 0;
  let atl = 0;
  let prev: IsoDate | null = null;
  for (const day of sorted) {
    if (prev !== null) {
      for (let d = addDays(prev, 1); d < day.date; d = addDays(d, 1)) {
        ctl -= ctl / CTL_DAYS;
        atl -= atl / ATL_DAYS;
      }
    }
    ctl += (day.load - ctl) / CTL_DAYS;
    atl += (day.load - atl) / ATL_DAYS;
    out.push({ date: day.date, ctl, atl, tsb: ctl - atl });
    prev = day.date;
  }
  return out;
}

/** Sum of the loads dated from `from` to `to` (inclusive); days not given count 0. */
export function loadBetween(daily: readonly DailyLoad[], from: IsoDate, to: IsoDate): number {
  let sum = 0;
  for (const d of daily) if (d.date >= from && d.date <= to) sum += d.load;
  return sum;
}

/**
 * Acute:chronic workload ratio, rolling-average coupled form (Gabbett 2016, Br J Sports Med
 * 50:273; Hulin et al. 2016, Br J Sports Med 50:231):
 *   acute   = load of the 7 days ending today (today - 6 .. today)
 *   chronic = load of the 28 days ending today (today - 27 .. today) / 4   (average week)
 *   ratio   = acute / chronic, null when chronic is 0.
 */
export function acwr(daily: readonly DailyLoad[], today: IsoDate): { ratio: number | null; acute: number; chronic: number } {
  const acute = loadBetween(daily, addDays(today, -6), today);
  const chronic = loadBetween(daily, addDays(today, -27), today) / 4;
  return { ratio: chronic > 0 ? acute / chronic : null, acute, chronic };
}

/**
 * Training monotony and strain (Foster 1998, Med Sci Sports Exerc 30:1164), over the 7 days
 * ending today (missing days count 0):
 *   mean = weekly load / 7;  sd = population standard deviation of the 7 daily loads
 *   monotony = mean / sd (null when sd is 0: a flat week has no defined monotony)
 *   strain = weekly load × monotony (0 when monotony is null).
 */
export function monotony(daily: readonly DailyLoad[], today: IsoDate): { monotony: number | null; strain: number; mean: number; sd: number } {
  const loads: number[] = [];
  for (let i = 6; i >= 0; i--) loads.push(loadBetween(daily, addDays(today, -i), addDays(today, -i)));
  const week = loads.reduce((s, x) => s + x, 0);
  const mean = week / 7;
  const sd = Math.sqrt(loads.reduce((s, x) => s + (x - mean) ** 2, 0) / 7);
  // A floating-point residue (1e-15) on a flat week is not variation.
  const m = sd > 1e-9 ? mean / sd : null;
  return { monotony: m, strain: m === null ? 0 : week * m, mean, sd: m === null ? 0 : sd };
}

export type ScheduledTarget = { date: IsoDate; distance_m: number | null; duration_s: number | null };
export type ComplianceBy = 'duration' | 'distance';
/** A scheduled session counts done when the day's running reaches this share of its plan. */
export const COMPLETION_SHARE = 0.5;

/**
 * Plan compliance from `from` to `to` (inclusive): a scheduled session counts completed when the
 * running activities (RUNNING_SPORTS) of its date, summed (a run split in two by a watch pause
 * counts whole), reach >= 50% of its planned duration (by 'duration', the default) or distance
 * (by 'distance'). A session without the chosen measure is judged on the other one; a session
 * with neither (a rest day) is not counted. ratio = completed / scheduled, null when nothing was
 * scheduled. Callers pass running sessions (not rest or cross-training days).
 */
export function compliance(
  scheduled: readonly ScheduledTarget[],
  activities: readonly Pick<Activity, 'local_date' | 'sport' | 'duration_s' | 'distance_m'>[],
  from: IsoDate,
  to: IsoDate,
  by: ComplianceBy = 'duration',
): { scheduled: number; completed: number; ratio: number | null; by: ComplianceBy } {
  const ran = new Map<IsoDate, { duration: number; distance: number }>();
  for (const a of activities) {
    if (!RUNNING_SPORTS.includes(a.sport) || a.local_date < from || a.local_date > to) continue;
    const day = ran.get(a.local_date) ?? { duration: 0, distance: 0 };
    day.duration += a.duration_s;
    day.distance += a.distance_m ?? 0;
    ran.set(a.local_date, day);
  }
  let count = 0;
  let completed = 0;
  for (const s of scheduled) {
    if (s.date < from || s.date > to || (s.duration_s === null && s.distance_m === null)) continue;
    count += 1;
    const day = ran.get(s.date);
    if (!day) continue;
    const useDuration = by === 'duration' ? s.duration_s !== null : s.distance_m === null;
    const done = useDuration ? day.duration >= COMPLETION_SHARE * (s.duration_s ?? 0) : day.distance >= COMPLETION_SHARE * (s.distance_m ?? 0);
    if (done) completed += 1;
  }
  return { scheduled: count, completed, ratio: count > 0 ? completed / count : null, by };
}
