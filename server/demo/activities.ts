/**
 * Sixteen weeks of training for the demo organization, so profiles, trends and attention signals
 * are alive on first start. Pure and deterministic (a seeded PRNG, dates relative to the seed's
 * today); demo/seed.ts writes the result and evaluates the signals once.
 *
 * - Athletes with a running plan follow it (a few sessions skipped before the last week); before
 *   the plan, and athletes without one, run a steady routine for their level (3 to 5 runs a week,
 *   paces by level). About half record heart rate; some give a session RPE instead.
 * - Some have a goal race and target pace, Strava or Garmin connected (one Garmin in error), and a
 *   few an Apple Health series of resting heart rate and HRV.
 * - Built to fire each rule (DEMO_SIGNAL_CAST, by index into the active athletes): a load spike
 *   (urgent), a distance jump, absence of 9 and 17 days, missed sessions against a half-marathon
 *   plan, a rising load on @injury-watch, resting heart rate and HRV drift. Other @injury-watch
 *   athletes ease off in the last week so the label alone does not raise a signal.
 */
import { activityId, dailyMetricId, type Activity, type ActivitySource, type DailyMetric } from '../../shared/domain/activity';
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { Athlete, GoalRace, Integration } from '../../shared/domain/athlete';
import { WORKOUT_KIND_LABELS, type TrainingPlan, type WorkoutKind } from '../../shared/domain/plan';
import { addDays, dayOfWeek, type IsoDate } from '../../shared/schedule/dates';
import { scheduledSessions } from '../../shared/schedule/plan-schedule';
import { NOT_RUNNING_KINDS } from '../../shared/training';

export const DEMO_SIGNAL_CAST = {
  load_spike: 15,
  distance_jump: 16,
  absence_watch: 17,
  absence_urgent: 18,
  injury_watch_load: 19,
  resting_hr_drift: 20,
  hrv_drift: 21,
  /** Has a half-marathon plan running (demo/plans.ts DEMO_ASSIGNMENTS). */
  missed_sessions: 3,
} as const;
const WELLNESS = [DEMO_SIGNAL_CAST.resting_hr_drift, DEMO_SIGNAL_CAST.hrv_drift, 0, 2, 7, 22];

type Level = { runs: readonly number[]; easyKm: number; longKm: number; pace: number };
const LEVELS: Record<string, Level> = {
  beginner: { runs: [2, 4, 7], easyKm: 4.5, longKm: 7, pace: 420 },
  intermediate: { runs: [2, 4, 6, 7], easyKm: 7, longKm: 13, pace: 345 },
  advanced: { runs: [1, 2, 4, 6, 7], easyKm: 10, longKm: 20, pace: 295 },
  elite: { runs: [1, 2, 3, 5, 6, 7], easyKm: 12, longKm: 24, pace: 255 },
};
const HR_BY_KIND: Partial<Record<WorkoutKind, number>> = { easy: 142, long_run: 148, recovery: 134, tempo: 161, intervals: 166, fartlek: 155, hills: 160, race: 172 };
const RPE_BY_KIND: Partial<Record<WorkoutKind, number>> = { easy: 3, long_run: 5, recovery: 2, tempo: 7, intervals: 8, fartlek: 6, hills: 7, race: 9 };
const SPEED_BY_KIND: Partial<Record<WorkoutKind, number>> = { tempo: 0.87, intervals: 0.85, race: 0.82, recovery: 1.08, long_run: 1.03, fartlek: 0.93, hills: 0.97 };
const GOALS: Record<string, Omit<GoalRace, 'date'> & { weeksAhead: number }> = {
  'Marathon base': { name: 'Manchester Marathon', distance_m: 42_195, goal_time_s: 3 * 3600 + 25 * 60, weeksAhead: 11 },
  'Half marathon': { name: 'Great North Run', distance_m: 21_097, goal_time_s: 95 * 60, weeksAhead: 9 },
  '10K builder': { name: 'Club 10K championship', distance_m: 10_000, goal_time_s: 46 * 60, weeksAhead: 8 },
  'Couch to 5K': { name: 'First parkrun', distance_m: 5000, goal_time_s: null, weeksAhead: 7 },
};

