/**
 * The documents of a large organization beyond its roster, for the first-sync bench: the demo's
 * plan library, plan assignments for about a third of the athletes, activities (a steady routine
 * over the last weeks, 100,000 in all), an Apple Health series for some athletes and attention
 * signals for a few percent of them. Pure and deterministic (seeded PRNG, ids derived like the
 * app derives them); seed.ts writes them. The first document of every collection is checked
 * with the shared schema, so the app's validated storage accepts what the bench seeds.
 */
import { activityId, dailyMetricId, type Activity, type DailyMetric } from '../../../../shared/domain/activity';
import { assignmentId, type PlanAssignment } from '../../../../shared/domain/assignment';
import type { Athlete } from '../../../../shared/domain/athlete';
import type { TrainingPlan } from '../../../../shared/domain/plan';
import { SIGNAL_RULES, type AttentionSignal } from '../../../../shared/domain/signal';
import { addDays, mondayOf } from '../../../../shared/schedule/dates';
import { SYNC_DOC_SCHEMAS } from '../../../../shared/sync/protocol';
import { seededRandom } from '../../../../server/demo/seed';
import { DEMO_PLANS } from '../../../../server/demo/plans';
import { stableId } from '../../../../shared/domain/stable-id';

export type OrgExtras = {
  training_plans: TrainingPlan[];
  plan_assignments: PlanAssignment[];
  activities: Activity[];
  daily_metrics: DailyMetric[];
  attention_signals: AttentionSignal[];
};

export type ExtrasShape = { activities: number; wellnessAthletes: number; wellnessDays: number; assignmentShare: number; signalShare: number };
export const LARGE_SHAPE: ExtrasShape = { activities: 100_000, wellnessAthletes: 500, wellnessDays: 28, assignmentShare: 0.3, signalShare: 0.04 };

const SOURCES = ['strava', 'garmin', 'fit', 'gpx', 'api'] as const;
const NAMES = ['Easy run', 'Long run', 'Tempo', 'Intervals', 'Recovery run', 'Hills', 'Fartlek'] as const;

export function generateExtras(athletes: readonly Athlete[], coachIds: readonly string[], today: string, now: string, shape: ExtrasShape = LARGE_SHAPE): OrgExtras {
  const rand = seededRandom(424242);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const training_plans: TrainingPlan[] = DEMO_PLANS.map((p, i) => ({ id: stableId(`bench-plan|${i}`), ...p.content, archived: p.archived, created_at: now, updated_at: now }));
  const current = training_plans.filter((p) => !p.archived);
  const monday = mondayOf(today);

  const plan_assignments: PlanAssignment[] = [];
  for (const a of athletes) {
    if (rand() >= shape.assignmentShare) continue;
    const plan = pick(current);
    const start = addDays(monday, 7 * (Math.floor(rand() * 16) - 10));
    plan_assignments.push({ id: assignmentId(a.id, plan.id, start), athlete_id: a.id, training_plan_id: plan.id, start_date: start, ended_on: null, created_at: now, updated_at: now });
  }

  // Activities: the same number per athlete (remainder to the first ones), one a day at most, going back from yesterday.
  const activities: Activity[] = [];
  const per = Math.floor(shape.activities / athletes.length);
  athletes.forEach((a, i) => {
    const count = per + (i < shape.activities - per * athletes.length ? 1 : 0);
    const pace = 260 + Math.floor(rand() * 180);
    const hr = rand() < 0.5;
    let day = 1;
    for (let k = 0; k < count; k++) {
      day += 1 + Math.floor(rand() * 3);
      const date = addDays(today, -day);
      const start = `${date}T${String(6 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00.000Z`;
      const km = 4 + rand() * 14;
      activities.push({
        id: activityId(a.id, start),
        athlete_id: a.id,
        source: pick(SOURCES),
        sport: rand() < 0.1 ? 'trail_run' : 'run',
        name: pick(NAMES),
        start_time: start,
        duration_s: Math.round(km * pace),
        distance_m: Math.round(km * 1000),
        elevation_gain_m: Math.round(km * 8),
        avg_hr: hr ? 135 + Math.floor(rand() * 30) : null,
        max_hr: hr ? 165 + Math.floor(rand() * 25) : null,
        rpe: hr ? null : 3 + Math.floor(rand() * 6),
        local_date: date,
        created_at: now,
        updated_at: now,
      });
    }
  });

  const daily_metrics: DailyMetric[] = [];
  for (const a of athletes.slice(0, shape.wellnessAthletes)) {
    const rest = 44 + Math.floor(rand() * 14);
    const hrv = 50 + Math.floor(rand() * 30);
    for (let d = shape.wellnessDays; d >= 1; d--) {
      const date = addDays(today, -d);
      daily_metrics.push({ id: dailyMetricId(a.id, date), athlete_id: a.id, date, resting_hr: rest + Math.round((rand() - 0.5) * 4), hrv_ms: hrv + Math.round((rand() - 0.5) * 10), source: 'apple_health', created_at: now, updated_at: now });
    }
  }

  const attention_signals: AttentionSignal[] = [];
  for (const a of athletes) {
    if (rand() >= shape.signalShare) continue;
    const rule = pick(SIGNAL_RULES);
    const acknowledged = rand() < 0.3;
    attention_signals.push({
      id: stableId(`bench-signal|${a.id}|${rule}`),
      athlete_id: a.id,
      rule,
      severity: rand() < 0.3 ? 'urgent' : 'watch',
      status: acknowledged ? 'acknowledged' : 'open',
      summary: `ACWR ${(1.3 + rand()).toFixed(2)}: 7-day load well above the 28-day average`,
      figures: [{ key: 'acwr', label: 'ACWR', value: Math.round((1.3 + rand()) * 100) / 100, unit: 'ratio' }],
      detected_on: addDays(today, -Math.floor(rand() * 10)),
      evaluated_on: today,
      resolved_on: null,
      snoozed_until: null,
      handled_by: acknowledged ? pick(coachIds) : null,
      handled_at: acknowledged ? now : null,
      notified_coach_ids: [],
      created_at: now,
      updated_at: now,
    });
  }

  const extras: OrgExtras = { training_plans, plan_assignments, activities, daily_metrics, attention_signals };
  for (const [collection, docs] of Object.entries(extras) as [keyof OrgExtras, unknown[]][]) {
    if (docs[0] !== undefined) SYNC_DOC_SCHEMAS[collection].parse(docs[0]);
  }
  return extras;
}
