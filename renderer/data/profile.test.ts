import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from '../../shared/domain/activity';
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { AttentionSignal } from '../../shared/domain/signal';
import { addDays } from '../../shared/schedule/dates';
import { hrRun, run } from '../../shared/training/testing';
import { assignmentViews } from './assignmentViews';
import type { AstralData } from './database';
import { buildProfile, mergeSignals, setGoal, type ProfileInput } from './profile';
import { readOutbox } from './syncStatus';
import { TEST_COLLECTIONS, openTestDatabase, sampleAthlete, samplePlan, uuid } from './testDb';

const TODAY = '2026-11-25'; // a Wednesday
const athlete = sampleAthlete(1);

/** 8 weeks of 4 easy runs of 8 km, then a last week of 6 runs of 14 km: a load spike and a distance jump. */
function spikeHistory(): Activity[] {
  const out: Activity[] = [];
  for (let d = 8 * 7 + 6; d >= 7; d--) if (d % 7 < 4) out.push(run(addDays(TODAY, -d), 8, { athlete_id: athlete.id }));
  for (let d = 5; d >= 0; d--) out.push(run(addDays(TODAY, -d), 14, { athlete_id: athlete.id }));
  return out;
}

function signal(rule: AttentionSignal['rule'], patch: Partial<AttentionSignal> = {}): AttentionSignal {
  return {
    id: uuid(900 + rule.length),
    athlete_id: athlete.id,
    rule,
    severity: 'urgent',
    status: 'open',
    summary: 'From the server.',
    figures: [],
    detected_on: '2026-11-24',
    evaluated_on: '2026-11-25',
    resolved_on: null,
    snoozed_until: null,
    handled_by: null,
    handled_at: null,
    notified_coach_ids: [],
    created_at: '2026-11-24T08:00:00.000Z',
    updated_at: '2026-11-24T08:00:00.000Z',
    ...patch,
  };
}

const input = (patch: Partial<ProfileInput> = {}): ProfileInput => ({
  athlete,
  assignments: [],
  activities: spikeHistory(),
  metrics: [],
  signals: [],
  today: TODAY,
  units: 'km',
  ...patch,
});

