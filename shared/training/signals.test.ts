import { describe, expect, it } from 'vitest';
import type { Activity, DailyMetric } from '../domain/activity';
import { Figure } from '../domain/signal';
import { addDays } from '../schedule/dates';
import type { ScheduledTarget } from './load';
import { evaluateSignals, type SignalInput } from './signals';
import { daysEnding, hrRun, metric, run, session } from './testing';

const today = '2026-11-26';
const d = (n: number): string => addDays(today, n);
const athlete: SignalInput['athlete'] = { status: 'active', labels: [], max_hr: null, resting_hr: null };

function evaluate(activities: Activity[], over: Partial<SignalInput> = {}) {
  return evaluateSignals({ today, athlete, activities, metrics: [], scheduled: [], ...over });
}
const rules = (found: ReturnType<typeof evaluateSignals>) => found.map((f) => `${f.rule}:${f.severity}`);
/** The findings of one rule only (a distance jump usually raises the load too). */
const only = (rule: string, found: ReturnType<typeof evaluateSignals>) => rules(found.filter((f) => f.rule === rule));

/**
 * All load at half the heart-rate reserve, so loads compare as minutes. 28 days hold 4000 minutes
 * (chronic = 1000 a week): `acute` minutes yesterday, the rest 20 days ago, one short run 30 days
 * ago for the history. ACWR = acute / 1000.
 */
function loadAt(acute: number): Activity[] {
  return [hrRun(d(-1), acute), hrRun(d(-20), 4000 - acute), hrRun(d(-30), 30)];
}

describe('load spike (ACWR)', () => {
  it('fires watch from 1.3 and urgent from 1.5', () => {
    expect(rules(evaluate(loadAt(1290)))).toEqual([]);
    expect(rules(evaluate(loadAt(1300)))).toEqual(['load_spike:watch']);
    expect(rules(evaluate(loadAt(1490)))).toEqual(['load_spike:watch']);
    expect(rules(evaluate(loadAt(1500)))).toEqual(['load_spike:urgent']);
  });

  it('says the figures in one sentence, with labels and units', () => {
    const [f] = evaluate(loadAt(1620));
    // acute 1620 min × 0.835743 = 1353.9 TRIMP; chronic 4000 × 0.835743 / 4 = 835.7
    expect(f).toEqual({
      rule: 'load_spike',
      severity: 'urgent',
      summary: 'Acute:chronic workload ratio 1.62: 7-day load 1354 TRIMP against an average of 836 per week over 28 days.',
      figures: [
        { key: 'acwr', label: 'ACWR', value: 1.62, unit: 'ratio' },
        { key: 'acute_load', label: '7-day load', value: 1354, unit: 'TRIMP' },
        { key: 'chronic_load', label: '28-day weekly average load', value: 836, unit: 'TRIMP' },
      ],
    });
    for (const figure of f!.figures) expect(Figure.safeParse(figure).success).toBe(true);
  });

  it('needs 4 weeks of history: a new athlete is not a spike', () => {
    const fresh = [hrRun(d(-1), 1500), hrRun(d(-20), 2500)];
    expect(rules(evaluate(fresh))).toEqual([]);
    // 27 days back is inside the 28-day window, not history (ACWR would be 1500 / 1000.25 = 1.4996 -> 1.50).
    expect(rules(evaluate([...fresh, hrRun(d(-27), 1)]))).toEqual([]);
    expect(rules(evaluate([...fresh, hrRun(d(-28), 1)]))).toEqual(['load_spike:urgent']);
  });
});

describe('distance jump', () => {
  /** 40 km in each of the 4 blocks before the last 7 days, `km` in the last 7 days. */
  const jump = (km: number): Activity[] => [run(d(0), km), ...[-7, -14, -21, -28].map((n) => run(d(n - 3), 40))];

  it('fires over 30% (watch) and over 60% (urgent) on the 4-week average, rounded to whole percent', () => {
    expect(only('distance_jump', evaluate(jump(52)))).toEqual([]); // +30%
    expect(only('distance_jump', evaluate(jump(52.4)))).toEqual(['distance_jump:watch']); // +31%
    expect(only('distance_jump', evaluate(jump(64)))).toEqual(['distance_jump:watch']); // +60%
    expect(only('distance_jump', evaluate(jump(64.4)))).toEqual(['distance_jump:urgent']); // +61%
  });

  it('writes km in the summary', () => {
    const [f] = evaluate(jump(56.8));
    expect(f!.summary).toBe('Running distance 56.8 km in the last 7 days, up 42% on the 40.0 km weekly average of the 4 weeks before.');
    expect(f!.figures.map((x) => [x.key, x.value, x.unit])).toEqual([
      ['distance_7d', 56.8, 'km'],
      ['distance_4wk_avg', 40, 'km'],
      ['distance_change', 42, '%'],
    ]);
  });

  it('stays quiet under 10 km, without running before, or without 4 weeks of history', () => {
    const small = [run(d(0), 9.9), ...[-7, -14, -21, -28].map((n) => run(d(n - 3), 5))];
    expect(only('distance_jump', evaluate(small))).toEqual([]);
    expect(only('distance_jump', evaluate([run(d(0), 30), run(d(-40), 0, { sport: 'ride', distance_m: 20000 })]))).toEqual([]);
    expect(only('distance_jump', evaluate([run(d(0), 30), run(d(-10), 5), run(d(-27), 5)]))).toEqual([]);
  });
});

