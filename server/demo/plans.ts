/**
 * The demo organization's plan library: four current plans and one archived, each built week by
 * week the way a coach writes them (rest Monday, quality midweek, long run at the weekend, a
 * cutback every fourth week, a taper and a race at the end). Distances in metres, paces in s/km.
 */
import type { PlanContent, PlanSession, WorkoutKind } from '../../shared/domain/plan';

type Extra = Partial<Pick<PlanSession, 'distance_m' | 'duration_s' | 'target_pace_s_per_km' | 'effort_rpe'>>;

const s = (week: number, day: number, kind: WorkoutKind, extra: Extra, note = ''): PlanSession => ({
  week,
  day,
  kind,
  distance_m: extra.distance_m ?? null,
  duration_s: extra.duration_s ?? null,
  target_pace_s_per_km: extra.target_pace_s_per_km ?? null,
  effort_rpe: extra.effort_rpe ?? null,
  note,
});
const rest = (week: number, day: number, note = ''): PlanSession => s(week, day, 'rest', {}, note);
const km = (n: number) => Math.round(n * 1000);
const min = (n: number) => Math.round(n * 60);
/** "5:30" -> 330 s/km */
const pace = (text: string) => {
  const [m, sec] = text.split(':').map(Number);
  return (m ?? 0) * 60 + (sec ?? 0);
};
const weeks = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
/** Every fourth week is a lighter one. */
const cutback = (w: number) => w % 4 === 0;

function couchTo5k(): PlanContent {
  const runWalk = ['1 min run / 90 s walk × 8', '90 s run / 2 min walk × 6', '3 min run / 90 s walk × 5', '5 min run / 2 min walk × 4', '8 min run / 2 min walk × 3', '10 min run / 90 s walk × 2, then 5 min run', '25 min easy run', '30 min easy run'];
  const sessions = weeks(8).flatMap((w) => [
    rest(w, 1),
    s(w, 2, 'easy', { duration_s: min(20 + w * 2), effort_rpe: 4 }, runWalk[w - 1] ?? ''),
    s(w, 4, 'easy', { duration_s: min(20 + w * 2), effort_rpe: 4 }, runWalk[w - 1] ?? ''),
    w === 8
      ? s(w, 6, 'race', { distance_m: km(5), effort_rpe: 8 }, 'Your first 5K: parkrun! Start slower than you think.')
      : s(w, 6, 'long_run', { duration_s: min(25 + w * 3), effort_rpe: 4 }, 'Run-walk at a chatty pace; walking is part of the plan.'),
  ]);
  return {
    name: 'Couch to 5K',
    description: 'From walking to running 5 km without stopping in eight weeks: three run-walk sessions a week that slowly swap walking for running.',
    level: 'beginner',
    weeks: 8,
    sessions,
  };
}

function tenKBuilder(): PlanContent {
  const reps = ['6 × 400 m', '5 × 800 m', '4 × 1 km', '3 × 1 mile'];
  const sessions = weeks(10).flatMap((w) => {
    const race = w === 10;
    const easy = cutback(w) ? 0.8 : 1;
    return [
      rest(w, 1),
      race
        ? s(w, 2, 'intervals', { distance_m: km(6), target_pace_s_per_km: pace('4:50'), effort_rpe: 7 }, '4 × 400 m at race pace to stay sharp')
        : s(w, 2, 'intervals', { distance_m: km(7 + (w % 3)), target_pace_s_per_km: pace('4:40'), effort_rpe: 8 }, `${reps[w % 4]} at 5K pace, equal jog recoveries`),
      s(w, 3, 'recovery', { distance_m: km(5 * easy), target_pace_s_per_km: pace('6:30'), effort_rpe: 3 }),
      s(w, 4, 'tempo', { distance_m: km(race ? 5 : 7 + Math.min(w, 6) * 0.5), target_pace_s_per_km: pace('5:05'), effort_rpe: 7 }, '2 km easy, tempo block, 1 km easy'),
      s(w, 6, 'easy', { distance_m: km(6 * easy), target_pace_s_per_km: pace('6:00'), effort_rpe: 4 }, race ? 'Shake-out with 4 strides' : ''),
      race
        ? s(w, 7, 'race', { distance_m: km(10), target_pace_s_per_km: pace('4:55'), effort_rpe: 9 }, 'Race day: even splits, push from 8 km.')
        : s(w, 7, 'long_run', { distance_m: km((10 + Math.min(w, 8)) * easy), target_pace_s_per_km: pace('6:05'), effort_rpe: 5 }),
    ];
  });
  return {
    name: '10K builder',
    description: 'Ten weeks to a faster 10K: one interval session, one tempo run and a growing long run each week, with a cutback every fourth week.',
    level: 'intermediate',
    weeks: 10,
    sessions,
  };
}

