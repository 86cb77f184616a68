import { describe, expect, it } from 'vitest';
import { AthletePatch, checkAthleteChange, normalizeLabel, Labels, type Athlete } from './athlete';

const athlete: Athlete = {
  id: '11111111-1111-4111-8111-111111111111',
  user_id: '22222222-2222-4222-8222-222222222222',
  first_name: 'Ada',
  last_name: 'Runner',
  email: 'ada@example.com',
  display_name: null,
  member_level: 'beginner',
  labels: ['@marathon'],
  private_notes: '',
  status: 'active',
  coach_ids: [],
  group_ids: [],
  goal_race: null,
  target_pace_s_per_km: null,
  max_hr: null,
  resting_hr: null,
  integrations: [],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('checkAthleteChange', () => {
  it('lets any coach change organization attributes', () => {
    const after = { ...athlete, display_name: 'Ace', labels: ['@marathon', '@injury-watch'], status: 'inactive' as const };
    expect(checkAthleteChange(athlete, after, 'coach')).toBeNull();
  });
  it('refuses account fields to everyone', () => {
    expect(checkAthleteChange(athlete, { ...athlete, email: 'x@example.com' }, 'head_coach')).toMatchObject({ code: 'forbidden', field: 'email' });
  });
  it('lets only the head coach assign coaches', () => {
    const after = { ...athlete, coach_ids: ['33333333-3333-4333-8333-333333333333'] };
    expect(checkAthleteChange(athlete, after, 'coach')).toMatchObject({ code: 'forbidden', field: 'coach_ids' });
    expect(checkAthleteChange(athlete, after, 'head_coach')).toBeNull();
  });
  it('lets any coach put an athlete in a group or take them out', () => {
    const after = { ...athlete, group_ids: ['33333333-3333-4333-8333-333333333333'] };
    expect(checkAthleteChange(athlete, after, 'coach')).toBeNull();
    expect(checkAthleteChange(after, athlete, 'head_coach')).toBeNull();
  });
});

describe('labels', () => {
  it('normalises typed labels', () => {
    expect(normalizeLabel('  Injury Watch ')).toBe('@injury-watch');
    expect(normalizeLabel('@marathon')).toBe('@marathon');
  });
  it('refuses malformed, repeated or too many labels', () => {
    expect(Labels.safeParse(['marathon']).success).toBe(false);
    expect(Labels.safeParse(['@a', '@a']).success).toBe(false);
    expect(Labels.safeParse(Array.from({ length: 31 }, (_, i) => `@l${i}`)).success).toBe(false);
    expect(Labels.safeParse(['@injury-watch', '@5k']).success).toBe(true);
  });
});

describe('AthletePatch', () => {
  it('refuses unknown fields and wrong types', () => {
    expect(AthletePatch.safeParse({ email: 'x@y.z' }).success).toBe(false);
    expect(AthletePatch.safeParse({ status: 'retired' }).success).toBe(false);
    expect(AthletePatch.safeParse({ display_name: 'x'.repeat(81) }).success).toBe(false);
    expect(AthletePatch.safeParse({ display_name: 'a\u0000b' }).success).toBe(false);
  });
  it('turns an empty display name into none', () => {
    expect(AthletePatch.parse({ display_name: '' })).toEqual({ display_name: null });
  });
  it('normalises typed labels and drops repeats', () => {
    expect(AthletePatch.parse({ labels: ['Marathon', ' Injury Watch', '@marathon'] })).toEqual({ labels: ['@marathon', '@injury-watch'] });
    expect(AthletePatch.safeParse({ labels: ['not ok!'] }).success).toBe(false);
    expect(AthletePatch.safeParse({ labels: 'x' }).success).toBe(false);
  });
  it('refuses text with a lone UTF-16 surrogate', () => {
    for (const bad of ['\ud800', 'a\udc00b', 'x\ud83d']) {
      const r = AthletePatch.safeParse({ private_notes: bad, display_name: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/valid Unicode/);
    }
    expect(AthletePatch.safeParse({ display_name: 'Zoë 🏃' }).success).toBe(true);
  });
});
