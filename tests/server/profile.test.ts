/**
 * The profile aggregate, the goal race / target pace and the integration reports through the API.
 */
import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import { COACH1, describeOnBackends, login, request, snapshot, type Session } from './helpers';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Profile = {
  today: string;
  athlete: Athlete;
  plans: { current: { plan_name: string; status: string }[]; upcoming: unknown[] };
  goal_race: unknown;
  integrations: { provider: string; state: string }[];
  recent_activities: { start_time: string }[];
  weekly_distance: { unit: string; weeks: { week_start: string; distance_m: number }[] };
  load: { unit: string; ctl: number; atl: number; tsb: number; acwr: number | null; last_7_days: unknown[]; last_7_days_load: number; method: string };
  compliance: { last_7_days: { scheduled: number; completed: number }; last_28_days: { scheduled: number } };
  insights: { key: string; text: string; figures: unknown[] }[];
  signals: { rule: string; status: string }[];
};

describeOnBackends('athlete profile API', (server) => {
  let s: Session;
  let athletes: Athlete[];
  const org = (p: string) => `/api/v1/organizations/${s.orgId}${p}`;

  it('gathers plans, goal, integrations, recent activities, a 16-week trend, load, compliance, insights and open signals', async () => {
    s = await login(server(), COACH1);
    athletes = (await request<{ data: Athlete[] }>(server(), 'GET', org('/athletes?limit=200'), { token: s.token })).body.data;
    const withPlan = athletes.find((a) => a.goal_race !== null && a.integrations.length > 0 && a.status === 'active')!;
    const res = await request<Profile>(server(), 'GET', org(`/athletes/${withPlan.id}/profile`), { token: s.token });
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.athlete.id).toBe(withPlan.id);
    expect(typeof p.athlete.private_notes).toBe('string');
    expect(p.goal_race).toEqual(withPlan.goal_race);
    expect(p.integrations).toEqual(withPlan.integrations);
    expect(p.recent_activities.length).toBe(20);
    expect(p.weekly_distance.unit).toBe('m');
    expect(p.weekly_distance.weeks).toHaveLength(16);
    expect(p.weekly_distance.weeks.filter((w) => w.distance_m > 0).length).toBeGreaterThan(12);
    expect(p.load.unit).toBe('TRIMP');
    expect(p.load.ctl).toBeGreaterThan(0);
    expect(p.load.last_7_days).toHaveLength(7);
    expect(p.load.method).toMatch(/TRIMP/);
    expect(p.insights.length).toBeGreaterThan(2);
    expect(p.insights.every((i) => i.text.length > 0 && i.figures.length > 0)).toBe(true);
    expect(p.signals.every((x) => x.status === 'open' || x.status === 'snoozed')).toBe(true);
    const miles = await request<Profile>(server(), 'GET', org(`/athletes/${withPlan.id}/profile?units=mi`), { token: s.token });
    expect(miles.body.insights.find((i) => i.key === 'weekly_distance')?.text).toMatch(/mi/);
  });

  it('shows a plan athlete’s current plan with its name and compliance against it; an unknown athlete is a 404', async () => {
    const views = await Promise.all(athletes.map(async (a) => ({ a, p: (await request<Profile>(server(), 'GET', org(`/athletes/${a.id}/profile`), { token: s.token })).body })));
    const planned = views.filter((v) => v.p.plans.current.length > 0);
    expect(planned.length).toBeGreaterThan(3);
    expect(planned.every((v) => v.p.compliance.last_28_days.scheduled > 0)).toBe(true);
    const missed = views.find((v) => v.p.signals.some((x) => x.rule === 'missed_sessions'))!;
    expect(missed.p.compliance.last_7_days.completed / missed.p.compliance.last_7_days.scheduled).toBeLessThan(0.5);
    const res = await request<ErrorBody>(server(), 'GET', org('/athletes/00000000-0000-4000-8000-000000000000/profile'), { token: s.token });
    expect(res.status).toBe(404);
  });

  it('sets and clears the goal race and target pace; refuses bad ones with the field named', async () => {
    const a = athletes.find((x) => x.status === 'active')!;
    const goal = { goal_race: { name: 'Berlin Marathon', date: '2027-09-26', distance_m: 42195, goal_time_s: 10800 }, target_pace_s_per_km: 256 };
    const res = await request<Athlete>(server(), 'PUT', org(`/athletes/${a.id}/goal`), { token: s.token, json: goal });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject(goal);
    const before = await snapshot(server());
    for (const [body, field] of [
      [{ ...goal, target_pace_s_per_km: 60 }, 'target_pace_s_per_km'],
      [{ ...goal, goal_race: { ...goal.goal_race, date: '2027-02-30' } }, 'goal_race.date'],
      [{ goal_race: null }, 'target_pace_s_per_km'],
      [{ ...goal, extra: 1 }, 'extra'],
    ] as const) {
      const bad = await request<ErrorBody>(server(), 'PUT', org(`/athletes/${a.id}/goal`), { token: s.token, json: body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.field).toBe(field);
    }
    expect(await snapshot(server())).toBe(before);
    const cleared = await request<Athlete>(server(), 'PUT', org(`/athletes/${a.id}/goal`), { token: s.token, json: { goal_race: null, target_pace_s_per_km: null } });
    expect(cleared.body).toMatchObject({ goal_race: null, target_pace_s_per_km: null });
  });

  it('records a partner’s integration report (server-written), refusing unknown providers', async () => {
    const a = athletes.find((x) => x.status === 'active' && x.integrations.length === 0)!;
    const res = await request<Athlete>(server(), 'PUT', org(`/athletes/${a.id}/integrations/garmin`), { token: s.token, json: { state: 'error', detail: 'Token expired' } });
    expect(res.status).toBe(200);
    expect(res.body.integrations).toEqual([expect.objectContaining({ provider: 'garmin', state: 'error', detail: 'Token expired', last_sync_at: null })]);
    const strava = await request<Athlete>(server(), 'PUT', org(`/athletes/${a.id}/integrations/strava`), { token: s.token, json: { state: 'connected', last_sync_at: '2026-01-01T10:00:00Z' } });
    expect(strava.body.integrations.map((i) => i.provider)).toEqual(['strava', 'garmin']);
    const fixed = await request<Athlete>(server(), 'PUT', org(`/athletes/${a.id}/integrations/garmin`), { token: s.token, json: { state: 'connected' } });
    expect(fixed.body.integrations.find((i) => i.provider === 'garmin')).toMatchObject({ state: 'connected', detail: null });
    const unknown = await request<ErrorBody>(server(), 'PUT', org(`/athletes/${a.id}/integrations/polar`), { token: s.token, json: { state: 'connected' } });
    expect(unknown.status).toBe(404);
    const bad = await request<ErrorBody>(server(), 'PUT', org(`/athletes/${a.id}/integrations/strava`), { token: s.token, json: { state: 'happy' } });
    expect(bad.status).toBe(400);
  });
});
