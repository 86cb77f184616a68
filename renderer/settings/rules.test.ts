import { describe, expect, it } from 'vitest';
import { athleteCountsByCoach, canManageApiKeys, canManageStaff, coachActions } from './rules';

const head = { id: 'h', role: 'head_coach' as const };
const coach = { id: 'c1', role: 'coach' as const };
const other = { id: 'c2', role: 'coach' as const };

describe('settings role rules', () => {
  it('only the head coach manages staff and API keys', () => {
    expect(canManageStaff(head)).toBe(true);
    expect(canManageApiKeys(head)).toBe(true);
    for (const me of [coach, null, undefined]) {
      expect(canManageStaff(me)).toBe(false);
      expect(canManageApiKeys(me)).toBe(false);
    }
  });

  it('the head coach may remove or promote another coach, never themselves or a head coach', () => {
    expect(coachActions(head, other)).toEqual({ remove: true, handOver: true });
    expect(coachActions(head, head)).toEqual({ remove: false, handOver: false });
    expect(coachActions(head, { id: 'h2', role: 'head_coach' })).toEqual({ remove: false, handOver: false });
  });

  it('a coach gets no action on anyone, themselves included', () => {
    for (const target of [head, coach, other]) expect(coachActions(coach, target)).toEqual({ remove: false, handOver: false });
    expect(coachActions(undefined, other)).toEqual({ remove: false, handOver: false });
  });

  it('counts each athlete once per coach', () => {
    const counts = athleteCountsByCoach([{ coach_ids: ['c1', 'c2'] }, { coach_ids: ['c1', 'c1'] }, { coach_ids: [] }]);
    expect(counts.get('c1')).toBe(2);
    expect(counts.get('c2')).toBe(1);
    expect(counts.get('h')).toBeUndefined();
  });
});