export type DemoTraining = { athletes: Athlete[]; activities: Activity[]; metrics: DailyMetric[] };
type Day = { date: IsoDate; kind: WorkoutKind; km: number | null; minutes: number | null; pace: number };

const round = (x: number) => Math.round(x);

/** The plan sessions each athlete has, by date (one running session per day; the longer one wins on overlaps). */
function planDays(assignments: readonly PlanAssignment[], plans: ReadonlyMap<string, TrainingPlan>, athleteId: string, today: IsoDate): Map<IsoDate, Day> {
  const out = new Map<IsoDate, Day>();
  for (const a of assignments.filter((x) => x.athlete_id === athleteId)) {
    const plan = plans.get(a.training_plan_id);
    if (!plan || plan.archived) continue;
    for (const s of scheduledSessions(a, plan)) {
      if (s.date >= today || NOT_RUNNING_KINDS.includes(s.session.kind)) continue;
      const day: Day = { date: s.date, kind: s.session.kind, km: s.session.distance_m === null ? null : s.session.distance_m / 1000, minutes: s.session.duration_s === null ? null : s.session.duration_s / 60, pace: s.session.target_pace_s_per_km ?? 0 };
      const prev = out.get(s.date);
      if (!prev || (day.km ?? 0) > (prev.km ?? 0)) out.set(s.date, day);
    }
  }
  return out;
}

function integrations(i: number, now: string, wellness: boolean): Integration[] {
  const hoursAgo = (h: number) => new Date(Date.parse(now) - h * 3_600_000).toISOString();
  const out: Integration[] = [];
  if (i % 3 === 0) out.push({ provider: 'strava', state: 'connected', last_sync_at: hoursAgo(2 + (i % 5)), detail: null, updated_at: now });
  if (i % 4 === 1) {
    const broken = i === 9;
    out.push({ provider: 'garmin', state: broken ? 'error' : 'connected', last_sync_at: hoursAgo(broken ? 24 * 6 : 1 + (i % 3)), detail: broken ? 'Authorization expired: the athlete must reconnect Garmin Connect.' : null, updated_at: now });
  }
  if (wellness) out.push({ provider: 'apple_health', state: 'connected', last_sync_at: hoursAgo(8), detail: null, updated_at: now });
  return out;
}

