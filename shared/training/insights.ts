/**
 * Insights: short plain-language sentences built from the training figures, each with the numbers
 * behind it. Computed by these rules, deterministic, never written by a language model (the app
 * must not claim otherwise). At most MAX_INSIGHTS, in a fixed order of interest; windows shared
 * with the signals (windows.ts), so an insight and a signal never read different periods.
 */
import type { Activity } from '../domain/activity';
import { RUNNING_SPORTS } from '../domain/activity';
import type { Figure } from '../domain/signal';
import { addDays, daysBetween, mondayOf } from '../schedule/dates';
import { acwr, fitnessFatigue, monotony, type DailyLoad } from './load';
import { distanceChange, meanSd, type SignalInput } from './signals';
import { rollingWeekDistances } from './trend';
import { formatDay, formatDistance, formatDuration, METERS_PER_MILE, type DistanceUnits } from './units';
import { complianceToDate, hasLoadHistory, pastActivities, round, trendLoads, TREND_WEEKS } from './windows';

export type Insight = { key: string; text: string; figures: Figure[] };
export type InsightInput = SignalInput & { units: DistanceUnits };
export const MAX_INSIGHTS = 6;

type Ctx = { input: InsightInput; past: readonly Activity[]; loads: DailyLoad[] };
const fig = (key: string, label: string, value: number, unit: string): Figure => ({ key, label, value, unit });
const inUnits = (m: number, units: DistanceUnits): number => round(m / (units === 'mi' ? METERS_PER_MILE : 1000), 1);

function weeklyDistanceInsight({ input, past }: Ctx): Insight | null {
  const { units, today } = input;
  const blocks = rollingWeekDistances(past, today, TREND_WEEKS);
  if (blocks.every((b) => b === 0)) return null;
  const { current_m, base_m, pct } = distanceChange(past, today);
  const parts = [`Last 7 days: ${formatDistance(current_m, units, 0)}`];
  if (pct === null) parts.push('after 4 weeks without running');
  else if (pct === 0) parts.push('level with the 4-week average');
  else parts.push(`${pct > 0 ? 'up' : 'down'} ${Math.abs(pct)}% on the 4-week average`);
  const earlier = blocks.slice(1);
  const highest = current_m > 0 && earlier.some((b) => b > 0) && earlier.every((b) => b < current_m);
  const text = highest ? `${parts.join(', ')} and the highest in ${TREND_WEEKS} weeks` : parts.join(', ');
  const figures = [fig('distance_7d', 'Running distance, last 7 days', inUnits(current_m, units), units)];
  figures.push(fig('distance_4wk_avg', 'Weekly average, 4 weeks before', inUnits(base_m, units), units));
  if (pct !== null) figures.push(fig('distance_change', 'Change', pct, '%'));
  return { key: 'weekly_distance', text, figures };
}

function complianceInsight({ input, past }: Ctx): Insight | null {
  const c = complianceToDate(input.scheduled, past, mondayOf(input.today), input.today);
  if (c.ratio === null) return null;
  const pct = Math.round(c.ratio * 100);
  return {
    key: 'compliance_week',
    text: `${c.completed} of ${c.scheduled} planned session${c.scheduled === 1 ? '' : 's'} done this week (${pct}%)`,
    figures: [fig('sessions_completed', 'Sessions done', c.completed, 'sessions'), fig('sessions_scheduled', 'Sessions planned so far', c.scheduled, 'sessions'), fig('compliance', 'Compliance', pct, '%')],
  };
}

/** Form bands as TrainingPeaks reads TSB: < -30 overload, -30..-10 training, -10..5 neutral, 5..25 fresh, > 25 detraining. */
function formWords(tsb: number): string {
  if (tsb < -30) return 'fatigue is far above fitness, a heavy overload';
  if (tsb < -10) return 'fatigue is well above fitness, a hard training block';
  if (tsb <= 5) return 'fatigue and fitness are in balance';
  if (tsb <= 25) return 'fitness is above fatigue, fresh enough to race';
  return 'fatigue has fallen far below fitness, training has dropped off';
}

function formInsight({ loads }: Ctx): Insight | null {
  const last = fitnessFatigue(loads).at(-1);
  if (!last || round(last.ctl) === 0) return null;
  const tsb = round(last.tsb);
  return {
    key: 'form',
    text: `Form (TSB) ${tsb}: ${formWords(tsb)}`,
    figures: [fig('ctl', 'Fitness (CTL, 42-day)', round(last.ctl), 'TRIMP/day'), fig('atl', 'Fatigue (ATL, 7-day)', round(last.atl), 'TRIMP/day'), fig('tsb', 'Form (TSB)', tsb, 'TRIMP/day')],
  };
}

