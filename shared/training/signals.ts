/**
 * Attention signals: which rules fire for an athlete today, with the figures that fired them and a
 * severity. Pure: the server (server/signals) turns findings into AttentionSignal documents and
 * their life cycle; the app runs the same function offline. Rules in words: SIGNAL_RULE_LABELS.
 *
 * Choices this module makes (thresholds compare the rounded figure the coach reads, so a signal
 * never fires on a number shown as below its threshold):
 * - load_spike: ACWR (load.ts `acwr`, rounded to 2 decimals) >= 1.5 urgent, >= 1.3 watch. Needs
 *   4 weeks of history (windows.ts `hasLoadHistory`).
 * - distance_jump: running distance of the last 7 days (today - 6 .. today) against the average of
 *   the four 7-day blocks before it (today - 34 .. today - 7). Rolling rather than calendar weeks so
 *   that it reacts on any day and reads the same window as the ACWR. Change (whole %) > 30 watch,
 *   > 60 urgent (twice the threshold: the weekly-increase guidance of ~10% tripled is already
 *   beyond any coach's plan). Not when the last 7 days hold under 10 km (3 -> 6 km is no risk),
 *   when the 4 weeks before hold no running, or without 4 weeks of history.
 * - absence: active athletes only; days since the last activity of any sport >= 7 watch, >= 14
 *   urgent. An athlete with no activity at all in the input gets none: nothing recorded means no
 *   data connected yet (the profile's integrations show it), not an athlete who stopped.
 * - missed_sessions: active athletes only; compliance (by duration) over today - 6 .. today, today's
 *   sessions counted once done (windows.ts `complianceToDate`), under 50% with >= 2 scheduled: watch.
 * - injury_watch_load: label @injury-watch and 7-day load above the 28-day weekly average (ACWR
 *   rounded > 1.00): watch; ACWR >= 1.3 urgent. No history needed: a coach labels an athlete to
 *   be told about any rise, a comeback included.
 * - resting_hr_drift / hrv_drift: the latest measurement, taken in the last 7 days, outside
 *   mean ± 2 SD (sample SD) of the measurements of the 28 days before it; needs >= 10 of them.
 *   Watch, either direction (the summary says above or below).
 */
import type { Activity, DailyMetric } from '../domain/activity';
import type { Athlete } from '../domain/athlete';
import type { Figure, SignalRule, SignalSeverity } from '../domain/signal';
import { addDays, daysBetween, type IsoDate } from '../schedule/dates';
import { acwr, type ScheduledTarget } from './load';
import { rollingWeekDistances } from './trend';
import { formatDay } from './units';
import { complianceToDate, hasLoadHistory, pastActivities, round, trendLoads } from './windows';

export type SignalFinding = { rule: SignalRule; severity: SignalSeverity; summary: string; figures: Figure[] };
export type SignalInput = {
  today: IsoDate;
  athlete: Pick<Athlete, 'status' | 'labels' | 'max_hr' | 'resting_hr'> & { target_pace_s_per_km?: number | null };
  activities: readonly Activity[];
  metrics: readonly DailyMetric[];
  scheduled: readonly ScheduledTarget[];
};

export const LOAD_SPIKE_WATCH = 1.3;
export const LOAD_SPIKE_URGENT = 1.5;
export const DISTANCE_JUMP_WATCH_PCT = 30;
export const DISTANCE_JUMP_URGENT_PCT = 60;
export const DISTANCE_JUMP_MIN_M = 10_000;
export const ABSENCE_WATCH_DAYS = 7;
export const ABSENCE_URGENT_DAYS = 14;
export const MISSED_MIN_SESSIONS = 2;
export const MISSED_RATIO = 0.5;
export const INJURY_WATCH_LABEL = '@injury-watch';
export const DRIFT_MIN_MEASUREMENTS = 10;
export const DRIFT_BAND_DAYS = 28;
export const DRIFT_SD = 2;
export const DRIFT_MAX_AGE_DAYS = 6;