export function demoTraining(
  active: readonly Athlete[],
  assignments: readonly PlanAssignment[],
  plans: ReadonlyMap<string, TrainingPlan>,
  today: IsoDate,
  now: string,
  rand: () => number,
): DemoTraining {
  const athletes: Athlete[] = [];
  const activities: Activity[] = [];
  const metrics: DailyMetric[] = [];
  const first = addDays(today, -16 * 7);
  const cast = DEMO_SIGNAL_CAST;

  active.forEach((base, i) => {
    const level = LEVELS[base.member_level ?? 'intermediate'] ?? (LEVELS.intermediate as Level);
    const labels = i === cast.injury_watch_load && !base.labels.includes('@injury-watch') ? [...base.labels, '@injury-watch'] : base.labels;
    const wellness = WELLNESS.includes(i);
    const hasHr = i % 2 === 0;
    const sources: ActivitySource[] = [...(i % 3 === 0 ? ['strava' as const] : []), ...(i % 4 === 1 ? ['garmin' as const] : []), ...(i % 5 === 2 ? ['fit' as const, 'gpx' as const] : ['api' as const])];
    const mine = planDays(assignments, plans, base.id, today);
    const planName = assignments.filter((a) => a.athlete_id === base.id).map((a) => plans.get(a.training_plan_id)).find((p) => p && !p.archived && GOALS[p.name])?.name;
    const goal = planName ? GOALS[planName] : i % 6 === 1 ? GOALS['Half marathon'] : undefined;
    const athlete: Athlete = {
      ...base,
      labels,
      goal_race: goal ? { name: goal.name, date: addDays(today, goal.weeksAhead * 7 - dayOfWeek(today) + 7), distance_m: goal.distance_m, goal_time_s: goal.goal_time_s } : null,
      target_pace_s_per_km: goal?.goal_time_s ? round(goal.goal_time_s / (goal.distance_m / 1000)) : null,
      max_hr: hasHr && i % 4 === 0 ? 186 + (i % 9) : null,
      resting_hr: hasHr && i % 4 === 0 ? 48 + (i % 7) : null,
      integrations: integrations(i, now, wellness),
    };
    athletes.push(athlete);

    // The last day each athlete ran, and how their final week differs from their routine.
    const stopAfter = i === cast.absence_watch ? addDays(today, -9) : i === cast.absence_urgent ? addDays(today, -17) : addDays(today, -1);
    const lastWeek = addDays(today, -7);
    // The rule athletes run every day (a streak), so their ratios do not depend on the seed's weekday:
    // with today not run yet, ACWR = 24f / (21 + 6f) and the distance change 6f / 7 - 1 for a last-week factor f.
    const streak = i === cast.load_spike || i === cast.distance_jump || i === cast.injury_watch_load;
    const finalFactor =
      i === cast.load_spike ? 2.6 : i === cast.distance_jump ? 1.6 : i === cast.injury_watch_load ? 1.4 : labels.includes('@injury-watch') ? 0.85 : 0.95;
    const special = Object.values(cast).includes(i as never);
    let missedKept = false;
    for (let date = first; date <= stopAfter; date = addDays(date, 1)) {
      const recent = date > lastWeek;
      let day = mine.get(date);
      if (day) {
        if (i === cast.missed_sessions && recent) {
          if (missedKept) continue;
          missedKept = true;
        } else if (!recent && rand() < 0.08) continue;
      } else {
        if (mine.size > 0 && [...mine.keys()].some((d) => d <= date && addDays(d, 7) > date)) continue; // inside a plan: rest days are rest
        const dow = dayOfWeek(date);
        if (!streak && !level.runs.includes(dow)) continue;
        const long = dow === 7 && !streak;
        day = { date, kind: long ? 'long_run' : 'easy', km: streak ? level.easyKm * 0.7 : long ? level.longKm : level.easyKm, minutes: null, pace: 0 };
      }
      const weekFactor = special ? 1 : 0.96 + 0.04 * Math.sin(Number(date.slice(8, 10)) + i);
      const factor = (recent ? finalFactor : 1) * weekFactor;
      const pace = round((day.pace || level.pace * (SPEED_BY_KIND[day.kind] ?? 1)) * (0.97 + rand() * 0.06));
      const km = (day.km ?? (day.minutes ?? 30) * 60 / pace) * factor;
      const duration = round(km * pace);
      const hr = HR_BY_KIND[day.kind] ?? 145;
      const start = `${date}T${String(6 + (i % 4)).padStart(2, '0')}:${String(10 + ((i * 7) % 40)).padStart(2, '0')}:00.000Z`;
      activities.push({
        id: activityId(base.id, start),
        athlete_id: base.id,
        source: sources[Math.floor(rand() * sources.length)] ?? 'api',
        sport: labels.includes('@trail') && day.kind === 'long_run' ? 'trail_run' : 'run',
        name: `${WORKOUT_KIND_LABELS[day.kind]}${day.kind === 'easy' ? ' run' : ''}`,
        start_time: start,
        duration_s: Math.max(60, duration),
        distance_m: round(km * 1000),
        elevation_gain_m: round(km * (labels.includes('@trail') ? 35 : 6)),
        avg_hr: hasHr ? hr + Math.floor(rand() * 6) : null,
        max_hr: hasHr ? hr + 14 + Math.floor(rand() * 8) : null,
        rpe: !hasHr && i % 3 === 0 ? (RPE_BY_KIND[day.kind] ?? 4) : null,
        local_date: date,
        created_at: now,
        updated_at: now,
      });
    }

    if (wellness) {
      const restBase = 46 + (i % 8);
      const hrvBase = 58 + (i % 10);
      for (let d = 35; d >= 1; d--) {
        const date = addDays(today, -d);
        const latest = d === 1;
        const resting_hr = latest && i === cast.resting_hr_drift ? restBase + 9 : restBase + Math.round((rand() - 0.5) * 3);
        const hrv_ms = latest && i === cast.hrv_drift ? hrvBase - 24 : hrvBase + Math.round((rand() - 0.5) * 8);
        metrics.push({ id: dailyMetricId(base.id, date), athlete_id: base.id, date, resting_hr, hrv_ms, source: 'apple_health', created_at: now, updated_at: now });
      }
    }
  });
  return { athletes, activities, metrics };
}