describe('absence', () => {
  it('fires at 7 days without activity (watch) and 14 (urgent)', () => {
    expect(rules(evaluate([run(d(-6), 10)]))).toEqual([]);
    expect(rules(evaluate([run(d(-7), 10)]))).toEqual(['absence:watch']);
    expect(rules(evaluate([run(d(-13), 10)]))).toEqual(['absence:watch']);
    expect(rules(evaluate([run(d(-14), 10)]))).toEqual(['absence:urgent']);
    expect(evaluate([run(d(-9), 10), run(d(-30), 5)])[0]!.summary).toBe('No activity recorded for 9 days; the last one was on Tue 17 Nov.');
  });

  it('counts any sport, ignores future-dated activities, and not for inactive athletes or with no activity at all', () => {
    expect(rules(evaluate([run(d(-10), 10), run(d(-2), 30, { sport: 'ride' })]))).toEqual([]);
    expect(rules(evaluate([run(d(-10), 10), run(d(2), 10)]))).toEqual(['absence:watch']);
    expect(rules(evaluate([run(d(-20), 10)], { athlete: { ...athlete, status: 'inactive' } }))).toEqual([]);
    expect(rules(evaluate([]))).toEqual([]);
  });
});

describe('missed sessions', () => {
  const week: ScheduledTarget[] = [session(d(-5), 3600), session(d(-3), 3600), session(d(-1), 3600)];

  it('fires under 50% of the last 7 days, only with 2 or more sessions', () => {
    expect(rules(evaluate([run(d(-5), 12), run(d(-3), 12)], { scheduled: week }))).toEqual([]); // 2 of 3
    expect(rules(evaluate([run(d(-5), 12)], { scheduled: week }))).toEqual(['missed_sessions:watch']); // 1 of 3
    expect(rules(evaluate([run(d(-5), 12)], { scheduled: week.slice(0, 2) }))).toEqual([]); // 1 of 2: 50%
    expect(rules(evaluate([run(d(-2), 12)], { scheduled: week.slice(0, 1) }))).toEqual([]); // 0 of 1: too few
    expect(evaluate([run(d(-5), 12), run(d(-6), 12)], { scheduled: week })[0]!.summary).toBe('1 of 3 planned sessions completed in the last 7 days (33%).');
  });

  it('leaves out sessions before the 7 days and today’s session until it is done', () => {
    const acts = [run(d(-2), 12)];
    // d(-7) is outside; today's session is not missed yet: 0 of 1 scheduled.
    expect(rules(evaluate(acts, { scheduled: [session(d(-7), 3600), session(d(-6), 3600), session(d(0), 3600)] }))).toEqual([]);
    // Done today: 1 of 2, 50%, nothing fires; undone sessions on d(-6) and d(-4): 0 of 2 fires.
    expect(rules(evaluate([...acts, run(d(0), 12)], { scheduled: [session(d(-6), 3600), session(d(0), 3600)] }))).toEqual([]);
    expect(rules(evaluate(acts, { scheduled: [session(d(-6), 3600), session(d(-4), 3600)] }))).toEqual(['missed_sessions:watch']);
    expect(rules(evaluate([], { scheduled: week, athlete: { ...athlete, status: 'suspended' } }))).toEqual([]);
  });
});

describe('rising load on @injury-watch', () => {
  const watched = { athlete: { ...athlete, labels: ['@marathon', '@injury-watch'] } };

  it('fires watch above the 28-day weekly average and urgent from ACWR 1.3', () => {
    expect(rules(evaluate(loadAt(1000), watched))).toEqual([]);
    expect(rules(evaluate(loadAt(1010), watched))).toEqual(['injury_watch_load:watch']);
    expect(rules(evaluate(loadAt(1290), watched))).toEqual(['injury_watch_load:watch']);
    expect(rules(evaluate(loadAt(1300), watched))).toEqual(['load_spike:watch', 'injury_watch_load:urgent']);
    expect(rules(evaluate(loadAt(1290)))).toEqual([]);
  });

  it('needs no history (a comeback is what the label is for)', () => {
    const [f] = evaluate([hrRun(d(-1), 100)], watched);
    expect(f!.rule).toBe('injury_watch_load');
    // all the load in the last 7 days: acute 83.57, chronic 20.89, ACWR 4
    expect(f!.summary).toBe('Labelled @injury-watch, with a 7-day load of 84 TRIMP above the 28-day weekly average of 21 (ACWR 4.00).');
  });
});

