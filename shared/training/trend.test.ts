import { describe, expect, it } from 'vitest';
import { rollingWeekDistances, weeklyDistance } from './trend';
import { run } from './testing';

describe('weekly distance trend', () => {
  // 2026-11-26 is a Thursday; its week starts on Monday 2026-11-23.
  const today = '2026-11-26';

  it('has one entry per calendar week, oldest first, the current partial week last', () => {
    const weeks = weeklyDistance([], today);
    expect(weeks).toHaveLength(16);
    expect(weeks[15]).toEqual({ week_start: '2026-11-23', distance_m: 0, runs: 0, duration_s: 0 });
    expect(weeks[0]!.week_start).toBe('2026-08-10'); // 15 weeks before 2026-11-23
    expect(weeklyDistance([], today, 4).map((w) => w.week_start)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });

  it('sums running sports only, by week, up to today', () => {
    const acts = [
      run('2026-11-23', 10, { duration_s: 3000 }), // Monday of this week
      run('2026-11-26', 8.5, { sport: 'trail_run', duration_s: 3600 }),
      run('2026-11-27', 20), // tomorrow: not counted
      run('2026-11-22', 30, { duration_s: 9000 }), // Sunday: last week
      run('2026-11-21', 40, { sport: 'ride' }), // not running
      run('2026-11-20', 0, { distance_m: null, duration_s: 1800 }), // a run without distance: a run, 0 m
      run('2026-08-09', 15), // the Sunday before the first week
      run('2026-08-10', 12, { duration_s: 3600 }), // the first week's Monday
    ];
    const weeks = weeklyDistance(acts, today);
    expect(weeks[15]).toEqual({ week_start: '2026-11-23', distance_m: 18_500, runs: 2, duration_s: 6600 });
    expect(weeks[14]).toEqual({ week_start: '2026-11-16', distance_m: 30_000, runs: 2, duration_s: 10_800 });
    expect(weeks[0]).toEqual({ week_start: '2026-08-10', distance_m: 12_000, runs: 1, duration_s: 3600 });
    expect(weeks.reduce((s, w) => s + w.runs, 0)).toBe(5);
  });

  it('gives rolling 7-day blocks ending today, newest first', () => {
    const acts = [run(today, 5), run('2026-11-20', 7), run('2026-11-19', 9), run('2026-11-13', 11), run('2026-11-12', 100), run('2026-11-27', 50)];
    // block 0: 11-20..11-26 -> 5 + 7; block 1: 11-13..11-19 -> 9 + 11; block 2: 11-06..11-12 -> 100 (not asked for with 2 blocks)
    expect(rollingWeekDistances(acts, today, 2)).toEqual([12_000, 20_000]);
    expect(rollingWeekDistances(acts, today, 3)).toEqual([12_000, 20_000, 100_000]);
  });
});