function halfMarathon(): PlanContent {
  const longs = [12, 13, 15, 12, 16, 17, 18, 14, 19, 20, 16, 21.1];
  const sessions = weeks(12).flatMap((w) => {
    const taper = w >= 11;
    const long = longs[w - 1] ?? 12;
    return [
      rest(w, 1, w === 1 ? 'Rest or 30 min of easy cycling' : ''),
      w % 2 === 0
        ? s(w, 2, 'hills', { duration_s: min(taper ? 35 : 50), effort_rpe: 8 }, `${taper ? 6 : 8 + Math.floor(w / 3)} × 60 s uphill hard, jog down`)
        : s(w, 2, 'intervals', { distance_m: km(taper ? 7 : 9), target_pace_s_per_km: pace('4:35'), effort_rpe: 8 }, '5 × 1 km at 10K pace, 2 min jog'),
      s(w, 3, 'easy', { distance_m: km(cutback(w) || taper ? 6 : 8), target_pace_s_per_km: pace('5:50'), effort_rpe: 4 }),
      s(w, 4, 'tempo', { distance_m: km(taper ? 6 : 8 + Math.min(w, 8) * 0.5), target_pace_s_per_km: pace('4:55'), effort_rpe: 7 }, 'Half-marathon effort in the middle 4-6 km'),
      s(w, 5, 'cross_training', { duration_s: min(40), effort_rpe: 3 }, 'Bike, swim or strength: easy'),
      w === 12
        ? s(w, 7, 'race', { distance_m: km(21.1), target_pace_s_per_km: pace('5:00'), effort_rpe: 9 }, 'Race day: first 5 km controlled, gel at 8 and 15 km.')
        : s(w, 7, 'long_run', { distance_m: km(long), target_pace_s_per_km: pace('5:55'), effort_rpe: 5 }, w >= 9 ? 'Last 3 km at half-marathon pace' : ''),
    ];
  });
  return {
    name: 'Half marathon',
    description: 'Twelve weeks to 21.1 km: alternating hills and intervals, a weekly tempo run, long runs up to 20 km and a two-week taper.',
    level: 'intermediate',
    weeks: 12,
    sessions,
  };
}

function marathonBase(): PlanContent {
  const sessions = weeks(16).flatMap((w) => {
    const light = cutback(w) || w === 16;
    const long = light ? 18 : Math.min(16 + w * 1.2, 32);
    return [
      rest(w, 1),
      s(w, 2, 'intervals', { distance_m: km(light ? 10 : 12), target_pace_s_per_km: pace('4:05'), effort_rpe: 8 }, w % 2 ? '6 × 1 km at 10K pace, 90 s jog' : '3 × 3 km at half-marathon pace, 2 min jog'),
      s(w, 3, 'easy', { distance_m: km(light ? 8 : 12), target_pace_s_per_km: pace('5:20'), effort_rpe: 4 }),
      s(w, 4, 'tempo', { distance_m: km(light ? 10 : 14), target_pace_s_per_km: pace('4:20'), effort_rpe: 7 }, 'Continuous tempo at marathon pace + 10 s'),
      s(w, 5, 'recovery', { distance_m: km(8), target_pace_s_per_km: pace('5:50'), effort_rpe: 2 }, 'Truly easy: heart rate under 140'),
      s(w, 6, 'fartlek', { duration_s: min(light ? 40 : 55), effort_rpe: 6 }, '10 × 1 min on / 1 min off, by feel'),
      s(w, 7, 'long_run', { distance_m: km(long), target_pace_s_per_km: pace('5:15'), effort_rpe: light ? 5 : 6 }, w >= 10 && !light ? 'Middle third at marathon pace; practise fuelling every 30 min' : ''),
    ];
  });
  return {
    name: 'Marathon base',
    description: 'Sixteen weeks of marathon-specific volume for experienced runners: six days a week, long runs up to 32 km, a cutback week every fourth.',
    level: 'advanced',
    weeks: 16,
    sessions,
  };
}

