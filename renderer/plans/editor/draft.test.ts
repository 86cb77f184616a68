import { describe, expect, it } from 'vitest';
import type { PlanSession, TrainingPlan } from '../../../shared/domain/plan';
import { EMPTY_DRAFT, beyondLength, cellKey, clearWeek, copyWeek, dropBeyondLength, patchOf, sessionAt, setSession, splitErrors, type Draft } from './draft';

const run = (week: number, day: number, km = 8): PlanSession => ({
  week,
  day,
  kind: 'easy',
  distance_m: km * 1000,
  duration_s: null,
  target_pace_s_per_km: null,
  effort_rpe: null,
  note: '',
});

describe('plan editor draft', () => {
  it('keeps one workout per day, sorted by week and day', () => {
    let d: Draft = { ...EMPTY_DRAFT, weeks: 2 };
    d = setSession(d, 2, 3, run(0, 0));
    d = setSession(d, 1, 5, run(0, 0));
    d = setSession(d, 1, 5, run(0, 0, 12));
    expect(d.sessions.map((s) => cellKey(s.week, s.day))).toEqual(['1-5', '2-3']);
    expect(sessionAt(d, 1, 5)?.distance_m).toBe(12000);
    d = setSession(d, 1, 5, null);
    expect(d.sessions.map((s) => cellKey(s.week, s.day))).toEqual(['2-3']);
  });

  it('copies and clears weeks', () => {
    let d: Draft = { ...EMPTY_DRAFT, weeks: 3, sessions: [run(1, 1), run(1, 4), run(2, 2)] };
    d = copyWeek(d, 1, 2);
    expect(d.sessions.map((s) => cellKey(s.week, s.day))).toEqual(['1-1', '1-4', '2-1', '2-4']);
    expect(clearWeek(d, 1).sessions.map((s) => cellKey(s.week, s.day))).toEqual(['2-1', '2-4']);
  });

  it('finds workouts past a shortened plan', () => {
    const d: Draft = { ...EMPTY_DRAFT, weeks: 1, sessions: [run(1, 1), run(2, 2), run(3, 3)] };
    expect(beyondLength(d).length).toBe(2);
    expect(dropBeyondLength(d).sessions.length).toBe(1);
  });

  it('patches only what changed', () => {
    const saved: TrainingPlan = {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Base',
      description: '',
      level: 'beginner',
      weeks: 2,
      sessions: [run(2, 1), run(1, 1)],
      archived: false,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    const d: Draft = { name: 'Base', description: '', level: 'beginner', weeks: 2, sessions: [run(1, 1), run(2, 1)] };
    expect(patchOf(saved, d)).toEqual({});
    expect(patchOf(saved, { ...d, name: 'Base 2', weeks: 3 })).toEqual({ name: 'Base 2', weeks: 3 });
  });

  it('sends session errors to their grid cell and the others to their field', () => {
    const d: Draft = { ...EMPTY_DRAFT, sessions: [run(1, 2), run(3, 6)] };
    const split = splitErrors(d, { name: 'is required', 'sessions.1.distance_m': 'a workout needs a distance or a duration', 'sessions.1.day': 'second' });
    expect(split.fields).toEqual({ name: 'Name is required' });
    expect(split.cells.get('3-6')).toBe('A workout needs a distance or a duration');
    expect(split.lines).toEqual(['Week 3, Saturday: a workout needs a distance or a duration']);
  });
});
