import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_HR,
  DEFAULT_RESTING_HR,
  acwr,
  activityLoad,
  compliance,
  dailyLoads,
  estimatedIntensity,
  estimatedLoad,
  fitnessFatigue,
  heartRateBounds,
  monotony,
  rpeToHrReserve,
  trimp,
  type DailyLoad,
} from './load';
import { daysEnding, run, session } from './testing';

const noHr = { max_hr: null, resting_hr: null };
const days = (last: string, loads: number[]): DailyLoad[] => daysEnding(last, loads.length).map((date, i) => ({ date, load: loads[i]! }));

describe('Banister TRIMP', () => {
  it('matches hand-computed values for men (and unknown sex) and women', () => {
    // max 180, rest 60, avg 120: ΔHR = 60 / 120 = 0.5. Male: 60 min × 0.5 × 0.64 × e^0.96 = 19.2 × 2.611696 = 50.1446
    expect(trimp({ duration_s: 3600, avg_hr: 120 }, { max: 180, resting: 60 })).toBeCloseTo(50.1446, 3);
    expect(trimp({ duration_s: 3600, avg_hr: 120 }, { max: 180, resting: 60 }, 'male')).toBeCloseTo(50.1446, 3);
    expect(trimp({ duration_s: 3600, avg_hr: 120 }, { max: 180, resting: 60 }, null)).toBeCloseTo(50.1446, 3);
    // Female: 60 × 0.5 × 0.86 × e^0.835 = 25.8 × 2.304814 = 59.4642
    expect(trimp({ duration_s: 3600, avg_hr: 120 }, { max: 180, resting: 60 }, 'female')).toBeCloseTo(59.4642, 3);
    // 30 minutes: half of it.
    expect(trimp({ duration_s: 1800, avg_hr: 120 }, { max: 180, resting: 60 })).toBeCloseTo(25.0723, 3);
  });

  it('clamps the heart-rate reserve ratio to [0, 1] and gives 0 without a reserve', () => {
    // avg above max: ΔHR = 1 -> 60 × 1 × 0.64 × e^1.92 = 38.4 × 6.820958 = 261.9248
    expect(trimp({ duration_s: 3600, avg_hr: 200 }, { max: 180, resting: 60 })).toBeCloseTo(261.9248, 3);
    expect(trimp({ duration_s: 3600, avg_hr: 50 }, { max: 180, resting: 60 })).toBe(0);
    expect(trimp({ duration_s: 3600, avg_hr: 150 }, { max: 60, resting: 60 })).toBe(0);
  });

  it('uses the athlete bounds, else the documented defaults 190 / 60', () => {
    expect(DEFAULT_MAX_HR).toBe(190);
    expect(DEFAULT_RESTING_HR).toBe(60);
    expect(heartRateBounds(noHr)).toEqual({ max: 190, resting: 60 });
    expect(heartRateBounds({ max_hr: 200, resting_hr: null })).toEqual({ max: 200, resting: 60 });
    expect(heartRateBounds({ max_hr: 180, resting_hr: 45 })).toEqual({ max: 180, resting: 45 });
    // A max at or under the resting rate is a data error: both defaults.
    expect(heartRateBounds({ max_hr: 50, resting_hr: 55 })).toEqual({ max: 190, resting: 60 });
  });
});