const fig = (key: string, label: string, value: number, unit: string): Figure => ({ key, label, value, unit });
const km = (m: number): string => (m / 1000).toFixed(1);

type Ctx = { input: SignalInput; past: readonly Activity[]; history: boolean };

function loadFigures(input: SignalInput, past: readonly Activity[]): { ratio: number | null; acute: number; chronic: number; figures: Figure[] } {
  const r = acwr(trendLoads(past, input.athlete, input.today), input.today);
  const ratio = r.ratio === null ? null : round(r.ratio, 2);
  const figures = [fig('acute_load', '7-day load', round(r.acute), 'TRIMP'), fig('chronic_load', '28-day weekly average load', round(r.chronic), 'TRIMP')];
  if (ratio !== null) figures.unshift(fig('acwr', 'ACWR', ratio, 'ratio'));
  return { ratio, acute: round(r.acute), chronic: round(r.chronic), figures };
}

function loadSpike({ input, past, history }: Ctx): SignalFinding | null {
  if (!history) return null;
  const { ratio, acute, chronic, figures } = loadFigures(input, past);
  if (ratio === null || ratio < LOAD_SPIKE_WATCH) return null;
  return {
    rule: 'load_spike',
    severity: ratio >= LOAD_SPIKE_URGENT ? 'urgent' : 'watch',
    summary: `Acute:chronic workload ratio ${ratio.toFixed(2)}: 7-day load ${acute} TRIMP against an average of ${chronic} per week over 28 days.`,
    figures,
  };
}

/** Running distance of the last 7 days and the weekly average of the 4 weeks before, with the change in whole percent. */
export function distanceChange(activities: readonly Activity[], today: IsoDate): { current_m: number; base_m: number; pct: number | null } {
  const [current = 0, ...before] = rollingWeekDistances(activities, today, 5);
  const base = before.reduce((s, x) => s + x, 0) / 4;
  return { current_m: current, base_m: base, pct: base > 0 ? Math.round(((current - base) / base) * 100) : null };
}

function distanceJump({ input, past, history }: Ctx): SignalFinding | null {
  if (!history) return null;
  const { current_m, base_m, pct } = distanceChange(past, input.today);
  if (pct === null || pct <= DISTANCE_JUMP_WATCH_PCT || current_m < DISTANCE_JUMP_MIN_M) return null;
  return {
    rule: 'distance_jump',
    severity: pct > DISTANCE_JUMP_URGENT_PCT ? 'urgent' : 'watch',
    summary: `Running distance ${km(current_m)} km in the last 7 days, up ${pct}% on the ${km(base_m)} km weekly average of the 4 weeks before.`,
    figures: [
      fig('distance_7d', '7-day running distance', round(current_m / 1000, 1), 'km'),
      fig('distance_4wk_avg', 'Weekly average, 4 weeks before', round(base_m / 1000, 1), 'km'),
      fig('distance_change', 'Change', pct, '%'),
    ],
  };
}

function absence({ input, past }: Ctx): SignalFinding | null {
  if (input.athlete.status !== 'active' || past.length === 0) return null;
  const last = past.reduce((m, a) => (a.local_date > m ? a.local_date : m), past[0]!.local_date);
  const days = daysBetween(last, input.today);
  if (days < ABSENCE_WATCH_DAYS) return null;
  return {
    rule: 'absence',
    severity: days >= ABSENCE_URGENT_DAYS ? 'urgent' : 'watch',
    summary: `No activity recorded for ${days} days; the last one was on ${formatDay(last)}.`,
    figures: [fig('days_since_activity', 'Days since the last activity', days, 'days')],
  };
}