describe('buildProfile', () => {
  it('computes the 16-week trend (last week partial), the recent feed newest first, load figures and insights', () => {
    const future = run('2026-11-27', 30, { athlete_id: athlete.id, start_time: '2026-11-27T07:00:00.000Z' });
    const p = buildProfile(input({ activities: [...spikeHistory(), future] }));
    expect(p.weeks).toHaveLength(16);
    expect(p.weeks.at(-1)?.week_start).toBe('2026-11-23');
    expect(p.weeks.at(-1)?.distance_m).toBe(3 * 14_000); // Mon..Wed, not Friday's future run
    expect(p.recent).toHaveLength(10);
    expect(p.recent[0]?.local_date).toBe(TODAY);
    expect(p.recent.some((a) => a.local_date > TODAY)).toBe(false);
    expect(p.load.acwrHistory).toBe(true);
    expect(p.load.acwr).toBeGreaterThanOrEqual(1.5);
    expect(p.load.ctl).toBeGreaterThan(0);
    expect(Math.abs((p.load.tsb ?? NaN) - ((p.load.ctl ?? 0) - (p.load.atl ?? 0)))).toBeLessThanOrEqual(1);
    expect(p.load.tsb).toBeLessThan(0); // a hard last week: fatigue above fitness
    expect(p.load.methods).toEqual({ trimp: 0, session_rpe: 0, estimate: expect.any(Number) });
    expect(p.insights.map((i) => i.key)).toContain('weekly_distance');
    expect(p.insights[0]?.text).toMatch(/km/);
    expect(buildProfile(input({ units: 'mi' })).insights[0]?.text).toMatch(/mi/);
  });

  it('counts heart-rate activities as TRIMP and an empty athlete has no figures', () => {
    const p = buildProfile(input({ activities: [hrRun(TODAY, 60, 10)] }));
    expect(p.load.methods.trimp).toBe(1);
    const empty = buildProfile(input({ activities: [] }));
    expect(empty.load).toMatchObject({ ctl: null, atl: null, tsb: null, acwr: null, acwrHistory: false, load7d: 0 });
    expect(empty.openSignals).toEqual([]);
    expect(empty.insights).toEqual([]);
  });

  it('compliance compares the plan sessions with the runs done', () => {
    const plan = samplePlan(1, {
      weeks: 1,
      sessions: [
        { week: 1, day: 1, kind: 'easy', distance_m: 8000, duration_s: 2400, target_pace_s_per_km: null, effort_rpe: null, note: '' },
        { week: 1, day: 2, kind: 'easy', distance_m: 8000, duration_s: 2400, target_pace_s_per_km: null, effort_rpe: null, note: '' },
        { week: 1, day: 3, kind: 'rest', distance_m: null, duration_s: null, target_pace_s_per_km: null, effort_rpe: null, note: '' },
      ],
    });
    const assignment: PlanAssignment = { id: uuid(70), athlete_id: athlete.id, training_plan_id: plan.id, start_date: '2026-11-23', ended_on: null, created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z' };
    const views = assignmentViews([assignment], new Map([[plan.id, plan]]), TODAY);
    const p = buildProfile(input({ assignments: views, activities: [run('2026-11-23', 8, { athlete_id: athlete.id })] }));
    expect(p.current.map((a) => a.id)).toEqual([uuid(70)]);
    expect(p.load.compliance7).toEqual({ completed: 1, scheduled: 2, ratio: 0.5 });
  });
});

describe('mergeSignals', () => {
  const findings = () => buildProfile(input()).openSignals;

  it('shows local findings at once, marked local, worst first', () => {
    const open = findings();
    expect(open.map((s) => s.rule)).toEqual(expect.arrayContaining(['load_spike', 'distance_jump']));
    expect(open.every((s) => s.origin === 'local' && s.status === 'open' && s.detected_on === TODAY)).toBe(true);
    expect(open[0]?.severity).toBe('urgent');
  });

  it('a synced document wins over the local finding of its rule, acknowledged or open', () => {
    const doc = signal('load_spike');
    const p = buildProfile(input({ signals: [doc] }));
    expect(p.openSignals.filter((s) => s.rule === 'load_spike')).toEqual([expect.objectContaining({ origin: 'synced', key: doc.id, summary: 'From the server.' })]);
    const acked = buildProfile(input({ signals: [signal('load_spike', { status: 'acknowledged' })] }));
    expect(acked.openSignals.some((s) => s.rule === 'load_spike')).toBe(false);
    expect(acked.handledSignals.map((s) => s.rule)).toEqual(['load_spike']);
  });

  it('a resolved document does not hide a new local episode; a snooze that ran out is open again', () => {
    const p = buildProfile(input({ signals: [signal('load_spike', { status: 'resolved', resolved_on: '2026-11-01' })] }));
    expect(p.resolvedSignals).toHaveLength(1);
    expect(p.openSignals.find((s) => s.rule === 'load_spike')?.origin).toBe('local');
    const merged = mergeSignals([signal('absence', { status: 'snoozed', snoozed_until: '2026-11-24' }), signal('hrv_drift', { status: 'snoozed', snoozed_until: TODAY })], [], TODAY);
    expect(merged.openSignals.map((s) => s.rule)).toEqual(['absence']);
    expect(merged.handledSignals.map((s) => s.rule)).toEqual(['hrv_drift']);
  });
});

describe('setGoal', () => {
  let data: AstralData | null = null;
  afterEach(async () => {
    await data?.db.close();
    data = null;
  });

  it('writes the goal race and target pace through the athlete edit path (outbox), and refuses a bad pace', async () => {
    data = await openTestDatabase([...TEST_COLLECTIONS, 'activities', 'daily_metrics', 'attention_signals']);
    const { db } = data;
    await db.athletes.insert(athlete);
    const goal = { name: 'Valencia Marathon', date: '2026-12-06', distance_m: 42_195, goal_time_s: 3 * 3600 };
    expect(await setGoal(db, athlete.id, goal, 255)).toEqual({ ok: true, changed: true });
    const doc = (await db.athletes.findOne(athlete.id).exec())?.toJSON();
    expect(doc).toMatchObject({ goal_race: goal, target_pace_s_per_km: 255 });
    expect(await readOutbox(db)).toContain(`athletes:${athlete.id}`);
    const bad = await setGoal(db, athlete.id, goal, 60);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors.target_pace_s_per_km).toMatch(/2:00/);
    expect(await setGoal(db, athlete.id, null, null)).toEqual({ ok: true, changed: true });
    expect((await db.athletes.findOne(athlete.id).exec())?.toJSON()).toMatchObject({ goal_race: null, target_pace_s_per_km: null });
  });
});