describe('resting heart rate and HRV drift', () => {
  /** 10 measurements alternating 50 and 52 over the 28 days before `latest`: mean 51, sample SD sqrt(10/9) = 1.054093, band 48.89 .. 53.11. */
  const history = (field: 'resting_hr' | 'hrv_ms', latestDate: string, count = 10): DailyMetric[] =>
    daysEnding(addDays(latestDate, -1), count).map((date, i) => metric(date, { [field]: i % 2 === 0 ? 50 : 52 }));

  it('fires when the latest value leaves mean ± 2 SD of the 28 days before it', () => {
    const base = history('resting_hr', today);
    expect(rules(evaluate([run(d(0), 5)], { metrics: [...base, metric(today, { resting_hr: 53 })] }))).toEqual([]);
    expect(rules(evaluate([run(d(0), 5)], { metrics: [...base, metric(today, { resting_hr: 54 })] }))).toEqual(['resting_hr_drift:watch']);
    expect(rules(evaluate([run(d(0), 5)], { metrics: [...base, metric(today, { resting_hr: 48 })] }))).toEqual(['resting_hr_drift:watch']);
    const [f] = evaluate([run(d(0), 5)], { metrics: [...base, metric(today, { resting_hr: 58 })] });
    expect(f!.summary).toBe('Resting heart rate 58 bpm on Thu 26 Nov, above the 4-week band of 48.9 to 53.1 bpm (mean 51 ± 2 SD, 10 measurements).');
    expect(f!.figures.find((x) => x.key === 'resting_hr_high')).toEqual({ key: 'resting_hr_high', label: 'Band high (mean + 2 SD)', value: 53.1, unit: 'bpm' });
  });

  it('needs 10 measurements and a latest one from the last 7 days', () => {
    expect(rules(evaluate([run(d(0), 5)], { metrics: [...history('resting_hr', today, 9), metric(today, { resting_hr: 70 })] }))).toEqual([]);
    const old = d(-7);
    expect(rules(evaluate([run(d(0), 5)], { metrics: [...history('resting_hr', old), metric(old, { resting_hr: 70 })] }))).toEqual([]);
    const recent = d(-6);
    expect(rules(evaluate([run(d(0), 5)], { metrics: [...history('resting_hr', recent), metric(recent, { resting_hr: 70 })] }))).toEqual(['resting_hr_drift:watch']);
    // A measurement 29 days before the latest is outside the band window: only 9 left.
    const spread = [metric(d(-29), { resting_hr: 50 }), ...history('resting_hr', today, 9), metric(today, { resting_hr: 70 })];
    expect(rules(evaluate([run(d(0), 5)], { metrics: spread }))).toEqual([]);
  });

  it('reads HRV on its own', () => {
    const metrics = [...history('hrv_ms', today), metric(today, { hrv_ms: 40, resting_hr: 51 })];
    const [f] = evaluate([run(d(0), 5)], { metrics });
    expect(rules([f!])).toEqual(['hrv_drift:watch']);
    expect(f!.summary).toBe('HRV 40 ms on Thu 26 Nov, below the 4-week band of 48.9 to 53.1 ms (mean 51 ± 2 SD, 10 measurements).');
  });
});

describe('all rules together', () => {
  it('reports findings in rule order, summaries within the stored length', () => {
    const acts = [...loadAt(1600).map((a) => ({ ...a, local_date: addDays(a.local_date, -8) }))];
    const found = evaluate(acts, {
      athlete: { ...athlete, labels: ['@injury-watch'] },
      scheduled: [session(d(-3), 3600), session(d(-2), 3600)],
      metrics: [...history2(), metric(today, { resting_hr: 70, hrv_ms: 20 })],
    });
    expect(rules(found)).toEqual(['absence:watch', 'missed_sessions:watch', 'resting_hr_drift:watch', 'hrv_drift:watch']);
    for (const f of found) expect(f.summary.length).toBeLessThanOrEqual(300);
  });
});

function history2(): DailyMetric[] {
  return daysEnding(d(-1), 12).map((date, i) => metric(date, { resting_hr: 50 + (i % 3), hrv_ms: 60 + (i % 3) }));
}
