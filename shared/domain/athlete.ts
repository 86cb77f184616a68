import { z } from 'zod';
import { sameJson } from '../sync/canonical';
import { IsoDate } from '../schedule/dates';
import { Email, Id, Timestamp, lineText, multilineText } from './common';
import type { CoachRole } from './organization';

export const ATHLETE_STATUSES = ['active', 'inactive', 'suspended'] as const;
export const AthleteStatus = z.enum(ATHLETE_STATUSES);
export type AthleteStatus = z.infer<typeof AthleteStatus>;

export const MAX_LABELS = 30;
export const LABEL_PATTERN = /^@[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]{0,39}$/u;

/**
 * Labels are tags such as `@marathon` or `@injury-watch`. Typed input is normalised the same way
 * everywhere (UI, API, sync): trimmed, lower-cased, `@` added when missing, spaces become dashes.
 */
export function normalizeLabel(input: string): string {
  const t = input.trim().toLowerCase().replace(/\s+/g, '-');
  return t.startsWith('@') ? t : `@${t}`;
}

export const Label = z
  .string()
  .max(41, 'a label must be at most 40 characters')
  .regex(LABEL_PATTERN, 'a label is @ followed by lower-case letters, digits, - or _ (e.g. @injury-watch)');

export const Labels = z
  .array(Label)
  .max(MAX_LABELS, `at most ${MAX_LABELS} labels`)
  .refine((ls) => new Set(ls).size === ls.length, 'labels must not repeat');

/** The groups an athlete is in (ids of the organization's groups; the server checks they exist). */
export const GroupIds = z
  .array(Id)
  .max(100, 'at most 100 groups')
  .refine((ids) => new Set(ids).size === ids.length, 'groups must not repeat');

/** The race an athlete trains for; set by a coach (PUT .../goal, or in the app). */
export const GoalRace = z.strictObject({
  name: lineText(120).refine((s) => s.length > 0, 'a goal race needs a name'),
  date: IsoDate,
  distance_m: z.number().int().min(100, 'distance must be at least 100 m').max(1_000_000, 'distance must be at most 1,000 km'),
  /** Goal finishing time in seconds, when the athlete has one. */
  goal_time_s: z.number().int().min(60).max(14 * 24 * 3600).nullable(),
});
export type GoalRace = z.infer<typeof GoalRace>;

/** Target race pace, seconds per kilometre (2:00 to 15:00 min/km). */
export const TargetPace = z.number().int().min(120, 'a pace faster than 2:00 /km is not a running pace').max(900, 'a pace slower than 15:00 /km is walking');

export const INTEGRATION_PROVIDERS = ['strava', 'garmin', 'apple_health'] as const;
export const IntegrationProvider = z.enum(INTEGRATION_PROVIDERS);
export type IntegrationProvider = z.infer<typeof IntegrationProvider>;
export const INTEGRATION_LABELS: Record<IntegrationProvider, string> = { strava: 'Strava', garmin: 'Garmin', apple_health: 'Apple Health' };
export const INTEGRATION_STATES = ['connected', 'disconnected', 'error'] as const;
export const IntegrationState = z.enum(INTEGRATION_STATES);

/** A partner's report of the athlete's connection (PUT .../integrations/{provider}); written by the server only. */
export const Integration = z.strictObject({
  provider: IntegrationProvider,
  state: IntegrationState,
  last_sync_at: Timestamp.nullable(),
  /** What went wrong, when state is error ("token expired"). */
  detail: lineText(200).nullable(),
  updated_at: Timestamp,
});
export type Integration = z.infer<typeof Integration>;

/** Heart-rate bounds used by TRIMP (shared/training); null: the documented defaults are used. */
const HeartRate = z.number().int().min(25).max(250);