function acwrInsight({ input, past, loads }: Ctx): Insight | null {
  if (!hasLoadHistory(past, input.today)) return null;
  const r = acwr(loads, input.today);
  if (r.ratio === null) return null;
  const ratio = round(r.ratio, 2);
  const words = ratio < 0.8 ? 'below 0.8, less load than usual' : ratio < 1.3 ? 'within the 0.8 to 1.3 range' : ratio < 1.5 ? 'above 1.3, more load than usual' : 'at 1.5 or more, a load spike';
  return {
    key: 'acwr',
    text: `Acute:chronic load ratio ${ratio.toFixed(2)} (${words}): ${round(r.acute)} TRIMP in 7 days against ${round(r.chronic)} per week over 28 days`,
    figures: [fig('acwr', 'ACWR', ratio, 'ratio'), fig('acute_load', '7-day load', round(r.acute), 'TRIMP'), fig('chronic_load', '28-day weekly average load', round(r.chronic), 'TRIMP')],
  };
}

function longestRunInsight({ input, past }: Ctx): Insight | null {
  const from = addDays(input.today, -TREND_WEEKS * 7 + 1);
  let best: Activity | null = null;
  for (const a of past) {
    if (!RUNNING_SPORTS.includes(a.sport) || a.local_date < from || a.distance_m === null || a.distance_m === 0) continue;
    if (best === null || a.distance_m > (best.distance_m ?? 0) || (a.distance_m === best.distance_m && a.local_date > best.local_date)) best = a;
  }
  if (best === null || best.distance_m === null) return null;
  const ago = daysBetween(best.local_date, input.today);
  const when = ago === 0 ? 'today' : ago === 1 ? 'yesterday' : `on ${formatDay(best.local_date)}`;
  return {
    key: 'longest_run',
    text: `Longest run in ${TREND_WEEKS} weeks: ${formatDistance(best.distance_m, input.units)} in ${formatDuration(best.duration_s)}, ${when}`,
    figures: [fig('longest_run', 'Longest run', inUnits(best.distance_m, input.units), input.units), fig('longest_run_duration', 'Its duration', round(best.duration_s / 60, 1), 'min'), fig('days_ago', 'Days ago', ago, 'days')],
  };
}

function restingHrInsight({ input }: Ctx): Insight | null {
  const points = input.metrics.filter((m) => m.date <= input.today && m.resting_hr !== null).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = points.at(-1);
  if (!latest || latest.resting_hr === null || daysBetween(latest.date, input.today) > 6) return null;
  const before = points.filter((p) => p.date >= addDays(latest.date, -28) && p.date < latest.date).map((p) => p.resting_hr as number);
  if (before.length < 3) return null;
  const mean = round(meanSd(before).mean, 1);
  const diff = round(latest.resting_hr - mean, 1);
  const rel = diff === 0 ? 'the same as' : `${Math.abs(diff)} bpm ${diff > 0 ? 'above' : 'under'}`;
  return {
    key: 'resting_hr',
    text: `Resting heart rate ${latest.resting_hr} bpm on ${formatDay(latest.date)}, ${rel} its 4-week average of ${mean} bpm`,
    figures: [fig('resting_hr', 'Resting heart rate', latest.resting_hr, 'bpm'), fig('resting_hr_mean', '4-week average', mean, 'bpm')],
  };
}

function monotonyInsight({ input, loads }: Ctx): Insight | null {
  const m = monotony(loads, input.today);
  if (m.monotony === null) return null;
  const value = round(m.monotony, 1);
  // Foster 1998: monotony above 2 with a high strain went with most illnesses; under 1.5 is a well varied week.
  const words = value > 2 ? 'days are much alike, which Foster links to illness and overtraining above 2' : value > 1.5 ? 'days are fairly alike' : 'days vary between hard and easy';
  return {
    key: 'monotony',
    text: `Training monotony ${value.toFixed(1)} over 7 days: ${words} (strain ${round(m.strain)})`,
    figures: [fig('monotony', 'Monotony (mean / SD of daily load)', value, 'ratio'), fig('strain', 'Strain (weekly load × monotony)', round(m.strain), 'TRIMP')],
  };
}

const RULES = [weeklyDistanceInsight, complianceInsight, formInsight, acwrInsight, longestRunInsight, restingHrInsight, monotonyInsight];

/** The insights of today, at most MAX_INSIGHTS, in the order above. */
export function insights(input: InsightInput): Insight[] {
  const past = pastActivities(input.activities, input.today);
  const ctx: Ctx = { input, past, loads: trendLoads(past, input.athlete, input.today) };
  const out: Insight[] = [];
  for (const rule of RULES) {
    const found = rule(ctx);
    if (found) out.push(found);
    if (out.length === MAX_INSIGHTS) break;
  }
  return out;
}
