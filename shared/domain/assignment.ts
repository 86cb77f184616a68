/**
 * A training plan assigned to an athlete (replicated as collection `plan_assignments`).
 *
 * Its id is derived from (athlete, plan, start date): assigning the same plan with the same start
 * date twice, on one laptop or on two offline laptops, names the same document, so it changes
 * nothing ("already assigned") and two offline assignments converge instead of duplicating.
 * `ended_on` is the first day without the plan when a coach ended it early; removing an assignment
 * is a tombstone. Status and dates follow from the plan (shared/schedule/plan-schedule.ts).
 */
import { z } from 'zod';
import { IsoDate } from '../schedule/dates';
import { Id, Timestamp } from './common';
import { stableId } from './stable-id';

export const PlanAssignment = z.object({
  id: Id,
  athlete_id: Id,
  training_plan_id: Id,
  start_date: IsoDate,
  ended_on: IsoDate.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type PlanAssignment = z.infer<typeof PlanAssignment>;
export const PLAN_ASSIGNMENT_FIELDS = ['id', 'athlete_id', 'training_plan_id', 'start_date', 'ended_on', 'created_at', 'updated_at'] as const;
/** Fixed once created (they make the id). */
export const PLAN_ASSIGNMENT_FIXED_FIELDS = ['athlete_id', 'training_plan_id', 'start_date'] as const;

export const ASSIGNMENT_STATUSES = ['upcoming', 'active', 'completed', 'ended'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = { upcoming: 'Upcoming', active: 'Current', completed: 'Finished', ended: 'Ended early' };

/** Body of POST /athletes/{id}/plans. */
export const AssignPlanRequest = z.strictObject({ training_plan_id: Id, start_date: IsoDate });
/** Body of PATCH /athletes/{id}/plans/{assignment_id}: end the assignment (a date) or undo ending it (null). */
export const AssignmentPatch = z.strictObject({ ended_on: IsoDate.nullable() });
/** Body of POST /plan-assignments/bulk: a list of athletes or a whole group. */
export const BulkAssignRequest = z
  .strictObject({
    training_plan_id: Id,
    start_date: IsoDate,
    athlete_ids: z.array(Id).min(1, 'name at least one athlete').max(500, 'at most 500 athletes at once').optional(),
    group_id: Id.optional(),
  })
  .refine((b) => (b.athlete_ids === undefined) !== (b.group_id === undefined), { message: 'give either athlete_ids or group_id', path: ['athlete_ids'] });
export type BulkAssignRequest = z.infer<typeof BulkAssignRequest>;
export type BulkAssignOutcome = 'assigned' | 'already_assigned' | 'refused';

/** The assignment's id: a stable name derived from its athlete, plan and start date. */
export function assignmentId(athleteId: string, planId: string, startDate: string): string {
  return stableId(`plan-assignment|${athleteId.toLowerCase()}|${planId.toLowerCase()}|${startDate}`);
}
