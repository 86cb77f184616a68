import { describe, expect, it } from 'vitest';
import type { PlanSession } from '../../shared/domain/plan';
import { sessionsPerWeek, totalKm } from './planFigures';

const s = (week: number, day: number, kind: PlanSession['kind'], distance_m: number | null = 5000): PlanSession => ({
  week,
  day,
  kind,
  distance_m: kind === 'rest' ? null : distance_m,
  duration_s: null,
  target_pace_s_per_km: null,
  effort_rpe: null,
  note: '',
});

describe('plan figures', () => {
  it('averages workouts per week without rest days', () => {
    const sessions = [s(1, 1, 'easy'), s(1, 3, 'tempo'), s(1, 7, 'rest'), s(2, 2, 'easy'), s(2, 4, 'intervals'), s(2, 6, 'long_run')];
    expect(sessionsPerWeek({ weeks: 2, sessions })).toBe('2.5');
    expect(sessionsPerWeek({ weeks: 1, sessions: [] })).toBe('0');
    expect(totalKm({ weeks: 2, sessions })).toBe(25);
  });
});
