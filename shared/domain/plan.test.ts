import { describe, expect, it } from 'vitest';
import { PLAN_FILE_FORMAT, PlanContent, PlanSession, TrainingPlan, TrainingPlanPatch, readPlanFile, toPlanFile, type PlanContent as Content } from './plan';

const session = (patch: Partial<PlanSession> = {}): PlanSession => ({
  week: 1,
  day: 1,
  kind: 'easy',
  distance_m: 8000,
  duration_s: null,
  target_pace_s_per_km: 330,
  effort_rpe: null,
  note: '',
  ...patch,
});
const content = (patch: Partial<Content> = {}): Content => ({
  name: 'Marathon base',
  description: 'Base\nbuilding',
  level: 'intermediate',
  weeks: 2,
  sessions: [session({ week: 2, day: 7, kind: 'long_run', distance_m: 20000 }), session()],
  ...patch,
});
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);

describe('plan sessions', () => {
  it('accepts a workout with a distance or a duration, and a rest day with neither', () => {
    expect(PlanSession.safeParse(session()).success).toBe(true);
    expect(PlanSession.safeParse(session({ distance_m: null, duration_s: 3600, target_pace_s_per_km: null, effort_rpe: 6 })).success).toBe(true);
    expect(PlanSession.safeParse(session({ kind: 'rest', distance_m: null, target_pace_s_per_km: null, note: 'Sleep' })).success).toBe(true);
  });

  it('refuses a workout without distance or duration, and a rest day with one', () => {
    expect(issues(PlanSession.safeParse(session({ distance_m: null })))).toEqual(['distance_m: a workout needs a distance or a duration']);
    expect(issues(PlanSession.safeParse(session({ kind: 'rest', target_pace_s_per_km: null })))).toEqual(['kind: a rest day has no distance, duration, pace or effort']);
  });

  it('bounds every number and refuses unknown fields and line breaks in notes', () => {
    expect(issues(PlanSession.safeParse(session({ day: 0 })))).toEqual(['day: day must be 1 (Monday) to 7 (Sunday)']);
    expect(issues(PlanSession.safeParse(session({ day: 8 })))).toEqual(['day: day must be 1 (Monday) to 7 (Sunday)']);
    expect(issues(PlanSession.safeParse(session({ week: 53 })))).toEqual(['week: week must be at most 52']);
    expect(issues(PlanSession.safeParse(session({ distance_m: 50 })))).toEqual(['distance_m: distance must be at least 100 m']);
    expect(issues(PlanSession.safeParse(session({ target_pace_s_per_km: 100 })))).toEqual(['target_pace_s_per_km: pace must be 2:00/km or slower']);
    expect(issues(PlanSession.safeParse(session({ effort_rpe: 11 })))).toEqual(['effort_rpe: effort is RPE 1 to 10']);
    expect(PlanSession.safeParse(session({ distance_m: 5000.5 })).success).toBe(false);
    expect(PlanSession.safeParse(session({ note: 'two\nlines' })).success).toBe(false);
    expect(PlanSession.safeParse({ ...session(), extra: 1 }).success).toBe(false);
    expect(PlanSession.safeParse(session({ kind: 'sprint' as 'easy' })).success).toBe(false);
  });
});

describe('plan content', () => {
  it('accepts a plan and trims its name', () => {
    const parsed = PlanContent.safeParse(content({ name: '  Marathon base ' }));
    expect(parsed.success && parsed.data.name).toBe('Marathon base');
  });

  it('refuses an empty name, a bad length, a session after the last week and two workouts on one day, with paths', () => {
    expect(issues(PlanContent.safeParse(content({ name: '   ' })))).toEqual(['name: is required']);
    expect(issues(PlanContent.safeParse(content({ weeks: 0, sessions: [] })))).toEqual(['weeks: a plan lasts at least 1 week']);
    expect(issues(PlanContent.safeParse(content({ weeks: 53, sessions: [] })))).toEqual(['weeks: a plan lasts at most 52 weeks']);
    expect(issues(PlanContent.safeParse(content({ weeks: 1 })))).toEqual(["sessions.0.week: week 2 is after the plan's last week (1)"]);
    expect(issues(PlanContent.safeParse(content({ sessions: [session(), session({ note: 'again' })] })))).toEqual(['sessions.1.day: week 1, Monday has two workouts']);
    expect(issues(PlanContent.safeParse({ ...content(), owner: 'me' }))).toEqual([': Unrecognized key: "owner"']);
  });

  it('reports a wrong day once, not also as two workouts on a day', () => {
    expect(issues(PlanContent.safeParse(content({ sessions: [session({ day: 9 }), session({ day: 9 })] })))).toEqual([
      'sessions.0.day: day must be 1 (Monday) to 7 (Sunday)',
      'sessions.1.day: day must be 1 (Monday) to 7 (Sunday)',
    ]);
  });

  it('allows at most 52 x 7 sessions', () => {
    const all = Array.from({ length: 52 * 7 }, (_, i) => session({ week: Math.floor(i / 7) + 1, day: (i % 7) + 1 }));
    expect(PlanContent.safeParse(content({ weeks: 52, sessions: all })).success).toBe(true);
    expect(issues(PlanContent.safeParse(content({ weeks: 52, sessions: [...all, session()] })))[0]).toBe('sessions: at most 364 sessions');
  });
});

