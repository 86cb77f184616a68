/**
 * Request and answer schemas of the plan, group and assignment routes beyond the shared domain
 * schemas: they are the validation and the OpenAPI description at once.
 */
import { z } from '@hono/zod-openapi';
import { ASSIGNMENT_STATUSES, AssignPlanRequest, AssignmentPatch, BulkAssignRequest, PlanAssignment } from '../../shared/domain/assignment';
import { Group } from '../../shared/domain/group';
import { PlanContent, TrainingPlan, TrainingPlanPatch } from '../../shared/domain/plan';
import { IsoDate } from '../../shared/schedule/dates';

export const TrainingPlanDoc = TrainingPlan.meta({ id: 'TrainingPlan' });
export const PlanContentBody = PlanContent.meta({
  id: 'PlanContent',
  description: 'A plan without identity: name, description, level, weeks and sessions (week 1.., day 1 = Monday .. 7 = Sunday, one workout a day)',
});
export const TrainingPlanPatchBody = TrainingPlanPatch.meta({ id: 'TrainingPlanPatch' });
export const AssignPlanBody = AssignPlanRequest.meta({ id: 'AssignPlanRequest' });
export const AssignmentPatchBody = AssignmentPatch.meta({
  id: 'AssignmentPatch',
  description: '`ended_on`: the first day without the plan (end it early, normally today), or null to undo ending it',
});
export const BulkAssignBody = BulkAssignRequest.meta({ id: 'BulkAssignRequest', description: 'Give either `athlete_ids` (at most 500) or `group_id`' });

export const PlanListQuery = z.strictObject({
  archived: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .openapi({ description: '`true`: only archived plans; `false`: only plans that can be assigned; absent: all' }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: '1..200, default 50' }),
  cursor: z.string().max(2000).optional().openapi({ description: 'The next_cursor of the previous page' }),
});
export type PlanListQuery = z.infer<typeof PlanListQuery>;
export const PlanList = z.object({ data: z.array(TrainingPlanDoc), next_cursor: z.string().nullable() }).meta({ id: 'TrainingPlanList' });

export const GroupBody = z.strictObject({ name: Group.shape.name }).meta({ id: 'GroupName' });
export const GroupWithSize = Group.extend({ athlete_count: z.number().int().openapi({ description: 'Athletes in the group' }) }).meta({
  id: 'GroupWithSize',
});
export type GroupWithSize = z.infer<typeof GroupWithSize>;
export const DeletedGroup = z
  .object({ group_id: z.string(), removed_from_athlete_ids: z.array(z.string()).openapi({ description: 'Athletes who were in the group' }) })
  .meta({ id: 'DeletedGroup' });
export type DeletedGroup = z.infer<typeof DeletedGroup>;

export const AssignmentView = PlanAssignment.extend({
  plan_name: z.string(),
  end_date: IsoDate.meta({ description: 'The last day with the plan: the Sunday of its last week, or the day before ended_on' }),
  status: z.enum(ASSIGNMENT_STATUSES).openapi({ description: 'On the organization’s today (its time zone): upcoming, active, completed, or ended (early)' }),
  overlaps: z.boolean().openapi({ description: 'Whether it overlaps in time another assignment of the same athlete (allowed, shown)' }),
}).meta({ id: 'PlanAssignmentView' });
export type AssignmentView = z.infer<typeof AssignmentView>;
export const AssignmentList = z.object({ data: z.array(AssignmentView) }).meta({ id: 'PlanAssignmentList' });

export const BULK_OUTCOMES = ['assigned', 'already_assigned', 'refused'] as const;
export const BulkAssignResult = z
  .object({
    results: z.array(
      z.object({
        athlete_id: z.string(),
        outcome: z.enum(BULK_OUTCOMES),
        assignment: AssignmentView.optional(),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
      }),
    ),
    assigned: z.number().int(),
    already_assigned: z.number().int(),
    refused: z.number().int(),
  })
  .meta({ id: 'BulkAssignResult' });
export type BulkAssignResult = z.infer<typeof BulkAssignResult>;