/** The athlete's membership of an organization: replicated as collection `athletes`. */
export const Athlete = z.object({
  id: Id,
  user_id: Id,
  first_name: lineText(80),
  last_name: lineText(80),
  email: Email,
  display_name: lineText(80).nullable(),
  member_level: lineText(40).nullable(),
  labels: Labels,
  private_notes: multilineText(5000),
  status: AthleteStatus,
  coach_ids: z.array(Id).max(50),
  group_ids: GroupIds,
  goal_race: GoalRace.nullable(),
  target_pace_s_per_km: TargetPace.nullable(),
  max_hr: HeartRate.nullable(),
  resting_hr: HeartRate.nullable(),
  integrations: z.array(Integration).max(INTEGRATION_PROVIDERS.length),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Athlete = z.infer<typeof Athlete>;

/** Values of the profile fields for an athlete that has none yet (new memberships, migrations). */
export const EMPTY_PROFILE_FIELDS = { goal_race: null, target_pace_s_per_km: null, max_hr: null, resting_hr: null, integrations: [] } as const satisfies Partial<Athlete>;

/** The organization attributes any coach may change (product docs: "Updating athlete information"). */
export const ATHLETE_COACH_FIELDS = [
  'display_name', 'member_level', 'labels', 'private_notes', 'status', 'group_ids',
  'goal_race', 'target_pace_s_per_km', 'max_hr', 'resting_hr',
] as const;
/** Only the head coach assigns athletes to coaches. */
export const ATHLETE_HEAD_COACH_FIELDS = ['coach_ids'] as const;
/** Fields that are merged as sets when two coaches edit them concurrently. */
export const ATHLETE_SET_FIELDS = ['labels', 'coach_ids', 'group_ids'] as const;
/** Written by the server only. */
export const ATHLETE_SERVER_FIELDS = ['created_at', 'updated_at'] as const;

export const FIELD_LABELS: Record<keyof Athlete, string> = {
  id: 'Id',
  user_id: 'Account',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  display_name: 'Display name',
  member_level: 'Member level',
  labels: 'Labels',
  private_notes: 'Private notes',
  status: 'Status',
  coach_ids: 'Assigned coaches',
  group_ids: 'Groups',
  goal_race: 'Goal race',
  target_pace_s_per_km: 'Target pace',
  max_hr: 'Maximum heart rate',
  resting_hr: 'Resting heart rate',
  integrations: 'Connected integrations',
  created_at: 'Created',
  updated_at: 'Updated',
};

/** The body of PATCH /athletes/{id}: only organization attributes; anything else is a 400. */
export const AthletePatch = z
  .strictObject({
    display_name: lineText(80)
      .nullable()
      .transform((v) => (v === '' ? null : v)),
    member_level: lineText(40)
      .nullable()
      .transform((v) => (v === '' ? null : v)),
    labels: z.preprocess(
      (v) => (Array.isArray(v) && v.every((l) => typeof l === 'string') ? [...new Set(v.map(normalizeLabel))] : v),
      Labels,
    ),
    private_notes: multilineText(5000),
    status: AthleteStatus,
    group_ids: GroupIds,
    goal_race: GoalRace.nullable(),
    target_pace_s_per_km: TargetPace.nullable(),
    max_hr: HeartRate.nullable(),
    resting_hr: HeartRate.nullable(),
  })
  .partial();
/** Body of PUT .../athletes/{id}/goal: the goal race and the target pace (null clears one). */
export const GoalRequest = z.strictObject({ goal_race: GoalRace.nullable(), target_pace_s_per_km: TargetPace.nullable() });
/** Body of PUT .../athletes/{id}/integrations/{provider}. */
export const IntegrationReport = z.strictObject({ state: IntegrationState, last_sync_at: Timestamp.nullable().default(null), detail: lineText(200).nullable().default(null) });
export type AthletePatch = z.infer<typeof AthletePatch>;

export type ChangeRefusal = { code: 'forbidden' | 'invalid' | 'not_found'; message: string; field?: string };

const sameValue = sameJson;

/**
 * Decides whether a coach with `role` may turn `before` into `after` (both complete documents).
 * Used by the server for every pushed or patched row; the UI uses the same field lists to show
 * only the controls that would succeed.
 */
export function checkAthleteChange(before: Athlete, after: Athlete, role: CoachRole): ChangeRefusal | null {
  for (const key of Object.keys(after) as (keyof Athlete)[]) {
    if (sameValue(before[key], after[key])) continue;
    if ((ATHLETE_SERVER_FIELDS as readonly string[]).includes(key)) continue;
    if ((ATHLETE_COACH_FIELDS as readonly string[]).includes(key)) continue;
    if ((ATHLETE_HEAD_COACH_FIELDS as readonly string[]).includes(key)) {
      if (role === 'head_coach') continue;
      return { code: 'forbidden', field: key, message: `Only the head coach can change ${FIELD_LABELS[key].toLowerCase()}.` };
    }
    return {
      code: 'forbidden',
      field: key,
      message: `${FIELD_LABELS[key]} belongs to the athlete's own account and cannot be changed by the organization.`,
    };
  }
  return null;
}

/** The name a coach sees: the organization's display name when set, else the account name. */
export function athleteName(a: Pick<Athlete, 'display_name' | 'first_name' | 'last_name'>): string {
  return a.display_name || `${a.first_name} ${a.last_name}`.trim();
}
