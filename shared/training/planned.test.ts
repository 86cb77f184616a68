import { describe, expect, it } from 'vitest';
import type { PlanSession } from '../domain/plan';
import { scheduledSessions } from '../schedule/plan-schedule';
import { compliance } from './load';
import { plannedRunTargets } from './planned';
import { run } from './testing';
import { INPUT_WINDOW_DAYS, inputWindowStart } from './windows';

const s = (day: number, kind: PlanSession['kind'], duration_s: number | null, distance_m: number | null = null): PlanSession => ({
  week: 1, day, kind, distance_m, duration_s, target_pace_s_per_km: null, effort_rpe: null, note: '',
});

describe('planned running sessions', () => {
  it('keeps the runs of a scheduled plan, leaving out rest and cross-training days', () => {
    const plan = { weeks: 1, sessions: [s(5, 'long_run', null, 20000), s(1, 'easy', 2400), s(2, 'rest', null), s(3, 'cross_training', 3600), s(4, 'intervals', 3000)] };
    // Assigned from Monday 2026-11-23.
    const targets = plannedRunTargets(scheduledSessions({ start_date: '2026-11-23', ended_on: null }, plan));
    expect(targets).toEqual([
      { date: '2026-11-23', distance_m: null, duration_s: 2400 },
      { date: '2026-11-26', distance_m: null, duration_s: 3000 },
      { date: '2026-11-27', distance_m: 20000, duration_s: null },
    ]);
    // Ran Monday (30 min >= 20) and Friday 9 km (< 10 km): 1 of 3.
    const acts = [run('2026-11-23', 6, { duration_s: 1800 }), run('2026-11-27', 9)];
    expect(compliance(targets, acts, '2026-11-23', '2026-11-29')).toMatchObject({ scheduled: 3, completed: 1 });
  });

  it('says how far back callers read: 16 weeks ending today', () => {
    expect(INPUT_WINDOW_DAYS).toBe(112);
    expect(inputWindowStart('2026-11-26')).toBe('2026-08-07');
  });
});
