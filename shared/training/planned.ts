/**
 * From a plan's scheduled sessions to what compliance compares: the running sessions only. A rest
 * day or a cross-training session is never "missed" by not running, so neither counts.
 */
import type { WorkoutKind } from '../domain/plan';
import type { ScheduledSession } from '../schedule/plan-schedule';
import type { ScheduledTarget } from './load';

/** Workout kinds that are not a run. */
export const NOT_RUNNING_KINDS: readonly WorkoutKind[] = ['rest', 'cross_training'];

/** The running sessions among `sessions` (of one or several assignments), as compliance targets, in date order. */
export function plannedRunTargets(sessions: readonly ScheduledSession[]): ScheduledTarget[] {
  return sessions
    .filter((s) => !NOT_RUNNING_KINDS.includes(s.session.kind) && (s.session.distance_m !== null || s.session.duration_s !== null))
    .map((s) => ({ date: s.date, distance_m: s.session.distance_m, duration_s: s.session.duration_s }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