function spring5k(): PlanContent {
  const sessions = weeks(6).flatMap((w) => [
    s(w, 2, 'intervals', { distance_m: km(6), target_pace_s_per_km: pace('4:15'), effort_rpe: 8 }, '8 × 400 m at 3K pace, 200 m jog'),
    s(w, 4, 'tempo', { distance_m: km(6), target_pace_s_per_km: pace('4:40'), effort_rpe: 7 }),
    w === 6
      ? s(w, 7, 'race', { distance_m: km(5), effort_rpe: 9 }, 'Club 5K championship')
      : s(w, 7, 'long_run', { distance_m: km(12), target_pace_s_per_km: pace('5:45'), effort_rpe: 5 }),
  ]);
  return {
    name: 'Spring 5K sharpener (2025)',
    description: 'Last spring’s six-week block before the club 5K championship. Archived: kept for the record.',
    level: 'intermediate',
    weeks: 6,
    sessions,
  };
}

export type DemoPlanKey = 'c25k' | '10k' | 'half' | 'marathon' | 'spring5k';

/** The demo plans, with whether each is archived. */
export const DEMO_PLANS: readonly { key: DemoPlanKey; content: PlanContent; archived: boolean }[] = [
  { key: 'c25k', content: couchTo5k(), archived: false },
  { key: '10k', content: tenKBuilder(), archived: false },
  { key: 'half', content: halfMarathon(), archived: false },
  { key: 'marathon', content: marathonBase(), archived: false },
  { key: 'spring5k', content: spring5k(), archived: true },
];

/**
 * Assignments relative to the Monday of the seed week (weeks +/-): by index into the demo's active
 * athletes. Some running, a few upcoming, a few finished, one ended early (`endedAfter` weeks after
 * its start), and athlete 0 with an overlapping pair (a 10K block inside a marathon build).
 */
export const DEMO_ASSIGNMENTS: readonly { athlete: number; plan: DemoPlanKey; startWeek: number; startDay?: number; endedAfter?: number }[] = [
  { athlete: 0, plan: 'marathon', startWeek: -5 },
  { athlete: 0, plan: '10k', startWeek: -2 },
  { athlete: 1, plan: 'marathon', startWeek: -5 },
  { athlete: 2, plan: 'marathon', startWeek: -9 },
  { athlete: 3, plan: 'half', startWeek: -3 },
  { athlete: 4, plan: 'half', startWeek: -3, startDay: 3 },
  { athlete: 5, plan: 'half', startWeek: 2 },
  { athlete: 6, plan: 'half', startWeek: 2 },
  { athlete: 7, plan: '10k', startWeek: -6 },
  { athlete: 8, plan: '10k', startWeek: 1 },
  { athlete: 9, plan: 'c25k', startWeek: -1 },
  { athlete: 10, plan: 'c25k', startWeek: -1 },
  { athlete: 11, plan: 'c25k', startWeek: -12 },
  { athlete: 12, plan: 'c25k', startWeek: -13 },
  { athlete: 13, plan: 'spring5k', startWeek: -30 },
  { athlete: 14, plan: 'marathon', startWeek: -8, endedAfter: 6 },
];