function missedSessions({ input, past }: Ctx): SignalFinding | null {
  if (input.athlete.status !== 'active') return null;
  const c = complianceToDate(input.scheduled, past, addDays(input.today, -6), input.today);
  if (c.ratio === null || c.scheduled < MISSED_MIN_SESSIONS || c.ratio >= MISSED_RATIO) return null;
  const pct = Math.round(c.ratio * 100);
  return {
    rule: 'missed_sessions',
    severity: 'watch',
    summary: `${c.completed} of ${c.scheduled} planned sessions completed in the last 7 days (${pct}%).`,
    figures: [
      fig('sessions_completed', 'Sessions completed', c.completed, 'sessions'),
      fig('sessions_scheduled', 'Sessions planned', c.scheduled, 'sessions'),
      fig('compliance', 'Compliance', pct, '%'),
    ],
  };
}

function injuryWatchLoad({ input, past }: Ctx): SignalFinding | null {
  if (!input.athlete.labels.includes(INJURY_WATCH_LABEL)) return null;
  const { ratio, acute, chronic, figures } = loadFigures(input, past);
  if (ratio === null || ratio <= 1) return null;
  return {
    rule: 'injury_watch_load',
    severity: ratio >= LOAD_SPIKE_WATCH ? 'urgent' : 'watch',
    summary: `Labelled @injury-watch, with a 7-day load of ${acute} TRIMP above the 28-day weekly average of ${chronic} (ACWR ${ratio.toFixed(2)}).`,
    figures,
  };
}

type Drift = { rule: 'resting_hr_drift' | 'hrv_drift'; field: 'resting_hr' | 'hrv_ms'; name: string; unit: string; key: string };
const DRIFTS: readonly Drift[] = [
  { rule: 'resting_hr_drift', field: 'resting_hr', name: 'Resting heart rate', unit: 'bpm', key: 'resting_hr' },
  { rule: 'hrv_drift', field: 'hrv_ms', name: 'HRV', unit: 'ms', key: 'hrv' },
];

/** Mean and sample standard deviation. */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd };
}

function drift(d: Drift, { input }: Ctx): SignalFinding | null {
  const points = input.metrics
    .filter((m) => m.date <= input.today && m[d.field] !== null)
    .map((m) => ({ date: m.date, value: m[d.field] as number }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = points.at(-1);
  if (!latest || daysBetween(latest.date, input.today) > DRIFT_MAX_AGE_DAYS) return null;
  const from = addDays(latest.date, -DRIFT_BAND_DAYS);
  const band = points.filter((p) => p.date >= from && p.date < latest.date).map((p) => p.value);
  if (band.length < DRIFT_MIN_MEASUREMENTS) return null;
  const { mean, sd } = meanSd(band);
  const low = mean - DRIFT_SD * sd;
  const high = mean + DRIFT_SD * sd;
  if (latest.value >= low && latest.value <= high) return null;
  const side = latest.value > high ? 'above' : 'below';
  const n = (x: number): string => String(round(x, 1));
  return {
    rule: d.rule,
    severity: 'watch',
    summary: `${d.name} ${n(latest.value)} ${d.unit} on ${formatDay(latest.date)}, ${side} the 4-week band of ${n(low)} to ${n(high)} ${d.unit} (mean ${n(mean)} ± 2 SD, ${band.length} measurements).`,
    figures: [
      fig(d.key, d.name, round(latest.value, 1), d.unit),
      fig(`${d.key}_mean`, '4-week mean', round(mean, 1), d.unit),
      fig(`${d.key}_low`, 'Band low (mean - 2 SD)', round(low, 1), d.unit),
      fig(`${d.key}_high`, 'Band high (mean + 2 SD)', round(high, 1), d.unit),
      fig('measurements', 'Measurements in the band', band.length, 'days'),
    ],
  };
}

/** Every rule that fires today, in SIGNAL_RULES order, at most one finding per rule. */
export function evaluateSignals(input: SignalInput): SignalFinding[] {
  const past = pastActivities(input.activities, input.today);
  const ctx: Ctx = { input, past, history: hasLoadHistory(past, input.today) };
  const found = [
    loadSpike(ctx),
    distanceJump(ctx),
    absence(ctx),
    missedSessions(ctx),
    injuryWatchLoad(ctx),
    ...DRIFTS.map((d) => drift(d, ctx)),
  ];
  return found.filter((f): f is SignalFinding => f !== null);
}
