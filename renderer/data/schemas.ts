/**
 * RxDB JSON schemas of the replicated collections. They mirror the zod schemas of shared/domain;
 * zod stays the source of truth for what a valid edit is (see athletes.ts), these only describe the
 * stored shape. No indexes: the roster is filtered in memory (DESIGN.md: an IndexedDB query per
 * keystroke is too slow), and Dexie would require every indexed field to be `required` anyway.
 */
import type { RxJsonSchema } from 'rxdb';
import { ATHLETE_STATUSES, MAX_LABELS, type Athlete } from '../../shared/domain/athlete';
import { CoachRole, type CoachMembership } from '../../shared/domain/organization';
import type { Group } from '../../shared/domain/group';
import type { PlanAssignment } from '../../shared/domain/assignment';
import { MAX_PLAN_WEEKS, PLAN_LEVELS, WORKOUT_KINDS, type TrainingPlan } from '../../shared/domain/plan';
import type { SyncCollection } from '../../shared/sync/protocol';

const id = { type: 'string', maxLength: 36 } as const;
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
const timestamp = { type: 'string', maxLength: 40 } as const;
const idList = (maxItems: number) => ({ type: 'array', maxItems, items: { type: 'string', maxLength: 36 } }) as const;

export const athleteSchema: RxJsonSchema<Athlete> = {
  title: 'athletes',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    user_id: id,
    first_name: text(80),
    last_name: text(80),
    email: text(254),
    display_name: nullableText(80),
    member_level: nullableText(40),
    labels: { type: 'array', maxItems: MAX_LABELS, items: { type: 'string', maxLength: 41 } },
    private_notes: text(5000),
    status: { type: 'string', enum: [...ATHLETE_STATUSES] },
    coach_ids: idList(50),
    group_ids: idList(100),
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: [
    'id', 'user_id', 'first_name', 'last_name', 'email', 'display_name', 'member_level', 'labels',
    'private_notes', 'status', 'coach_ids', 'group_ids', 'created_at', 'updated_at',
  ],
  additionalProperties: false,
};

export const coachSchema: RxJsonSchema<CoachMembership> = {
  title: 'coaches',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    user_id: id,
    first_name: text(80),
    last_name: text(80),
    email: text(254),
    role: { type: 'string', enum: [...CoachRole.options] },
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: ['id', 'user_id', 'first_name', 'last_name', 'email', 'role', 'created_at', 'updated_at'],
  additionalProperties: false,
};

export const groupSchema: RxJsonSchema<Group> = {
  title: 'groups',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id, name: text(80), created_at: timestamp, updated_at: timestamp },
  required: ['id', 'name', 'created_at', 'updated_at'],
  additionalProperties: false,
};

const nullableInt = { type: ['integer', 'null'] } as const;
const isoDate = { type: 'string', maxLength: 10 } as const;

export const trainingPlanSchema: RxJsonSchema<TrainingPlan> = {
  title: 'training_plans',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    name: text(120),
    description: text(5000),
    level: { type: 'string', enum: [...PLAN_LEVELS] },
    weeks: { type: 'integer', minimum: 1, maximum: MAX_PLAN_WEEKS },
    sessions: {
      type: 'array',
      maxItems: MAX_PLAN_WEEKS * 7,
      items: {
        type: 'object',
        properties: {
          week: { type: 'integer', minimum: 1, maximum: MAX_PLAN_WEEKS },
          day: { type: 'integer', minimum: 1, maximum: 7 },
          kind: { type: 'string', enum: [...WORKOUT_KINDS] },
          distance_m: nullableInt,
          duration_s: nullableInt,
          target_pace_s_per_km: nullableInt,
          effort_rpe: nullableInt,
          note: text(300),
        },
        required: ['week', 'day', 'kind', 'distance_m', 'duration_s', 'target_pace_s_per_km', 'effort_rpe', 'note'],
        additionalProperties: false,
      },
    },
    archived: { type: 'boolean' },
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: ['id', 'name', 'description', 'level', 'weeks', 'sessions', 'archived', 'created_at', 'updated_at'],
  additionalProperties: false,
};

export const planAssignmentSchema: RxJsonSchema<PlanAssignment> = {
  title: 'plan_assignments',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    athlete_id: id,
    training_plan_id: id,
    start_date: isoDate,
    ended_on: { type: ['string', 'null'], maxLength: 10 },
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: ['id', 'athlete_id', 'training_plan_id', 'start_date', 'ended_on', 'created_at', 'updated_at'],
  additionalProperties: false,
};

/** The top-level fields of each collection: pulled documents are trimmed to these (plus `_deleted`). */
export const SCHEMA_FIELDS = {
  athletes: Object.keys(athleteSchema.properties),
  coaches: Object.keys(coachSchema.properties),
  groups: Object.keys(groupSchema.properties),
  training_plans: Object.keys(trainingPlanSchema.properties),
  plan_assignments: Object.keys(planAssignmentSchema.properties),
} as const satisfies Record<SyncCollection, string[]>;
