/**
 * Athletes joining and leaving an organization through the REST API and sync: adding a user who
 * already has an account (POST .../athletes, every answer), removing an athlete (DELETE and a
 * sync push of `_deleted: true`: roster, pull tombstone, plan assignments removed, open attention
 * signals resolved, account untouched, a new athlete document when they come back).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { AttentionSignal } from '../../shared/domain/signal';
import type { TrainingPlan } from '../../shared/domain/plan';
import { orgToday } from '../../server/plans/views';
import { COACH1, COACH2, FREE_AGENT, HEAD, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session, type TestServer } from './helpers';
import { accept, demoIds, invite, makeUser, recordMail, tokenOf, uniqueEmail } from './invitations-helpers';
import { athleteSession, createKey, orgPath, type ErrorBody, type Page } from './role-helpers';

type Added = Athlete & { assignment?: PlanAssignment };
type Synced<T> = T & { _deleted: boolean };
type Pull<T> = { documents: Synced<T>[]; checkpoint: { seq: number } | null };
type Push<T> = { conflicts: Synced<T>[]; rejections: { id: string; code: string; message: string; field?: string }[] };

/** Every document of a collection, by checkpoint pages as the app pulls. */
async function pullAll<T>(server: TestServer, s: Session, collection: string): Promise<Synced<T>[]> {
  const docs: Synced<T>[] = [];
  for (let seq = 0; ; ) {
    const res = await request<Pull<T>>(server, 'GET', `/sync/v2/orgs/${s.orgId}/${collection}/pull?seq=${seq}&limit=500`, { token: s.token });
    expect(res.status).toBe(200);
    if (res.body.checkpoint === null) return docs;
    docs.push(...res.body.documents);
    seq = res.body.checkpoint.seq;
  }
}

const push = <T>(server: TestServer, s: Session, collection: string, rows: unknown[]) =>
  request<Push<T>>(server, 'POST', `/sync/v2/orgs/${s.orgId}/${collection}/push`, { token: s.token, json: { rows } });

/** A new plan (a copy of a demo plan under another name), optionally archived, written as the server would. */
async function makePlan(server: TestServer, orgId: string, archived = false): Promise<TrainingPlan> {
  const [first] = await server.store.list(orgId, 'training_plans');
  if (!first) throw new Error('no demo plan');
  const now = new Date().toISOString();
  const plan = { ...(first.data as TrainingPlan), id: randomUUID(), name: `Plan ${randomUUID().slice(0, 8)}`, archived, created_at: now, updated_at: now };
  await server.store.write(orgId, (w) => w.put('training_plans', plan));
  return plan;
}

/** An attention signal of the athlete, as the server's signal engine would write it. */
async function makeSignal(server: TestServer, orgId: string, athleteId: string, status: AttentionSignal['status']): Promise<AttentionSignal> {
  const now = new Date().toISOString();
  const signal: AttentionSignal = {
    id: randomUUID(),
    athlete_id: athleteId,
    rule: 'absence',
    severity: 'watch',
    status,
    summary: 'No activity for 8 days',
    figures: [{ key: 'days', label: 'Days without activity', value: 8, unit: 'days' }],
    detected_on: '2026-01-01',
    evaluated_on: '2026-01-02',
    resolved_on: status === 'resolved' ? '2026-01-02' : null,
    snoozed_until: null,
    handled_by: null,
    handled_at: null,
    notified_coach_ids: [],
    created_at: now,
    updated_at: now,
  };
  await server.store.write(orgId, (w) => w.put('attention_signals', signal));
  return signal;
}

const addPath = (s: Session) => orgPath(s.orgId, '/athletes');
const add = (server: TestServer, s: Session, json: unknown) => request<Added & ErrorBody>(server, 'POST', addPath(s), { token: s.token, json });
const remove = (server: TestServer, s: Session, id: string) => request<ErrorBody | null>(server, 'DELETE', orgPath(s.orgId, `/athletes/${id}`), { token: s.token });