describe('stored plans and patches', () => {
  const stored = { id: '00000000-0000-4000-8000-000000000001', ...content(), archived: false, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };

  it('checks a stored plan with the same rules, each problem once', () => {
    expect(TrainingPlan.safeParse(stored).success).toBe(true);
    expect(issues(TrainingPlan.safeParse({ ...stored, weeks: 1 }))).toEqual(["sessions.0.week: week 2 is after the plan's last week (1)"]);
    expect(issues(TrainingPlan.safeParse({ ...stored, sessions: [session({ day: 9 })] }))).toEqual(['sessions.0.day: day must be 1 (Monday) to 7 (Sunday)']);
    expect(TrainingPlan.safeParse({ ...stored, archived: 'no' }).success).toBe(false);
  });

  it('takes any of the content fields and archived in a patch, nothing else', () => {
    expect(TrainingPlanPatch.safeParse({}).success).toBe(true);
    expect(TrainingPlanPatch.safeParse({ archived: true, weeks: 8 }).success).toBe(true);
    expect(TrainingPlanPatch.safeParse({ id: stored.id }).success).toBe(false);
    expect(issues(TrainingPlanPatch.safeParse({ name: '' }))).toEqual(['name: is required']);
  });
});

describe('plan files', () => {
  it('round-trips a plan through its file, with sessions in (week, day) order', () => {
    const file = toPlanFile(content());
    expect(file.format).toBe(PLAN_FILE_FORMAT);
    expect(file.plan.sessions.map((s) => [s.week, s.day])).toEqual([
      [1, 1],
      [2, 7],
    ]);
    expect(readPlanFile(JSON.stringify(file, null, 2))).toEqual({ ok: true, plan: file.plan });
    // Only content travels: no id, archive flag or timestamps.
    expect(Object.keys(toPlanFile({ ...content(), ...{ id: 'x', archived: true } }).plan).sort()).toEqual(['description', 'level', 'name', 'sessions', 'weeks']);
  });

  it('sorts the sessions of a hand-written file', () => {
    const file = { ...toPlanFile(content()), plan: { ...content(), sessions: [session({ week: 2, day: 3 }), session({ week: 1, day: 5 })] } };
    const read = readPlanFile(JSON.stringify(file));
    expect(read.ok && read.plan.sessions.map((s) => [s.week, s.day])).toEqual([
      [1, 5],
      [2, 3],
    ]);
  });

  it('says what is wrong with a file that is not a plan file', () => {
    expect(readPlanFile('{"format": ')).toEqual({ ok: false, errors: ['The file is not JSON: an exported plan file is a .json file.'] });
    const notOurs = { ok: false, errors: [`This is not an Astral Coach plan file (format must be "${PLAN_FILE_FORMAT}").`] };
    expect(readPlanFile('[1, 2]')).toEqual(notOurs);
    expect(readPlanFile('null')).toEqual(notOurs);
    expect(readPlanFile('{"name": "Marathon"}')).toEqual(notOurs);
    expect(readPlanFile(JSON.stringify({ ...toPlanFile(content()), version: 2 }))).toEqual({ ok: false, errors: ['This plan file version is not supported (expected 1).'] });
  });

  it('lists every problem of a plan file with where it is', () => {
    const file = toPlanFile(content());
    const bad = { ...file, plan: { ...file.plan, name: '', sessions: [file.plan.sessions[0], { ...file.plan.sessions[1], day: 0 }] } };
    expect(readPlanFile(JSON.stringify(bad))).toEqual({
      ok: false,
      errors: ['plan.name: is required', 'plan.sessions[1].day: day must be 1 (Monday) to 7 (Sunday)'],
    });
    expect(readPlanFile(JSON.stringify({ ...file, extra: true }))).toEqual({ ok: false, errors: ['Unrecognized key: "extra"'] });
  });

  it('lists at most 20 problems and says how many more there are', () => {
    const file = toPlanFile(content({ weeks: 1, sessions: [] }));
    const sessions = Array.from({ length: 25 }, () => session({ day: 0 }));
    const read = readPlanFile(JSON.stringify({ ...file, plan: { ...file.plan, sessions } }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toHaveLength(21);
    expect(read.errors[0]).toBe('plan.sessions[0].day: day must be 1 (Monday) to 7 (Sunday)');
    expect(read.errors[20]).toBe('… and 5 more problems');
  });
});
