/**
 * An athlete's profile status as the roster shows it (`include_profile_status=true` on the athlete
 * list), and the one definition of profile completeness.
 *
 * Completeness is a score 0-100: the sum of the weights of the parts the athlete has.
 *
 * | part         | weight | present when                                            |
 * |--------------|--------|---------------------------------------------------------|
 * | goal race    | 25     | the athlete has a goal race set                         |
 * | target pace  | 20     | the athlete has a target pace set                       |
 * | integrations | 20     | at least one integration (Strava, Garmin, ...) connected |
 * | plan         | 20     | a training plan is assigned to the athlete              |
 * | time zone    | 15     | the athlete's account has a time zone                   |
 *
 * Parts whose data does not exist yet count as missing: the athlete's own time zone is not stored
 * anywhere yet (it comes with athlete accounts). Goal race and target pace are set by coaches,
 * integrations reported by partners (PUT .../integrations/{provider}). The server fills the inputs
 * from what it has; when a part's data arrives, only the input changes, never this function.
 */
import { z } from 'zod';
import { Timestamp } from './common';

export const COMPLETENESS_PARTS = ['goal_race', 'target_pace', 'integrations', 'plan', 'time_zone'] as const;
export type CompletenessPart = (typeof COMPLETENESS_PARTS)[number];

/** Weights in points; they add up to 100. */
export const COMPLETENESS_WEIGHTS: Readonly<Record<CompletenessPart, number>> = {
  goal_race: 25,
  target_pace: 20,
  integrations: 20,
  plan: 20,
  time_zone: 15,
};

export const COMPLETENESS_PART_LABELS: Readonly<Record<CompletenessPart, string>> = {
  goal_race: 'Goal race',
  target_pace: 'Target pace',
  integrations: 'Connected integration',
  plan: 'Training plan',
  time_zone: 'Time zone',
};

export type CompletenessInput = {
  hasGoalRace: boolean;
  hasTargetPace: boolean;
  integrationsConnected: number;
  hasPlan: boolean;
  hasTimeZone: boolean;
};

function present(input: CompletenessInput): Record<CompletenessPart, boolean> {
  return {
    goal_race: input.hasGoalRace,
    target_pace: input.hasTargetPace,
    integrations: input.integrationsConnected > 0,
    plan: input.hasPlan,
    time_zone: input.hasTimeZone,
  };
}

/** The completeness score 0-100 (an integer), as documented above. */
export function profileCompleteness(input: CompletenessInput): number {
  const has = present(input);
  return COMPLETENESS_PARTS.reduce((sum, part) => sum + (has[part] ? COMPLETENESS_WEIGHTS[part] : 0), 0);
}

/** The parts that are missing, in the table's order (what a coach could ask the athlete to fill in). */
export function missingProfileParts(input: CompletenessInput): CompletenessPart[] {
  const has = present(input);
  return COMPLETENESS_PARTS.filter((part) => !has[part]);
}

export const ATTENTION_LEVELS = ['none', 'watch', 'urgent'] as const;
/** How much an athlete needs a coach's attention, from attention signals (none exist yet: always `none`). */
export const AttentionLevel = z.enum(ATTENTION_LEVELS);
export type AttentionLevel = z.infer<typeof AttentionLevel>;

/** `profile_status` of an athlete in the list, present only with `include_profile_status=true`. */
export const ProfileStatus = z.object({
  /** True once the athlete accepted (their account has a password). */
  joined: z.boolean(),
  /** State of the athlete's latest invitation; null while no invitation exists (invitations come later). */
  invitation_status: z.string().max(40).nullable(),
  completeness: z.number().int().min(0).max(100),
  integrations_connected: z.number().int().nonnegative(),
  last_activity_at: Timestamp.nullable(),
  attention: AttentionLevel,
});
export type ProfileStatus = z.infer<typeof ProfileStatus>;
