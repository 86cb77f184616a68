import { describe, expect, it } from 'vitest';
import { COMPLETENESS_PARTS, COMPLETENESS_WEIGHTS, ProfileStatus, missingProfileParts, profileCompleteness, type CompletenessInput } from './completeness';

const nothing: CompletenessInput = { hasGoalRace: false, hasTargetPace: false, integrationsConnected: 0, hasPlan: false, hasTimeZone: false };
const everything: CompletenessInput = { hasGoalRace: true, hasTargetPace: true, integrationsConnected: 2, hasPlan: true, hasTimeZone: true };

describe('profileCompleteness', () => {
  it('weights add up to 100', () => {
    expect(COMPLETENESS_PARTS.reduce((s, p) => s + COMPLETENESS_WEIGHTS[p], 0)).toBe(100);
  });

  it('is 0 with nothing and 100 with everything', () => {
    expect(profileCompleteness(nothing)).toBe(0);
    expect(profileCompleteness(everything)).toBe(100);
    expect(missingProfileParts(nothing)).toEqual([...COMPLETENESS_PARTS]);
    expect(missingProfileParts(everything)).toEqual([]);
  });

  it('adds the weight of each part present', () => {
    expect(profileCompleteness({ ...nothing, hasGoalRace: true })).toBe(25);
    expect(profileCompleteness({ ...nothing, hasTargetPace: true })).toBe(20);
    expect(profileCompleteness({ ...nothing, integrationsConnected: 1 })).toBe(20);
    expect(profileCompleteness({ ...nothing, hasPlan: true })).toBe(20);
    expect(profileCompleteness({ ...nothing, hasTimeZone: true })).toBe(15);
    expect(profileCompleteness({ ...nothing, hasPlan: true, hasTimeZone: true })).toBe(35);
    expect(missingProfileParts({ ...nothing, hasPlan: true, hasTimeZone: true })).toEqual(['goal_race', 'target_pace', 'integrations']);
  });

  it('counts integrations once, however many are connected', () => {
    expect(profileCompleteness({ ...nothing, integrationsConnected: 3 })).toBe(20);
  });
});

describe('ProfileStatus', () => {
  it('accepts today’s status and refuses out-of-range values', () => {
    const today = { joined: false, invitation_status: null, completeness: 0, integrations_connected: 0, last_activity_at: null, attention: 'none' };
    expect(ProfileStatus.parse(today)).toEqual(today);
    expect(ProfileStatus.safeParse({ ...today, completeness: 101 }).success).toBe(false);
    expect(ProfileStatus.safeParse({ ...today, attention: 'panic' }).success).toBe(false);
    expect(ProfileStatus.safeParse({ ...today, last_activity_at: '2026-05-01T10:00:00.000Z' }).success).toBe(true);
  });
});
