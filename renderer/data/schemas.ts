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
import { ACTIVITY_SOURCES, SPORTS, type Activity, type DailyMetric } from '../../shared/domain/activity';
import { EMAIL_STATUSES, INVITATION_STATUSES, INVITATION_TYPES, type Invitation } from '../../shared/domain/invitation';
import { SIGNAL_RULES, SIGNAL_SEVERITIES, SIGNAL_STATUSES, type AttentionSignal } from '../../shared/domain/signal';
import { INTEGRATION_PROVIDERS, INTEGRATION_STATES } from '../../shared/domain/athlete';

const id = { type: 'string', maxLength: 36 } as const;
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const nullableText = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
const timestamp = { type: 'string', maxLength: 40 } as const;
const idList = (maxItems: number) => ({ type: 'array', maxItems, items: { type: 'string', maxLength: 36 } }) as const;

const nullableInt = { type: ['integer', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const isoDate = { type: 'string', maxLength: 10 } as const;
const nullableDate = { type: ['string', 'null'], maxLength: 10 } as const;
const nullableTimestamp = { type: ['string', 'null'], maxLength: 40 } as const;
const nullableId = { type: ['string', 'null'], maxLength: 36 } as const;

/**
 * Version 1 (sync schema 2) added the profile fields: goal race, target pace, heart rates and
 * integrations. Version 0 documents get them empty (migrationStrategies in database.ts).
 */
export const athleteSchema: RxJsonSchema<Athlete> = {
  title: 'athletes',
  version: 1,
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
    goal_race: {
      type: ['object', 'null'],
      properties: { name: text(120), date: isoDate, distance_m: { type: 'integer' }, goal_time_s: nullableInt },
      required: ['name', 'date', 'distance_m', 'goal_time_s'],
      additionalProperties: false,
    },
    target_pace_s_per_km: nullableInt,
    max_hr: nullableInt,
    resting_hr: nullableInt,
    integrations: {
      type: 'array',
      maxItems: INTEGRATION_PROVIDERS.length,
      items: {
        type: 'object',
        properties: {
          provider: { type: 'string', enum: [...INTEGRATION_PROVIDERS] },
          state: { type: 'string', enum: [...INTEGRATION_STATES] },
          last_sync_at: nullableTimestamp,
          detail: nullableText(200),
          updated_at: timestamp,
        },
        required: ['provider', 'state', 'last_sync_at', 'detail', 'updated_at'],
        additionalProperties: false,
      },
    },
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: [
    'id', 'user_id', 'first_name', 'last_name', 'email', 'display_name', 'member_level', 'labels',
    'private_notes', 'status', 'coach_ids', 'group_ids', 'goal_race', 'target_pace_s_per_km', 'max_hr', 'resting_hr',
    'integrations', 'created_at', 'updated_at',
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

export const invitationSchema: RxJsonSchema<Invitation> = {
  title: 'invitations',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    type: { type: 'string', enum: [...INVITATION_TYPES] },
    first_name: nullableText(80),
    email: nullableText(254),
    group_id: nullableId,
    training_plan_id: nullableId,
    plan_start_date: nullableDate,
    max_uses: nullableInt,
    expires_at: nullableTimestamp,
    status: { type: 'string', enum: [...INVITATION_STATUSES] },
    uses: { type: 'integer', minimum: 0 },
    accepted_athlete_id: nullableId,
    accepted_at: nullableTimestamp,
    link_token_hash: nullableText(64),
    send_count: { type: 'integer', minimum: 0 },
    email_status: { type: 'string', enum: [...EMAIL_STATUSES] },
    email_error: nullableText(300),
    last_sent_at: nullableTimestamp,
    created_by: id,
    revoked_at: nullableTimestamp,
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: [
    'id', 'type', 'first_name', 'email', 'group_id', 'training_plan_id', 'plan_start_date', 'max_uses', 'expires_at', 'status',
    'uses', 'accepted_athlete_id', 'accepted_at', 'link_token_hash', 'send_count', 'email_status', 'email_error', 'last_sent_at',
    'created_by', 'revoked_at', 'created_at', 'updated_at',
  ],
  additionalProperties: false,
};

export const activitySchema: RxJsonSchema<Activity> = {
  title: 'activities',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    athlete_id: id,
    source: { type: 'string', enum: [...ACTIVITY_SOURCES] },
    sport: { type: 'string', enum: [...SPORTS] },
    name: text(120),
    start_time: timestamp,
    local_date: isoDate,
    duration_s: { type: 'integer', minimum: 1 },
    distance_m: nullableInt,
    elevation_gain_m: nullableInt,
    avg_hr: nullableInt,
    max_hr: nullableInt,
    rpe: nullableInt,
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: [
    'id', 'athlete_id', 'source', 'sport', 'name', 'start_time', 'local_date', 'duration_s', 'distance_m', 'elevation_gain_m',
    'avg_hr', 'max_hr', 'rpe', 'created_at', 'updated_at',
  ],
  additionalProperties: false,
};

export const dailyMetricSchema: RxJsonSchema<DailyMetric> = {
  title: 'daily_metrics',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    athlete_id: id,
    date: isoDate,
    resting_hr: nullableInt,
    hrv_ms: nullableNumber,
    source: { type: 'string', enum: [...ACTIVITY_SOURCES] },
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: ['id', 'athlete_id', 'date', 'resting_hr', 'hrv_ms', 'source', 'created_at', 'updated_at'],
  additionalProperties: false,
};

export const attentionSignalSchema: RxJsonSchema<AttentionSignal> = {
  title: 'attention_signals',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    athlete_id: id,
    rule: { type: 'string', enum: [...SIGNAL_RULES] },
    severity: { type: 'string', enum: [...SIGNAL_SEVERITIES] },
    status: { type: 'string', enum: [...SIGNAL_STATUSES] },
    summary: text(300),
    figures: {
      type: 'array',
      maxItems: 12,
      items: {
        type: 'object',
        properties: { key: text(40), label: text(80), value: { type: 'number' }, unit: text(20) },
        required: ['key', 'label', 'value', 'unit'],
        additionalProperties: false,
      },
    },
    detected_on: isoDate,
    evaluated_on: isoDate,
    resolved_on: nullableDate,
    snoozed_until: nullableDate,
    handled_by: nullableId,
    handled_at: nullableTimestamp,
    notified_coach_ids: idList(50),
    created_at: timestamp,
    updated_at: timestamp,
  },
  required: [
    'id', 'athlete_id', 'rule', 'severity', 'status', 'summary', 'figures', 'detected_on', 'evaluated_on', 'resolved_on',
    'snoozed_until', 'handled_by', 'handled_at', 'notified_coach_ids', 'created_at', 'updated_at',
  ],
  additionalProperties: false,
};

/** The top-level fields of each collection: pulled documents are trimmed to these (plus `_deleted`). */
export const SCHEMA_FIELDS = {
  athletes: Object.keys(athleteSchema.properties),
  coaches: Object.keys(coachSchema.properties),
  groups: Object.keys(groupSchema.properties),
  training_plans: Object.keys(trainingPlanSchema.properties),
  plan_assignments: Object.keys(planAssignmentSchema.properties),
  invitations: Object.keys(invitationSchema.properties),
  activities: Object.keys(activitySchema.properties),
  daily_metrics: Object.keys(dailyMetricSchema.properties),
  attention_signals: Object.keys(attentionSignalSchema.properties),
} as const satisfies Record<SyncCollection, string[]>;
