/** Figures of a plan shown in the library list. */
import type { TrainingPlan } from '../../shared/domain/plan';

/** Workouts (rest days not counted) per week on average: "4", "4.5". */
export function sessionsPerWeek(plan: Pick<TrainingPlan, 'weeks' | 'sessions'>): string {
  const workouts = plan.sessions.filter((s) => s.kind !== 'rest' && s.week <= plan.weeks).length;
  const avg = Math.round((workouts / Math.max(plan.weeks, 1)) * 10) / 10;
  return String(avg);
}

/** Total planned distance in km, rounded. */
export function totalKm(plan: Pick<TrainingPlan, 'weeks' | 'sessions'>): number {
  return Math.round(plan.sessions.reduce((sum, s) => sum + (s.week <= plan.weeks ? (s.distance_m ?? 0) : 0), 0) / 1000);
}