describeOnBackends('members: add existing users, remove athletes', (server) => {
  let head: Session;
  let coach: Session;
  let ids: { groupId: string; planId: string };

  it('adds an existing user with a group and a plan: 201, in the roster and the pull, the plan assigned', async () => {
    head = await login(server(), HEAD);
    coach = await login(server(), COACH1);
    recordMail(server());
    ids = await demoIds(server(), head);
    const res = await add(server(), coach, { email: ` ${FREE_AGENT.toUpperCase()} `, group_id: ids.groupId, training_plan_id: ids.planId, plan_start_date: '2026-03-02' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: FREE_AGENT, first_name: 'Frankie', last_name: 'Agent', group_ids: [ids.groupId], coach_ids: [], labels: [], status: 'active' });
    expect(res.body.assignment).toMatchObject({ athlete_id: res.body.id, training_plan_id: ids.planId, start_date: '2026-03-02', ended_on: null });
    const user = await server().db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [FREE_AGENT]);
    expect(res.body.user_id).toBe(user.rows[0]?.id);
    const roster = await request<Page>(server(), 'GET', orgPath(head.orgId, `/athletes?q=Frankie&limit=200`), { token: head.token });
    expect(roster.body.data.map((a) => a.id)).toEqual([res.body.id]);
    const pulled = (await pullAll<Athlete>(server(), head, 'athletes')).find((a) => a.id === res.body.id);
    expect(pulled).toMatchObject({ _deleted: false, email: FREE_AGENT });
    const assignments = await pullAll<PlanAssignment>(server(), head, 'plan_assignments');
    expect(assignments.filter((a) => a.athlete_id === res.body.id).map((a) => a.id)).toEqual([res.body.assignment?.id]);
  });

  it('already a member: 409 already_member, whatever else the request says, and nothing changes', async () => {
    const before = await snapshot(server());
    for (const body of [{ email: FREE_AGENT }, { email: FREE_AGENT, group_id: randomUUID() }, { email: FREE_AGENT, training_plan_id: randomUUID() }]) {
      const res = await add(server(), coach, body);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'already_member', field: 'email' });
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('no account with that email: 404 user_not_found naming the email, nothing changes', async () => {
    const before = await snapshot(server());
    const res = await add(server(), coach, { email: 'Nobody.Here@Example.test' });
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'user_not_found', field: 'email', message: 'No Astral account uses nobody.here@example.test: send an invitation instead.' });
    expect(await snapshot(server())).toBe(before);
  });

  it('a group or plan that does not exist is a 404, an archived plan a 409 plan_archived, bad input a 400; nothing changes', async () => {
    const user = await makeUser(server());
    const archived = await makePlan(server(), head.orgId, true);
    const before = await snapshot(server());
    const cases: [unknown, number, string, string | undefined][] = [
      [{ email: user.email, group_id: randomUUID() }, 404, 'not_found', 'group_id'],
      [{ email: user.email, training_plan_id: randomUUID() }, 404, 'not_found', 'training_plan_id'],
      [{ email: user.email, training_plan_id: archived.id }, 409, 'plan_archived', 'training_plan_id'],
      [{ email: user.email, plan_start_date: '2026-03-02' }, 400, 'invalid_request', 'plan_start_date'],
      [{ email: user.email, training_plan_id: ids.planId, plan_start_date: '2026-02-30' }, 400, 'invalid_request', 'plan_start_date'],
      [{ email: 'not-an-email' }, 400, 'invalid_request', 'email'],
      [{ email: user.email, role: 'coach' }, 400, 'invalid_request', 'role'],
      [{}, 400, 'invalid_request', 'email'],
      [{ email: user.email, group_id: 'x' }, 400, 'invalid_request', 'group_id'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await add(server(), coach, body);
      expect({ body, status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({ body, status, code, field });
    }
    const noJson = await request<ErrorBody>(server(), 'POST', addPath(coach), { token: coach.token, body: `email=${user.email}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(noJson.status).toBeGreaterThanOrEqual(400);
    expect(noJson.status).toBeLessThan(500);
    const broken = await request<ErrorBody>(server(), 'POST', addPath(coach), { token: coach.token, body: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(await snapshot(server())).toBe(before);
  });

  it('a plan without a start date starts on the organization’s today; a coach may add themselves', async () => {
    const user = await makeUser(server());
    const res = await add(server(), coach, { email: user.email, training_plan_id: ids.planId });
    expect(res.status).toBe(201);
    expect(res.body.assignment?.start_date).toBe(await orgToday(server().db, head.orgId));
    expect(res.body.group_ids).toEqual([]);
    const self = await add(server(), coach, { email: COACH2 });
    expect(self.status).toBe(201);
    expect(self.body).toMatchObject({ email: COACH2 });
    expect(self.body.assignment).toBeUndefined();
  });

  it('who may add: any coach or an API key; not an athlete, not another organization, not anonymous', async () => {
    const key = await createKey(server(), head);
    const viaKey = await request<Added>(server(), 'POST', addPath(head), { headers: { 'x-api-key': key.key }, json: { email: (await makeUser(server())).email } });
    expect(viaKey.status).toBe(201);
    const athlete = await athleteSession(server(), head, 3);
    const target = await makeUser(server());
    expect((await add(server(), { ...athlete, orgId: head.orgId }, { email: target.email })).status).toBe(403);
    const other = await createOtherOrganization(server());
    expect((await request(server(), 'POST', addPath(head), { token: other.token, json: { email: target.email } })).status).toBe(403);
    expect((await request(server(), 'POST', addPath(head), { json: { email: target.email } })).status).toBe(401);
    // The other organization's coach can add them to their own organization: one account, two organizations.
    const theirs = await request<Added>(server(), 'POST', orgPath(other.orgId, '/athletes'), { token: other.token, json: { email: FREE_AGENT } });
    expect(theirs.status).toBe(201);
  });

  it('DELETE removes: 204, gone from the roster, a tombstone in the pull, assignments removed, open signals resolved, account untouched', async () => {
    const user = await makeUser(server());
    const plan = await makePlan(server(), head.orgId);
    const added = await add(server(), coach, { email: user.email, training_plan_id: plan.id, plan_start_date: '2026-04-06' });
    expect(added.status).toBe(201);
    const id = added.body.id;
    const open = await makeSignal(server(), head.orgId, id, 'open');
    const snoozed = await makeSignal(server(), head.orgId, id, 'snoozed');
    const resolved = await makeSignal(server(), head.orgId, id, 'resolved');

    const res = await remove(server(), coach, id);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await request(server(), 'GET', orgPath(head.orgId, `/athletes/${id}`), { token: head.token })).status).toBe(404);
    const roster = await request<Page>(server(), 'GET', orgPath(head.orgId, '/athletes?limit=200'), { token: head.token });
    expect(roster.body.data.some((a) => a.id === id)).toBe(false);
    const tomb = (await pullAll<Athlete>(server(), head, 'athletes')).find((a) => a.id === id);
    expect(tomb).toMatchObject({ _deleted: true, email: user.email, user_id: user.id });
    const assignment = (await pullAll<PlanAssignment>(server(), head, 'plan_assignments')).find((a) => a.id === added.body.assignment?.id);
    expect(assignment?._deleted).toBe(true);
    const today = await orgToday(server().db, head.orgId);
    const signals = new Map((await pullAll<AttentionSignal>(server(), head, 'attention_signals')).map((s) => [s.id, s]));
    expect(signals.get(open.id)).toMatchObject({ status: 'resolved', resolved_on: today, _deleted: false });
    expect(signals.get(snoozed.id)).toMatchObject({ status: 'resolved', resolved_on: today });
    expect(signals.get(resolved.id)).toMatchObject({ status: 'resolved', resolved_on: '2026-01-02', updated_at: resolved.updated_at });
    // The plan is no longer in use: it can be deleted.
    expect((await request(server(), 'DELETE', orgPath(head.orgId, `/training-plans/${plan.id}`), { token: head.token })).status).toBe(204);
    // The account still signs in.
    const signIn = await request<{ token: string }>(server(), 'POST', '/api/v1/auth/login', { json: { email: user.email, password: 'long-enough-pw' } });
    expect(signIn.status).toBe(200);

    // Idempotent: removing again is 204 and changes nothing; an id that never was an athlete is 404.
    const before = await snapshot(server());
    expect((await remove(server(), head, id)).status).toBe(204);
    expect(await snapshot(server())).toBe(before);
    const unknown = await remove(server(), head, randomUUID());
    expect(unknown.status).toBe(404);
    expect((unknown.body as ErrorBody).error.code).toBe('not_found');
    expect((await remove(server(), head, 'not-a-uuid')).status).toBe(404);
    expect(await snapshot(server())).toBe(before);
  });

  it('who may remove: any coach or an API key; not an athlete, another organization or anonymous', async () => {
    const ids2 = await Promise.all([0, 1, 2].map(async () => (await add(server(), head, { email: (await makeUser(server())).email })).body.id));
    const key = await createKey(server(), head, 'Remover');
    expect((await request(server(), 'DELETE', orgPath(head.orgId, `/athletes/${ids2[0]}`), { headers: { 'x-api-key': key.key } })).status).toBe(204);
    const other = await createOtherOrganization(server());
    expect((await request(server(), 'DELETE', orgPath(head.orgId, `/athletes/${ids2[1]}`), { token: other.token })).status).toBe(403);
    expect((await request(server(), 'DELETE', orgPath(head.orgId, `/athletes/${ids2[1]}`))).status).toBe(401);
    const athlete = await athleteSession(server(), head, 5);
    expect((await remove(server(), { ...athlete, orgId: head.orgId }, ids2[1] ?? '')).status).toBe(403);
    expect((await request(server(), 'DELETE', orgPath(other.orgId, `/athletes/${other.athlete.id}`), { token: head.token })).status).toBe(403);
    expect((await remove(server(), coach, ids2[2] ?? '')).status).toBe(204);
  });

  it('a removed athlete comes back as a NEW athlete: added again, or through an invitation', async () => {
    const user = await makeUser(server());
    const first = await add(server(), coach, { email: user.email });
    expect((await remove(server(), coach, first.body.id)).status).toBe(204);
    const again = await add(server(), coach, { email: user.email, group_id: ids.groupId });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    expect(again.body.user_id).toBe(user.id);
    expect((await remove(server(), coach, again.body.id)).status).toBe(204);

    const inv = await invite(server(), coach, { type: 'single_use', first_name: 'Nia', email: user.email });
    const accepted = await accept(server(), tokenOf(inv.url), undefined, user.token);
    expect(accepted.status).toBe(201);
    expect([first.body.id, again.body.id]).not.toContain(accepted.body.athlete_id);
    const live = (await pullAll<Athlete>(server(), head, 'athletes')).filter((a) => a.user_id === user.id);
    expect(live.map((a) => [a.id, a._deleted]).sort()).toEqual(
      [
        [first.body.id, true],
        [again.body.id, true],
        [accepted.body.athlete_id, false],
      ].sort(),
    );
  });

  it('sync push of _deleted: true removes the athlete with the same cascade; edits pushed with it are dropped; later edits are refused', async () => {
    const user = await makeUser(server(), uniqueEmail('synced'));
    const plan = await makePlan(server(), head.orgId);
    const added = await add(server(), coach, { email: user.email, training_plan_id: plan.id, plan_start_date: '2026-05-04' });
    const signal = await makeSignal(server(), head.orgId, added.body.id, 'acknowledged');
    const master = (await pullAll<Athlete>(server(), coach, 'athletes')).find((a) => a.id === added.body.id);
    if (!master) throw new Error('not pulled');
    const removal = { ...master, private_notes: 'typed just before removing', _deleted: true };
    const res = await push<Athlete>(server(), coach, 'athletes', [{ newDocumentState: removal, assumedMasterState: master }]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ conflicts: [], rejections: [] });
    const tomb = (await pullAll<Athlete>(server(), head, 'athletes')).find((a) => a.id === master.id);
    expect(tomb).toMatchObject({ _deleted: true, private_notes: master.private_notes });
    expect((await pullAll<PlanAssignment>(server(), head, 'plan_assignments')).find((a) => a.id === added.body.assignment?.id)?._deleted).toBe(true);
    expect((await pullAll<AttentionSignal>(server(), head, 'attention_signals')).find((s) => s.id === signal.id)).toMatchObject({
      status: 'resolved',
      resolved_on: await orgToday(server().db, head.orgId),
    });
    expect((await request(server(), 'GET', orgPath(head.orgId, `/athletes/${master.id}`), { token: head.token })).status).toBe(404);

    // The same push again (an RxDB retry) is a no-op.
    const before = await snapshot(server());
    const retry = await push<Athlete>(server(), coach, 'athletes', [{ newDocumentState: { ...tomb }, assumedMasterState: tomb }]);
    expect(retry.body).toEqual({ conflicts: [], rejections: [] });
    expect(await snapshot(server())).toBe(before);

    // An edit from a device that had not heard of the removal: refused naming the removal, with the tombstone as master ...
    const stale = await push<Athlete>(server(), head, 'athletes', [{ newDocumentState: { ...master, labels: ['@late'], _deleted: false }, assumedMasterState: master }]);
    expect(stale.body.rejections).toEqual([{ id: master.id, code: 'forbidden', message: 'This athlete was removed from the organization.' }]);
    expect(stale.body.conflicts.map((c) => [c.id, c._deleted])).toEqual([[master.id, true]]);
    // ... and the same once merged against the tombstone.
    const revive = await push<Athlete>(server(), head, 'athletes', [{ newDocumentState: { ...tomb, labels: ['@late'], _deleted: false }, assumedMasterState: tomb }]);
    expect(revive.body.rejections).toEqual([{ id: master.id, code: 'forbidden', message: 'This athlete was removed from the organization.' }]);
    expect(await snapshot(server())).toBe(before);
  });
});
