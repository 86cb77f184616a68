/**
 * What the Plans tab shows of an athlete's assignments, computed in one pure function from the
 * assignments, the plan library and the organization's today (shared/schedule/plan-schedule.ts
 * holds the rules). A plan not on this device yet (still syncing) shows as "Unknown plan" with
 * no status or end date (its length is unknown) and is left out of the overlap check.
 */
import type { AssignmentStatus, PlanAssignment } from '../../shared/domain/assignment';
import type { TrainingPlan } from '../../shared/domain/plan';
import type { IsoDate } from '../../shared/schedule/dates';
import { assignmentStatus, lastDay, overlappingAssignments, planWeekOf, sessionsOfWeek, type ScheduledSession } from '../../shared/schedule/plan-schedule';

export type AssignmentView = PlanAssignment & {
  plan: TrainingPlan | null;
  plan_name: string;
  /** Null while the plan is not on this device yet. */
  status: AssignmentStatus | null;
  end_date: IsoDate | null;
  overlaps: boolean;
  /** The plan week that holds today while the assignment is active, else null. */
  week: number | null;
  /** The sessions it schedules in the calendar week that holds today. */
  thisWeek: ScheduledSession[];
};

export const UNKNOWN_PLAN = 'Unknown plan';

/** Views of one athlete's assignments, sorted by start date (then plan name). */
export function assignmentViews(assignments: readonly PlanAssignment[], plans: ReadonlyMap<string, TrainingPlan>, today: IsoDate): AssignmentView[] {
  const known = assignments.flatMap((a) => {
    const weeks = plans.get(a.training_plan_id)?.weeks;
    return weeks === undefined ? [] : [{ id: a.id, start_date: a.start_date, ended_on: a.ended_on, weeks }];
  });
  const overlapping = overlappingAssignments(known);
  return assignments
    .map((a): AssignmentView => {
      const plan = plans.get(a.training_plan_id) ?? null;
      const weeks = plan?.weeks ?? null;
      const status = weeks === null ? null : assignmentStatus(a, weeks, today);
      return {
        ...a,
        plan,
        plan_name: plan?.name ?? UNKNOWN_PLAN,
        status,
        end_date: weeks === null ? null : lastDay(a, weeks),
        overlaps: overlapping.has(a.id),
        week: status === 'active' && weeks !== null ? planWeekOf(a.start_date, weeks, today) : null,
        thisWeek: plan ? sessionsOfWeek(a, plan, today) : [],
      };
    })
    .sort((x, y) => (x.start_date < y.start_date ? -1 : x.start_date > y.start_date ? 1 : x.plan_name.localeCompare(y.plan_name)));
}
