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

/**
 * 128 bits from a non-cryptographic hash of the three parts, written as a UUID (version 8, "custom").
 * Not a secret: only a stable name. Four 32-bit lanes, each mixed with its own multiplier.
 */
export function assignmentId(athleteId: string, planId: string, startDate: string): string {
  const input = `plan-assignment|${athleteId.toLowerCase()}|${planId.toLowerCase()}|${startDate}`;
  let h1 = 0x9e3779b9, h2 = 0x243f6a88, h3 = 0xb7e15162, h4 = 0x85a308d3;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
