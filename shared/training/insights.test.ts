import { describe, expect, it } from 'vitest';
import type { Activity, DailyMetric } from '../domain/activity';
import { Figure } from '../domain/signal';
import { addDays } from '../schedule/dates';
import { MAX_INSIGHTS, insights, type InsightInput } from './insights';
import { metric, run, session } from './testing';

// Thursday 2026-11-26; this week started Monday 2026-11-23.
const today = '2026-11-26';
const d = (n: number): string => addDays(today, n);

/**
 * 16 weeks of an athlete running 4 times a week, 40 km a week (8 + 10 + 8 + 14) at 5:00 /km and
 * 150 bpm; the last 7 days 57 km with a 24 km long run yesterday. Resting heart rate around 50.
 */
function fixture(): Activity[] {
  const out: Activity[] = [];
  for (let back = 7; back < 16 * 7; back += 7) {
    for (const [offset, km] of [[0, 8], [2, 10], [4, 8], [5, 14]] as const) out.push(run(d(-back - offset), km, { avg_hr: 150 }));
  }
  out.push(run(d(-6), 10, { avg_hr: 150 }), run(d(-4), 12, { avg_hr: 150 }), run(d(-3), 11, { avg_hr: 150 }), run(d(-1), 24, { avg_hr: 145 }));
  return out;
}
const metrics: DailyMetric[] = [...Array.from({ length: 12 }, (_, i) => metric(d(-12 + i), { resting_hr: 49 + (i % 3) })), metric(today, { resting_hr: 53 })];

const input = (over: Partial<InsightInput> = {}): InsightInput => ({
  today,
  athlete: { status: 'active', labels: [], max_hr: 190, resting_hr: 50 },
  activities: fixture(),
  metrics,
  scheduled: [session(d(-3), 3000), session(d(-1), 7200), session(d(0), 3600)],
  units: 'km',
  ...over,
});

describe('insights', () => {
  it('reads the fixture in plain sentences, at most six, in a fixed order', () => {
    const out = insights(input());
    expect(out.length).toBeLessThanOrEqual(MAX_INSIGHTS);
    expect(out.map((i) => i.text)).toMatchInlineSnapshot(`
      [
        "Last 7 days: 57 km, up 43% on the 4-week average and the highest in 16 weeks",
        "2 of 2 planned sessions done this week (100%)",
        "Form (TSB) -12: fatigue is well above fitness, a hard training block",
        "Acute:chronic load ratio 1.25 (within the 0.8 to 1.3 range): 489 TRIMP in 7 days against 392 per week over 28 days",
        "Longest run in 16 weeks: 24.0 km in 2:00:00, yesterday",
        "Resting heart rate 53 bpm on Thu 26 Nov, 3 bpm above its 4-week average of 50 bpm",
      ]
    `);
    for (const i of out) for (const f of i.figures) expect(Figure.safeParse(f).success, `${i.key}: ${f.key}`).toBe(true);
  });

  it('shows the numbers behind each sentence', () => {
    const weekly = insights(input()).find((i) => i.key === 'weekly_distance');
    expect(weekly?.figures).toMatchInlineSnapshot(`
      [
        {
          "key": "distance_7d",
          "label": "Running distance, last 7 days",
          "unit": "km",
          "value": 57,
        },
        {
          "key": "distance_4wk_avg",
          "label": "Weekly average, 4 weeks before",
          "unit": "km",
          "value": 40,
        },
        {
          "key": "distance_change",
          "label": "Change",
          "unit": "%",
          "value": 43,
        },
      ]
    `);
  });

  it('follows the unit setting', () => {
    const out = insights(input({ units: 'mi' }));
    expect(out.filter((i) => i.key === 'weekly_distance' || i.key === 'longest_run').map((i) => i.text)).toMatchInlineSnapshot(`
      [
        "Last 7 days: 35 mi, up 43% on the 4-week average and the highest in 16 weeks",
        "Longest run in 16 weeks: 14.9 mi in 2:00:00, yesterday",
      ]
    `);
    expect(out.find((i) => i.key === 'weekly_distance')!.figures[0]).toEqual({ key: 'distance_7d', label: 'Running distance, last 7 days', value: 35.4, unit: 'mi' });
  });

  it('brings in monotony when there is room (no plan, no wellness data)', () => {
    const out = insights(input({ metrics: [], scheduled: [] }));
    expect(out.map((i) => i.key)).toEqual(['weekly_distance', 'form', 'acwr', 'longest_run', 'monotony']);
    expect(out.at(-1)!.text).toMatchInlineSnapshot(`"Training monotony 1.0 over 7 days: days vary between hard and easy (strain 504)"`);
  });

  it('says nothing without data and is deterministic', () => {
    expect(insights(input({ activities: [], metrics: [], scheduled: [] }))).toEqual([]);
    expect(insights(input())).toEqual(insights(input()));
  });

  it('words a lighter week and a first week back', () => {
    const light = fixture().filter((a) => a.local_date < d(-6) || a.local_date === d(-1));
    expect(insights(input({ activities: light, scheduled: [] }))[0]!.text).toBe('Last 7 days: 24 km, down 40% on the 4-week average');
    const back = [run(d(-2), 6), run(d(-60), 10)];
    expect(insights(input({ activities: back, scheduled: [], metrics: [] }))[0]!.text).toBe('Last 7 days: 6 km, after 4 weeks without running');
  });
});