describe('load without heart rate', () => {
  it('reads session RPE as heart-rate reserve 0.25 + 0.075 × RPE', () => {
    expect(rpeToHrReserve(1)).toBeCloseTo(0.325, 10);
    expect(rpeToHrReserve(4)).toBeCloseTo(0.55, 10);
    expect(rpeToHrReserve(10)).toBeCloseTo(1, 10);
    // 60 min, RPE 4: x = 0.55 -> 60 × 0.55 × 0.64 × e^1.056 = 21.12 × 2.874849 = 60.7168
    const a = { sport: 'run' as const, duration_s: 3600, distance_m: 12000, rpe: 4 };
    expect(estimatedLoad(a, 300)).toBeCloseTo(60.7168, 3);
    expect(estimatedIntensity(a, 300).method).toBe('session_rpe');
  });

  it('scales a run from its pace against the target pace: x = 0.8 × target / pace', () => {
    // 10 km in 3750 s = 375 s/km, target 300 s/km: x = 0.8 × 300 / 375 = 0.64
    // 62.5 min × 0.64 × 0.64 × e^(1.92 × 0.64 = 1.2288) = 25.6 × 3.417127 = 87.4784
    const a = { sport: 'run' as const, duration_s: 3750, distance_m: 10000, rpe: null };
    expect(estimatedIntensity(a, 300)).toEqual({ hrReserve: expect.closeTo(0.64, 10) as number, method: 'estimate' });
    expect(estimatedLoad(a, 300)).toBeCloseTo(87.4784, 3);
    // Much faster than target: clamped at 1. 10 km in 1200 s: 0.8 × 300 / 120 = 2 -> 1
    expect(estimatedIntensity({ ...a, duration_s: 1200 }, 300).hrReserve).toBe(1);
  });

  it("falls back to the sport's typical intensity without target pace, distance or for other sports", () => {
    // Run, 60 min, x = 0.65: 60 × 0.65 × 0.64 × e^1.248 = 24.96 × 3.483369 = 86.9449
    expect(estimatedLoad({ sport: 'run', duration_s: 3600, distance_m: 12000, rpe: null })).toBeCloseTo(86.9449, 3);
    expect(estimatedLoad({ sport: 'run', duration_s: 3600, distance_m: null, rpe: null }, 300)).toBeCloseTo(86.9449, 3);
    // A ride ignores the running target pace: x = 0.55 -> 60.7168 (same x as RPE 4)
    expect(estimatedLoad({ sport: 'ride', duration_s: 3600, distance_m: 30000, rpe: null }, 300)).toBeCloseTo(60.7168, 3);
  });

  it('picks TRIMP with heart rate, session RPE with RPE, the estimate otherwise', () => {
    const athlete = { max_hr: 180, resting_hr: 60, target_pace_s_per_km: 300 };
    expect(activityLoad(run('2026-03-02', 12, { duration_s: 3600, avg_hr: 120, rpe: 4 }), athlete)).toEqual({ load: expect.closeTo(50.1446, 3) as number, method: 'trimp' });
    expect(activityLoad(run('2026-03-02', 12, { duration_s: 3600, rpe: 4 }), athlete)).toEqual({ load: expect.closeTo(60.7168, 3) as number, method: 'session_rpe' });
    expect(activityLoad(run('2026-03-02', 10, { duration_s: 3750 }), athlete)).toEqual({ load: expect.closeTo(87.4784, 3) as number, method: 'estimate' });
    expect(activityLoad(run('2026-03-02', 12, { duration_s: 3600 }), noHr).method).toBe('estimate');
  });
});

