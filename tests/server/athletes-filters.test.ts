import { expect, it } from 'vitest';
import { assignmentId } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { ProfileStatus } from '../../shared/domain/completeness';
import type { TrainingPlan } from '../../shared/domain/plan';
import { addDays, todayIn } from '../../shared/schedule/dates';
import { COACH1, createOtherOrganization, describeOnBackends, login, request, type Reply, type Session } from './helpers';
import { athleteSession, coaches, headSession, orgPath, type ErrorBody } from './role-helpers';

type Item = Athlete & { profile_status?: ProfileStatus };
type Page = { data: Item[]; next_cursor: string | null };

describeOnBackends('athlete list filters and profile status', (server) => {
  let head: Session;
  let everyone: Item[];
  const get = <T = Page>(query: string, token = head.token) => request<T>(server(), 'GET', orgPath(head.orgId, `/athletes${query}`), { token });
  /** Every page of a query, 7 at a time. */
  const all = async (query: string, token = head.token): Promise<Item[]> => {
    const out: Item[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res: Reply<Page> = await get(`?${query}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
      expect(res.status, query).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.next_cursor;
      if (!cursor) break;
    }
    return out;
  };
  const ids = (xs: Athlete[]) => xs.map((a) => a.id).sort();

  it('coach_id filters by an assigned coach, by the caller (me) or by no coach (none)', async () => {
    head = await headSession(server());
    everyone = (await get('?limit=200')).body.data;
    const list = await coaches(server(), head);
    for (const c of list) {
      const got = await all(`coach_id=${c.id}`);
      expect(ids(got), c.email).toEqual(ids(everyone.filter((a) => a.coach_ids.includes(c.id))));
      expect(got.length, c.email).toBeGreaterThan(0);
    }
    const coach = await login(server(), COACH1);
    const c1 = list.find((c) => c.email === COACH1)?.id as string;
    expect(ids(await all('coach_id=me', coach.token))).toEqual(ids(everyone.filter((a) => a.coach_ids.includes(c1))));
    const none = await all('coach_id=none');
    expect(ids(none)).toEqual(ids(everyone.filter((a) => a.coach_ids.length === 0)));
    expect(none.length).toBeGreaterThan(0);
    expect((await get(`?coach_id=${crypto.randomUUID()}`)).body.data).toEqual([]);
  });

  it('group_id filters by group, and every filter combines with the others', async () => {
    const groups = (await request<{ data: { id: string; name: string }[] }>(server(), 'GET', orgPath(head.orgId, '/groups'), { token: head.token })).body.data;
    for (const g of groups) {
      const got = await all(`group_id=${g.id}`);
      expect(ids(got), g.name).toEqual(ids(everyone.filter((a) => a.group_ids.includes(g.id))));
    }
    const marathon = groups.find((g) => g.name === 'Marathon squad')?.id as string;
    const combined = await all(`group_id=${marathon}&status=active&coach_id=none`);
    expect(ids(combined)).toEqual(ids(everyone.filter((a) => a.group_ids.includes(marathon) && a.status === 'active' && a.coach_ids.length === 0)));
    const c1 = (await coaches(server(), head)).find((c) => c.email === COACH1)?.id as string;
    const withLabel = await all(`coach_id=${c1}&label=marathon&q=a`);
    expect(ids(withLabel)).toEqual(
      ids(everyone.filter((a) => a.coach_ids.includes(c1) && a.labels.includes('@marathon') && `${a.first_name} ${a.last_name} ${a.display_name ?? ''} ${a.email}`.toLowerCase().includes('a'))),
    );
  });

  it('profile_status appears only with include_profile_status=true', async () => {
    expect(everyone.every((a) => !('profile_status' in a))).toBe(true);
    expect((await get('?include_profile_status=false&limit=5')).body.data.every((a) => !('profile_status' in a))).toBe(true);
    const withStatus = await all('include_profile_status=true');
    expect(ids(withStatus)).toEqual(ids(everyone));
    for (const a of withStatus) {
      // Plan 20, goal race 25, target pace 20, a connected integration 20 (the demo gives some athletes each); no time zone yet.
      const plans = await request<{ data: { status: string }[] }>(server(), 'GET', orgPath(head.orgId, `/athletes/${a.id}/plans`), { token: head.token });
      const current = plans.body.data.some((p) => p.status === 'active' || p.status === 'upcoming');
      const connected = a.integrations.filter((i) => i.state === 'connected').length;
      expect(a.profile_status, a.email).toEqual({
        joined: false,
        invitation_status: null,
        completeness: (current ? 20 : 0) + (a.goal_race ? 25 : 0) + (a.target_pace_s_per_km ? 20 : 0) + (connected > 0 ? 20 : 0),
        integrations_connected: connected,
        last_activity_at: a.status === 'active' ? expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) : null,
        attention: expect.stringMatching(/^(none|watch|urgent)$/),
      });
      const { profile_status: _status, ...rest } = a;
      expect(rest).toEqual(everyone.find((e) => e.id === a.id));
    }
    const scores = new Set(withStatus.map((a) => a.profile_status?.completeness));
    expect(scores.size, 'the demo has athletes with and without a current plan, goal and integrations').toBeGreaterThan(2);
  });

  it('joined is true once the athlete’s account has a password', async () => {
    const signedIn = await athleteSession(server(), head, 2);
    const res = await get(`?include_profile_status=true&q=${encodeURIComponent(signedIn.athlete.email)}`);
    expect(res.body.data.map((a) => [a.id, a.profile_status?.joined])).toEqual([[signedIn.athlete.id, true]]);
  });

  it('completeness counts a current or upcoming plan (20), not a finished or ended one', async () => {
    const now = new Date().toISOString();
    const today = todayIn('Europe/London');
    const plan: TrainingPlan = { id: crypto.randomUUID(), name: 'Base', description: '', level: 'beginner', weeks: 4, sessions: [], archived: false, created_at: now, updated_at: now };
    const planless = new Set((await all('include_profile_status=true')).filter((a) => a.profile_status?.completeness === 0).map((a) => a.id));
    const [running, upcoming, finished, ended] = everyone.filter((a) => planless.has(a.id)).slice(0, 4) as Athlete[];
    const assignment = (a: Athlete, start: string, endedOn: string | null = null) => ({
      id: assignmentId(a.id, plan.id, start),
      athlete_id: a.id,
      training_plan_id: plan.id,
      start_date: start,
      ended_on: endedOn,
      created_at: now,
      updated_at: now,
    });
    await server().store.write(head.orgId, async (w) => {
      await w.put('training_plans', plan);
      await w.put('plan_assignments', assignment(running as Athlete, addDays(today, -3)));
      await w.put('plan_assignments', assignment(upcoming as Athlete, addDays(today, 30)));
      await w.put('plan_assignments', assignment(finished as Athlete, addDays(today, -100)));
      await w.put('plan_assignments', assignment(ended as Athlete, addDays(today, -3), addDays(today, -1)));
    });
    const got = new Map((await all('include_profile_status=true')).map((a) => [a.id, a.profile_status?.completeness]));
    expect([running, upcoming, finished, ended].map((a) => got.get((a as Athlete).id))).toEqual([20, 20, 0, 0]);
    // A removed assignment does not count.
    await server().store.write(head.orgId, async (w) => {
      await w.put('plan_assignments', assignment(running as Athlete, addDays(today, -3)), true);
    });
    const after = await get(`?include_profile_status=true&q=${encodeURIComponent((running as Athlete).email)}`);
    expect(after.body.data[0]?.profile_status?.completeness).toBe(0);
  });

  it('refuses bad filter values with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['?coach_id=someone', 'coach_id'],
      ['?coach_id=', 'coach_id'],
      ['?coach_id=ME', 'coach_id'],
      ['?group_id=squad', 'group_id'],
      ['?group_id=%00', 'group_id'],
      ['?include_profile_status=yes', 'include_profile_status'],
      ['?include_profile_status=1', 'include_profile_status'],
    ] as const) {
      const res = await get<ErrorBody>(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.field, query).toBe(field);
    }
  });

  it('another organization’s coach and group ids find nothing in ours', async () => {
    const other = await createOtherOrganization(server());
    const theirCoach = (await request<{ data: { id: string }[] }>(server(), 'GET', orgPath(other.orgId, '/coaches'), { token: other.token })).body.data[0]?.id as string;
    expect((await get(`?coach_id=${theirCoach}`)).body.data).toEqual([]);
    const theirs = await request<Page>(server(), 'GET', orgPath(other.orgId, '/athletes?coach_id=none&include_profile_status=true'), { token: other.token });
    expect(theirs.body.data.map((a) => a.id)).toEqual([other.athlete.id]);
  });
});
