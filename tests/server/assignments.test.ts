import { expect, it } from 'vitest';
import { assignmentId } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { TrainingPlan } from '../../shared/domain/plan';
import { addDays, mondayOf, todayIn } from '../../shared/schedule/dates';
import { COACH1, COACH2, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session } from './helpers';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Bulk = {
  results: { athlete_id: string; outcome: 'assigned' | 'already_assigned' | 'refused'; assignment?: View; error?: { code: string; message: string } }[];
  assigned: number;
  already_assigned: number;
  refused: number;
};
type View = {
  id: string;
  athlete_id: string;
  training_plan_id: string;
  plan_name: string;
  start_date: string;
  end_date: string;
  ended_on: string | null;
  status: 'upcoming' | 'active' | 'completed' | 'ended';
  overlaps: boolean;
  created_at: string;
  updated_at: string;
};

describeOnBackends('plan assignments API', (server) => {
  let s: Session;
  let plans: Map<string, TrainingPlan>;
  let athletes: Athlete[];
  let demoViews: View[];
  /** Active athletes without a demo assignment. */
  let free: Athlete[];
  const org = (p: string) => `/api/v1/organizations/${s.orgId}${p}`;
  const plansOf = async (athleteId: string, token = s.token) => request<{ data: View[] }>(server(), 'GET', org(`/athletes/${athleteId}/plans`), { token });
  const assign = <T = View>(athleteId: string, body: unknown, token = s.token) => request<T>(server(), 'POST', org(`/athletes/${athleteId}/plans`), { token, json: body });
  const plan = (name: string) => plans.get(name)!;
  // Demo organization: Europe/London.
  const today = () => todayIn('Europe/London');
  const lastSeq = async () => Number((await server().db.query<{ seq: string }>('SELECT seq FROM organizations WHERE id = $1', [s.orgId])).rows[0]!.seq);

  it('shows the demo assignments with their status on the organization’s today: current, upcoming, finished, ended early, overlapping', async () => {
    s = await login(server(), COACH1);
    plans = new Map((await request<{ data: TrainingPlan[] }>(server(), 'GET', org('/training-plans'), { token: s.token })).body.data.map((p) => [p.name, p]));
    athletes = (await request<{ data: Athlete[] }>(server(), 'GET', org('/athletes?limit=200'), { token: s.token })).body.data;
    const views: View[] = [];
    for (const a of athletes) views.push(...(await plansOf(a.id)).body.data);
    expect(views).toHaveLength(16);
    demoViews = views;
    free = athletes.filter((a) => a.status === 'active' && !views.some((v) => v.athlete_id === a.id));
    expect(free.length).toBeGreaterThan(8);
    const count = (status: View['status']) => views.filter((v) => v.status === status).length;
    expect([count('active'), count('upcoming'), count('completed'), count('ended')]).toEqual([9, 3, 3, 1]);
    const overlapping = views.filter((v) => v.overlaps);
    expect(overlapping.map((v) => v.plan_name).sort()).toEqual(['10K builder', 'Marathon base']);
    expect(new Set(overlapping.map((v) => v.athlete_id)).size).toBe(1);
    const ended = views.find((v) => v.status === 'ended')!;
    expect(ended.end_date).toBe(addDays(ended.ended_on!, -1));
    for (const v of views) {
      expect(v.id).toBe(assignmentId(v.athlete_id, v.training_plan_id, v.start_date));
      if (v.ended_on === null) expect(v.end_date).toBe(addDays(mondayOf(v.start_date), plans.get(v.plan_name)!.weeks * 7 - 1));
    }
  });

  it('assigns a plan (201 with the assignment), and the same plan with the same start again is 200 with the same assignment, writing nothing', async () => {
    const athlete = free[0]!;
    const start = addDays(mondayOf(today()), 7);
    const res = await assign(athlete.id, { training_plan_id: plan('10K builder').id, start_date: start });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: assignmentId(athlete.id, plan('10K builder').id, start),
      athlete_id: athlete.id,
      training_plan_id: plan('10K builder').id,
      plan_name: '10K builder',
      start_date: start,
      end_date: addDays(start, 10 * 7 - 1),
      ended_on: null,
      status: 'upcoming',
    });
    const before = await snapshot(server());
    const again = await assign(athlete.id, { training_plan_id: plan('10K builder').id, start_date: start });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    expect(await snapshot(server())).toBe(before);
    expect((await plansOf(athlete.id)).body.data).toContainEqual(res.body);
    // Another coach sees it, and open apps pull it.
    expect((await plansOf(athlete.id, (await login(server(), COACH2)).token)).body.data).toContainEqual(res.body);
    const pulled = await request<{ documents: Record<string, unknown>[] }>(server(), 'GET', `/sync/v2/orgs/${s.orgId}/plan_assignments/pull?seq=0&limit=1000`, { token: s.token });
    expect(pulled.body.documents).toContainEqual(expect.objectContaining({ id: res.body.id, start_date: start, _deleted: false }));
  });

  it('shows overlaps, ends early (status ended, end date the day before), reopens, removes (204) and revives an assignment', async () => {
    const athlete = free[1]!;
    const monday = mondayOf(today());
    const long = (await assign(athlete.id, { training_plan_id: plan('Half marathon').id, start_date: addDays(monday, -14) })).body;
    expect(long).toMatchObject({ status: 'active', overlaps: false });
    const inside = await assign(athlete.id, { training_plan_id: plan('Couch to 5K').id, start_date: addDays(monday, -7) });
    expect(inside.body.overlaps).toBe(true);
    expect((await plansOf(athlete.id)).body.data.map((v) => [v.plan_name, v.overlaps])).toEqual([
      ['Half marathon', true],
      ['Couch to 5K', true],
    ]);
    const path = org(`/athletes/${athlete.id}/plans/${inside.body.id}`);
    const ended = await request<View>(server(), 'PATCH', path, { token: s.token, json: { ended_on: today() } });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', ended_on: today(), end_date: addDays(today(), -1) });
    const before = await snapshot(server());
    expect((await request<View>(server(), 'PATCH', path, { token: s.token, json: { ended_on: today() } })).body).toEqual(ended.body);
    expect(await snapshot(server())).toBe(before);
    const reopened = await request<View>(server(), 'PATCH', path, { token: s.token, json: { ended_on: null } });
    expect(reopened.body).toMatchObject({ status: 'active', ended_on: null, overlaps: true });

    const removed = await request(server(), 'DELETE', path, { token: s.token });
    expect(removed.status).toBe(204);
    expect((await plansOf(athlete.id)).body.data.map((v) => [v.plan_name, v.overlaps])).toEqual([['Half marathon', false]]);
    for (const [method, json] of [['DELETE'], ['PATCH', { ended_on: null }]] as const) {
      expect((await request(server(), method, path, { token: s.token, json })).status, method).toBe(404);
    }
    const revived = await assign(athlete.id, { training_plan_id: plan('Couch to 5K').id, start_date: addDays(monday, -7) });
    expect(revived.status).toBe(201);
    expect(revived.body).toMatchObject({ id: inside.body.id, ended_on: null, created_at: inside.body.created_at, status: 'active' });
  });

  it('refuses bad input with a clear 4xx and writes nothing: dates, ids, unknown or other organizations’ plans and athletes, archived plans', async () => {
    const other = await createOtherOrganization(server());
    const theirPlan = (await request<TrainingPlan>(server(), 'POST', `/api/v1/organizations/${other.orgId}/training-plans`, { token: other.token, json: { name: 'Theirs', description: '', level: 'beginner', weeks: 1, sessions: [] } })).body;
    const athlete = athletes.find((a) => a.status === 'active')!;
    const good = { training_plan_id: plan('Half marathon').id, start_date: today() };
    const before = await snapshot(server());
    const cases: [string, unknown, number, string, string?][] = [
      [athlete.id, { ...good, start_date: '2026-02-30' }, 400, 'invalid_request', 'start_date'],
      [athlete.id, { ...good, start_date: 'tomorrow' }, 400, 'invalid_request', 'start_date'],
      [athlete.id, { ...good, start_date: 20260301 }, 400, 'invalid_request', 'start_date'],
      [athlete.id, { ...good, start_date: '2026-03-01T00:00:00Z' }, 400, 'invalid_request', 'start_date'],
      [athlete.id, { training_plan_id: good.training_plan_id }, 400, 'invalid_request', 'start_date'],
      [athlete.id, { ...good, training_plan_id: 'marathon' }, 400, 'invalid_request', 'training_plan_id'],
      [athlete.id, { ...good, ended_on: null }, 400, 'invalid_request', 'ended_on'],
      [athlete.id, { ...good, training_plan_id: crypto.randomUUID() }, 404, 'not_found', 'training_plan_id'],
      [athlete.id, { ...good, training_plan_id: theirPlan.id }, 404, 'not_found', 'training_plan_id'],
      [athlete.id, { ...good, training_plan_id: plan('Spring 5K sharpener (2025)').id }, 409, 'plan_archived', 'training_plan_id'],
      [crypto.randomUUID(), good, 404, 'not_found'],
      [other.athlete.id, good, 404, 'not_found'],
      ['not-an-id', good, 404, 'not_found'],
    ];
    for (const [athleteId, body, status, code, field] of cases) {
      const res = await assign<ErrorBody>(athleteId, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code, JSON.stringify(body)).toBe(code);
      if (field) expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const archived = await assign<ErrorBody>(athlete.id, { ...good, training_plan_id: plan('Spring 5K sharpener (2025)').id });
    expect(archived.body.error.message).toBe('Spring 5K sharpener (2025) is archived: it cannot be assigned (unarchive it first).');
    // Their coach and their athlete's plans stay theirs.
    expect((await plansOf(other.athlete.id)).status).toBe(404);
    expect((await assign(athlete.id, { ...good, training_plan_id: theirPlan.id }, other.token)).status).toBe(403);
    const one = demoViews[0]!;
    const wrongAthlete = athletes.find((a) => a.id !== one.athlete_id)!;
    for (const [method, json] of [['PATCH', { ended_on: today() }], ['DELETE']] as const) {
      expect((await request(server(), method, org(`/athletes/${wrongAthlete.id}/plans/${one.id}`), { token: s.token, json })).status, method).toBe(404);
    }
    for (const json of [{ ended_on: '2026-13-01' }, { ended_on: 'today' }, {}, { ended_on: null, start_date: today() }]) {
      const res = await request<ErrorBody>(server(), 'PATCH', org(`/athletes/${one.athlete_id}/plans/${one.id}`), { token: s.token, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.field).toBe(Object.keys(json).find((k) => k !== 'ended_on') ?? 'ended_on');
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('keeps an archived plan’s assignments going (already assigned, end, remove) and refuses to delete an assigned plan until its assignments are removed', async () => {
    const athlete = free[2]!;
    const p = (await request<TrainingPlan>(server(), 'POST', org('/training-plans'), { token: s.token, json: { name: 'Short block', description: '', level: 'beginner', weeks: 2, sessions: [] } })).body;
    const a = (await assign(athlete.id, { training_plan_id: p.id, start_date: today() })).body;
    await request(server(), 'PATCH', org(`/training-plans/${p.id}`), { token: s.token, json: { archived: true } });
    expect((await assign(athlete.id, { training_plan_id: p.id, start_date: today() })).status).toBe(200);
    expect((await assign<ErrorBody>(athlete.id, { training_plan_id: p.id, start_date: addDays(today(), 1) })).status).toBe(409);
    const path = org(`/athletes/${athlete.id}/plans/${a.id}`);
    expect((await request<View>(server(), 'PATCH', path, { token: s.token, json: { ended_on: addDays(today(), 3) } })).body.status).toBe('active');
    const inUse = await request<ErrorBody>(server(), 'DELETE', org(`/training-plans/${p.id}`), { token: s.token });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toEqual({ code: 'in_use', message: 'Short block is assigned to 1 athlete: archive it instead.' });
    expect((await request(server(), 'DELETE', path, { token: s.token })).status).toBe(204);
    expect((await request(server(), 'DELETE', org(`/training-plans/${p.id}`), { token: s.token })).status).toBe(204);
  });

  it('takes today from the organization’s time zone', async () => {
    const athlete = free[3]!;
    const kiritimati = todayIn('Pacific/Kiritimati'); // UTC+14: always a day or two ahead of Pago Pago (UTC-11)
    const a = (await assign(athlete.id, { training_plan_id: plan('Couch to 5K').id, start_date: kiritimati })).body;
    try {
      await server().db.query('UPDATE organizations SET time_zone = $2 WHERE id = $1', [s.orgId, 'Pacific/Kiritimati']);
      expect((await plansOf(athlete.id)).body.data.find((v) => v.id === a.id)!.status).toBe('active');
      await server().db.query('UPDATE organizations SET time_zone = $2 WHERE id = $1', [s.orgId, 'Pacific/Pago_Pago']);
      expect((await plansOf(athlete.id)).body.data.find((v) => v.id === a.id)!.status).toBe('upcoming');
    } finally {
      await server().db.query('UPDATE organizations SET time_zone = $2 WHERE id = $1', [s.orgId, 'Europe/London']);
    }
  });

  const bulk = <T = Bulk>(json: unknown, token = s.token) => request<T>(server(), 'POST', org('/plan-assignments/bulk'), { token, json });

  it('bulk-assigns to a list in one write: assigned, already assigned or refused, each with its assignment or reason; again changes nothing', async () => {
    const [a, b, c] = [free[4]!, free[5]!, free[6]!];
    const other = await createOtherOrganization(server());
    const body = { training_plan_id: plan('Half marathon').id, start_date: addDays(mondayOf(today()), 14) };
    await assign(a.id, body);
    const seq = await lastSeq();
    const unknown = crypto.randomUUID();
    const res = await bulk({ ...body, athlete_ids: [a.id, b.id, unknown, other.athlete.id, c.id, b.id] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => [r.athlete_id, r.outcome])).toEqual([
      [a.id, 'already_assigned'],
      [b.id, 'assigned'],
      [unknown, 'refused'],
      [other.athlete.id, 'refused'],
      [c.id, 'assigned'],
    ]);
    expect([res.body.assigned, res.body.already_assigned, res.body.refused]).toEqual([2, 1, 2]);
    expect(res.body.results[2]!.error).toEqual({ code: 'not_found', message: 'Athlete not found.' });
    for (const r of res.body.results.filter((x) => x.outcome !== 'refused')) {
      expect(r.assignment).toMatchObject({ id: assignmentId(r.athlete_id, body.training_plan_id, body.start_date), plan_name: 'Half marathon', status: 'upcoming', overlaps: false });
      expect((await plansOf(r.athlete_id)).body.data).toContainEqual(r.assignment);
    }
    expect(await lastSeq()).toBe(seq + 2);
    const before = await snapshot(server());
    const again = await bulk({ ...body, athlete_ids: [a.id, b.id, c.id] });
    expect(again.body.results.map((r) => r.outcome)).toEqual(['already_assigned', 'already_assigned', 'already_assigned']);
    expect(await snapshot(server())).toBe(before);
  });

  it('bulk-assigns to every athlete of a group, listed by name', async () => {
    const group = (await request<{ data: { id: string; name: string }[] }>(server(), 'GET', org('/groups'), { token: s.token })).body.data.find((g) => g.name === 'Beginners 5k')!;
    const members = (await request<{ data: Athlete[] }>(server(), 'GET', org(`/athletes?group_id=${group.id}&limit=200`), { token: s.token })).body.data;
    expect(members.length).toBeGreaterThan(1);
    const res = await bulk({ training_plan_id: plan('Couch to 5K').id, start_date: addDays(mondayOf(today()), 28), group_id: group.id });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.athlete_id)).toEqual(members.map((m) => m.id));
    expect(res.body.results.every((r) => r.outcome === 'assigned' && r.assignment?.status === 'upcoming')).toBe(true);
  });

  it('bulk: whole-request problems are a 4xx naming the field, before anything is written', async () => {
    const other = await createOtherOrganization(server());
    const theirGroup = (await request<{ id: string }>(server(), 'POST', `/api/v1/organizations/${other.orgId}/groups`, { token: other.token, json: { name: 'Theirs' } })).body;
    const group = (await request<{ data: { id: string }[] }>(server(), 'GET', org('/groups'), { token: s.token })).body.data[0]!;
    const good = { training_plan_id: plan('10K builder').id, start_date: today(), athlete_ids: [free[7]!.id] };
    const before = await snapshot(server());
    const cases: [unknown, number, string, string][] = [
      [{ ...good, group_id: group.id }, 400, 'invalid_request', 'athlete_ids'],
      [{ training_plan_id: good.training_plan_id, start_date: today() }, 400, 'invalid_request', 'athlete_ids'],
      [{ ...good, athlete_ids: [] }, 400, 'invalid_request', 'athlete_ids'],
      [{ ...good, athlete_ids: Array.from({ length: 501 }, () => crypto.randomUUID()) }, 400, 'invalid_request', 'athlete_ids'],
      [{ ...good, athlete_ids: ['x'] }, 400, 'invalid_request', 'athlete_ids.0'],
      [{ ...good, start_date: '2025-02-29' }, 400, 'invalid_request', 'start_date'],
      [{ ...good, note: 'hi' }, 400, 'invalid_request', 'note'],
      [{ ...good, training_plan_id: crypto.randomUUID() }, 404, 'not_found', 'training_plan_id'],
      [{ ...good, training_plan_id: plan('Spring 5K sharpener (2025)').id }, 409, 'plan_archived', 'training_plan_id'],
      [{ training_plan_id: good.training_plan_id, start_date: today(), group_id: crypto.randomUUID() }, 404, 'not_found', 'group_id'],
      [{ training_plan_id: good.training_plan_id, start_date: today(), group_id: theirGroup.id }, 404, 'not_found', 'group_id'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await bulk<ErrorBody>(body);
      expect(res.status, JSON.stringify(body).slice(0, 100)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.field, JSON.stringify(body).slice(0, 100)).toBe(field);
    }
    expect(await snapshot(server())).toBe(before);
  });
});