describe('daily loads', () => {
  it('gives one entry per day, summing the activities of a day and 0 on rest days', () => {
    const athlete = { max_hr: 180, resting_hr: 60 };
    const acts = [
      run('2026-03-01', 10, { duration_s: 3600, avg_hr: 120 }), // before the range
      run('2026-03-02', 10, { duration_s: 3600, avg_hr: 120 }),
      run('2026-03-02', 5, { duration_s: 1800, avg_hr: 120 }),
      run('2026-03-04', 10, { duration_s: 3600, avg_hr: 120 }),
      run('2026-03-05', 10, { duration_s: 3600, avg_hr: 120 }), // after the range
    ];
    const out = dailyLoads(acts, athlete, '2026-03-02', '2026-03-04');
    expect(out.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    // 50.1446 + 25.0723 = 75.2169
    expect(out[0]!.load).toBeCloseTo(75.2169, 3);
    expect(out[1]!.load).toBe(0);
    expect(out[2]!.load).toBeCloseTo(50.1446, 3);
    expect(dailyLoads([], athlete, '2026-02-27', '2026-03-02')).toHaveLength(4); // across a month end
  });
});

describe('fitness, fatigue and form', () => {
  it('follows x_t = x_{t-1} + (load_t - x_{t-1}) / N from 0, N = 42 and 7', () => {
    const out = fitnessFatigue(days('2026-03-03', [100, 0, 50]));
    // Day 1: CTL = 100/42 = 2.380952, ATL = 100/7 = 14.285714, TSB = -11.904762
    expect(out[0]).toEqual({ date: '2026-03-01', ctl: expect.closeTo(2.380952, 5) as number, atl: expect.closeTo(14.285714, 5) as number, tsb: expect.closeTo(-11.904762, 5) as number });
    // Day 2 (rest): CTL = 2.380952 × 41/42 = 2.324263, ATL = 14.285714 × 6/7 = 12.244898
    expect(out[1]!.ctl).toBeCloseTo(2.324263, 5);
    expect(out[1]!.atl).toBeCloseTo(12.244898, 5);
    // Day 3: CTL = 2.324263 + (50 - 2.324263)/42 = 3.459400, ATL = 12.244898 + (50 - 12.244898)/7 = 17.638484, TSB = -14.179084
    expect(out[2]!.ctl).toBeCloseTo(3.4594, 4);
    expect(out[2]!.atl).toBeCloseTo(17.638484, 5);
    expect(out[2]!.tsb).toBeCloseTo(-14.179084, 5);
  });

  it('treats a missing day between entries as rest and sorts its input', () => {
    const gap = fitnessFatigue([{ date: '2026-03-03', load: 50 }, { date: '2026-03-01', load: 100 }]);
    expect(gap.map((d) => d.date)).toEqual(['2026-03-01', '2026-03-03']);
    expect(gap[1]!.ctl).toBeCloseTo(3.4594, 4);
    expect(gap[1]!.atl).toBeCloseTo(17.638484, 5);
  });

  it('approaches a constant load as L × (1 - (1 - 1/N)^t)', () => {
    // 400 days at 60: CTL = 60 × (1 - (41/42)^400) = 59.996092, ATL = 60 × (1 - (6/7)^400) = 60 (to 1e-25)
    const out = fitnessFatigue(days('2026-12-31', new Array<number>(400).fill(60)));
    expect(out.at(-1)!.ctl).toBeCloseTo(60 * (1 - (41 / 42) ** 400), 9);
    expect(out.at(-1)!.ctl).toBeCloseTo(59.996092, 5);
    expect(out.at(-1)!.atl).toBeCloseTo(60, 9);
    expect(out.at(-1)!.tsb).toBeCloseTo(-0.003908, 5);
  });
});

describe('acute:chronic workload ratio', () => {
  it('divides the 7-day load by the 28-day load / 4', () => {
    // 21 days at 50 then 7 at 100: acute 700, chronic (1050 + 700) / 4 = 437.5, ratio 1.6
    const daily = days('2026-03-28', [...new Array<number>(21).fill(50), ...new Array<number>(7).fill(100)]);
    expect(acwr(daily, '2026-03-28')).toEqual({ ratio: 1.6, acute: 700, chronic: 437.5 });
    // Load 29 days back or after today does not count.
    const more = [{ date: '2026-02-28', load: 999 }, ...daily, { date: '2026-03-29', load: 999 }];
    expect(acwr(more, '2026-03-28')).toEqual({ ratio: 1.6, acute: 700, chronic: 437.5 });
  });

  it('is null when the chronic load is 0, and 4 when all the load is in the last 7 days', () => {
    expect(acwr(days('2026-03-28', new Array<number>(28).fill(0)), '2026-03-28')).toEqual({ ratio: null, acute: 0, chronic: 0 });
    expect(acwr([{ date: '2026-03-28', load: 80 }], '2026-03-28')).toEqual({ ratio: 4, acute: 80, chronic: 20 });
  });
});

describe('monotony and strain (Foster)', () => {
  it('is the mean daily load over its standard deviation across 7 days', () => {
    // Loads 0,100,50,100,0,100,50: week 400, mean 57.142857; squared deviations 3265.31 + 1836.73 + 51.02 + 1836.73
    // + 3265.31 + 1836.73 + 51.02 = 12142.86; / 7 = 1734.69; sd = 41.649656; monotony = 1.371989; strain = 400 × 1.371989 = 548.795
    const m = monotony(days('2026-03-08', [0, 100, 50, 100, 0, 100, 50]), '2026-03-08');
    expect(m.mean).toBeCloseTo(57.142857, 5);
    expect(m.sd).toBeCloseTo(41.649656, 5);
    expect(m.monotony).toBeCloseTo(1.371989, 5);
    expect(m.strain).toBeCloseTo(548.795, 2);
  });

  it('is null on a flat week (sd 0) with strain 0, missing days counting 0', () => {
    expect(monotony(days('2026-03-08', new Array<number>(7).fill(60)), '2026-03-08')).toEqual({ monotony: null, strain: 0, mean: 60, sd: 0 });
    expect(monotony([], '2026-03-08')).toEqual({ monotony: null, strain: 0, mean: 0, sd: 0 });
    // One day of 70 only: mean 10, sd = sqrt((60² + 6 × 10²) / 7) = sqrt(600) = 24.494897, monotony 0.408248
    const one = monotony([{ date: '2026-03-05', load: 70 }], '2026-03-08');
    expect(one.sd).toBeCloseTo(24.494897, 5);
    expect(one.monotony).toBeCloseTo(0.408248, 5);
    expect(one.strain).toBeCloseTo(28.577, 2);
  });
});

describe('plan compliance', () => {
  const plan = [session('2026-03-02', 3600), session('2026-03-04', 2400), session('2026-03-06', null, 10000), session('2026-03-08', null, null)];

  it('counts a session done at 50% of its planned duration, the day runs summed', () => {
    const acts = [
      run('2026-03-02', 6, { duration_s: 1800 }), // exactly 50% of 3600: done
      run('2026-03-04', 4, { duration_s: 1000 }),
      run('2026-03-04', 1, { duration_s: 199 }), // 1199 < 1200: not done
      run('2026-03-06', 5, { duration_s: 1500 }), // no planned duration: judged on distance, 5000 >= 5000
    ];
    expect(compliance(plan, acts, '2026-03-02', '2026-03-08')).toEqual({ scheduled: 3, completed: 2, ratio: 2 / 3, by: 'duration' });
    const one = [...acts, run('2026-03-04', 0.1, { duration_s: 1 })];
    expect(compliance(plan, one, '2026-03-02', '2026-03-08').completed).toBe(3);
  });

  it('by distance, falling back to duration when a session has no distance', () => {
    const acts = [run('2026-03-02', 6, { duration_s: 1700 }), run('2026-03-06', 4.999)];
    // 03-02: no planned distance -> duration 1700 < 1800; 03-06: 4999 < 5000
    expect(compliance(plan, acts, '2026-03-02', '2026-03-08', 'distance')).toEqual({ scheduled: 3, completed: 0, ratio: 0, by: 'distance' });
  });

  it('counts only running sports, only the dates in range, null ratio with nothing scheduled', () => {
    const ride = run('2026-03-02', 30, { sport: 'ride', duration_s: 3600 });
    expect(compliance(plan, [ride], '2026-03-02', '2026-03-02')).toEqual({ scheduled: 1, completed: 0, ratio: 0, by: 'duration' });
    expect(compliance(plan, [run('2026-03-02', 12)], '2026-03-03', '2026-03-03')).toEqual({ scheduled: 0, completed: 0, ratio: null, by: 'duration' });
    const trail = run('2026-03-02', 8, { sport: 'trail_run', duration_s: 3600 });
    expect(compliance(plan, [trail], '2026-03-01', '2026-03-02').completed).toBe(1);
  });
});

describe('properties over random weeks (seeded)', () => {
  /** Mulberry32: a small seeded generator, so a failure replays. */
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  it('ratios ignore the load scale, CTL/ATL scale with it, ACWR stays within [0, 4]', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = rng(seed);
      const loads = Array.from({ length: 60 }, () => (r() < 0.3 ? 0 : Math.round(r() * 200)));
      const daily = days('2026-06-30', loads);
      const scaled = days('2026-06-30', loads.map((x) => x * 3));
      const a = acwr(daily, '2026-06-30');
      if (a.ratio !== null) {
        expect(acwr(scaled, '2026-06-30').ratio, `seed ${seed}`).toBeCloseTo(a.ratio, 9);
        expect(a.ratio).toBeGreaterThanOrEqual(0);
        expect(a.ratio).toBeLessThanOrEqual(4);
      }
      const m = monotony(daily, '2026-06-30');
      if (m.monotony !== null) expect(monotony(scaled, '2026-06-30').monotony, `seed ${seed}`).toBeCloseTo(m.monotony, 9);
      const f = fitnessFatigue(daily).at(-1)!;
      const g = fitnessFatigue(scaled).at(-1)!;
      expect(g.ctl).toBeCloseTo(3 * f.ctl, 6);
      expect(g.atl).toBeCloseTo(3 * f.atl, 6);
    }
  });
});
