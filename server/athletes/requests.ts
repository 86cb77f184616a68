/**
 * Request schemas of the athlete routes beyond the shared AthletePatch: list query, coach
 * assignment and bulk actions. They are the validation and the OpenAPI description at once.
 */
import { z } from '@hono/zod-openapi';
import { AthleteStatus, Label, normalizeLabel } from '../../shared/domain/athlete';
import { CONTROL_CHARS, Id, LONE_SURROGATE, LONE_SURROGATE_MESSAGE, lineText } from '../../shared/domain/common';

export const MAX_BULK_ATHLETES = 500;

// PostgreSQL text cannot hold NUL or a lone surrogate, and no query value needs control characters.
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !CONTROL_CHARS.test(v) && !/[\t\r\n]/.test(v), 'must not contain control characters')
    .refine((v) => !LONE_SURROGATE.test(v), LONE_SURROGATE_MESSAGE);

const isUuid = (v: string) => Id.safeParse(v).success;

export const ListQuery = z.strictObject({
  status: AthleteStatus.optional().meta({ description: 'Only athletes with this status' }),
  member_level: text(40).optional().openapi({ description: 'Only this member level (case-insensitive)' }),
  label: text(41).optional().openapi({ description: 'Only athletes carrying this label, e.g. @marathon' }),
  q: text(200).optional().openapi({ description: 'Search in first, last and display name and email (case-insensitive)' }),
  coach_id: z
    .string()
    .max(100)
    .refine((v) => v === 'me' || v === 'none' || isUuid(v), 'must be a coach id, "me" or "none"')
    .optional()
    .openapi({ description: 'Only athletes assigned to this coach (a coach id from GET .../coaches), to the caller (`me`), or to no coach (`none`)' }),
  group_id: z.string().max(100).refine(isUuid, 'must be a group id').optional().openapi({ description: 'Only athletes in this group' }),
  include_profile_status: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: '`true` adds `profile_status` to each athlete (and only then)' }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: '1..200, default 50' }),
  cursor: z.string().max(2000).optional().openapi({ description: 'The next_cursor of the previous page' }),
});

/** A set of coach membership ids; repeats are dropped. */
const CoachIds = z
  .array(Id)
  .max(50, 'at most 50 coaches')
  .transform((ids) => [...new Set(ids)]);

export const AthleteCoachesBody = z.strictObject({ coach_ids: CoachIds }).meta({ id: 'AthleteCoaches' });

const AthleteIds = z
  .array(Id)
  .min(1, 'name at least one athlete')
  .max(MAX_BULK_ATHLETES, `at most ${MAX_BULK_ATHLETES} athletes at once`)
  .refine((ids) => new Set(ids).size === ids.length, 'athlete ids must not repeat');

/** A typed label: normalised like everywhere else ("Injury Watch" becomes @injury-watch). */
const LabelInput = z.string().max(60, 'must be at most 60 characters').transform(normalizeLabel).pipe(Label);

const nullableLevel = lineText(40)
  .nullable()
  .transform((v) => (v === '' ? null : v));

export const BulkRequest = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('add_label'), athlete_ids: AthleteIds, label: LabelInput }),
    z.strictObject({ action: z.literal('remove_label'), athlete_ids: AthleteIds, label: LabelInput }),
    z.strictObject({ action: z.literal('set_status'), athlete_ids: AthleteIds, status: AthleteStatus }),
    z.strictObject({ action: z.literal('set_member_level'), athlete_ids: AthleteIds, member_level: nullableLevel }),
    z.strictObject({ action: z.literal('set_coaches'), athlete_ids: AthleteIds, coach_ids: CoachIds }),
    z.strictObject({ action: z.literal('add_coach'), athlete_ids: AthleteIds, coach_id: Id }),
    z.strictObject({ action: z.literal('remove_coach'), athlete_ids: AthleteIds, coach_id: Id }),
  ])
  .meta({
    id: 'BulkAthleteAction',
    description:
      'One action for up to 500 athletes: add_label / remove_label {label}, set_status {status}, set_member_level {member_level}, ' +
      'and, head coach only, set_coaches {coach_ids}, add_coach / remove_coach {coach_id}. ' +
      'Assigning a plan to many athletes is POST .../plan-assignments/bulk.',
  });
export type BulkRequest = z.infer<typeof BulkRequest>;

export const BULK_OUTCOMES = ['updated', 'unchanged', 'refused'] as const;
export const BulkResult = z
  .object({
    results: z.array(
      z.object({
        athlete_id: z.string(),
        outcome: z.enum(BULK_OUTCOMES),
        error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).optional(),
      }),
    ),
    updated: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
  })
  .meta({ id: 'BulkAthleteResult' });
export type BulkResult = z.infer<typeof BulkResult>;
