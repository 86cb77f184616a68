import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership } from '../../shared/domain/organization';
import { COACH1, COACH2, FREE_AGENT, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { coaches, headSession, orgPath, type ErrorBody, type Page } from './role-helpers';

type Pulled = { documents: (Record<string, unknown> & { id: string; _deleted: boolean })[]; checkpoint: { seq: number } | null };

describeOnBackends('coaches API', (server) => {
  let head: Session;
  const path = (p = '') => orgPath(head.orgId, p);
  const athletes = async () => (await request<Page>(server(), 'GET', path('/athletes?limit=200'), { token: head.token })).body.data;

  it('lists coaches as {id, user_id, email, first_name, last_name, role} (plus timestamps)', async () => {
    head = await headSession(server());
    const list = await coaches(server(), head);
    expect(list).toHaveLength(3);
    for (const c of list) {
      expect(Object.keys(c).sort()).toEqual(['created_at', 'email', 'first_name', 'id', 'last_name', 'role', 'updated_at', 'user_id']);
    }
    expect(list.find((c) => c.email === 'headcoach@demo.local')?.user_id).toBe(head.userId);
    // An athlete's coach_ids hold these ids.
    const ids = new Set(list.map((c) => c.id));
    expect((await athletes()).flatMap((a) => a.coach_ids).every((id) => ids.has(id))).toBe(true);
  });

  it('the head coach adds an existing user as coach; they can then coach the organization', async () => {
    const res = await request<CoachMembership>(server(), 'POST', path('/coaches'), { token: head.token, json: { email: ' Free.Agent@demo.local ' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: FREE_AGENT, role: 'coach', first_name: expect.any(String) });
    expect((await coaches(server(), head)).map((c) => c.id)).toContain(res.body.id);
    const free = await login(server(), FREE_AGENT);
    expect(free.orgId).toBe(head.orgId);
    expect(free.role).toBe('coach');
    expect((await request(server(), 'GET', path('/athletes?limit=1'), { token: free.token })).status).toBe(200);

    const again = await request<ErrorBody>(server(), 'POST', path('/coaches'), { token: head.token, json: { email: FREE_AGENT, role: 'coach' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_coach');
  });

  it('with invite: false an unknown account is a 404 user_not_found pointing to an invitation; bad bodies and non-head callers are refused', async () => {
    const before = await snapshot(server());
    const unknown = await request<ErrorBody>(server(), 'POST', path('/coaches'), { token: head.token, json: { email: 'nobody@nowhere.test', invite: false } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'user_not_found', field: 'email' });
    expect(unknown.body.error.message).toMatch(/nobody@nowhere\.test.*invitation/);
    for (const [json, field] of [
      [{}, 'email'],
      [{ email: 'not-an-email' }, 'email'],
      [{ email: FREE_AGENT, role: 'owner' }, 'role'],
      [{ email: FREE_AGENT, role: 'head_coach' }, 'role'],
      [{ email: FREE_AGENT, admin: true }, 'admin'],
    ] as const) {
      const res = await request<ErrorBody>(server(), 'POST', path('/coaches'), { token: head.token, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.field, JSON.stringify(json)).toBe(field);
    }
    const coach = await login(server(), COACH1);
    const byCoach = await request<ErrorBody>(server(), 'POST', path('/coaches'), { token: coach.token, json: { email: 'nobody@nowhere.test' } });
    expect(byCoach.status).toBe(403);
    expect(byCoach.body.error).toMatchObject({ code: 'forbidden', message: 'Only the head coach can add coaches.' });
    const other = await createOtherOrganization(server());
    const snap = await snapshot(server());
    expect((await request(server(), 'POST', path('/coaches'), { token: other.token, json: { email: FREE_AGENT } })).status).toBe(403);
    expect(await snapshot(server())).toBe(snap);
    expect(before).not.toBe(snap); // only the other organization was added in between
  });

  it('the head coach assigns an athlete to exactly the given coaches; others get 403 forbidden', async () => {
    const list = await coaches(server(), head);
    const c1 = list.find((c) => c.email === COACH1) as CoachMembership;
    const c2 = list.find((c) => c.email === COACH2) as CoachMembership;
    const one = (await athletes())[5] as Athlete;
    const put = (coach_ids: unknown, token = head.token) => request<Athlete & ErrorBody>(server(), 'PUT', path(`/athletes/${one.id}/coaches`), { token, json: { coach_ids } });
    const res = await put([c2.id, c1.id, c2.id]);
    expect(res.status).toBe(200);
    expect(res.body.coach_ids).toEqual([c2.id, c1.id]);
    expect(res.body.updated_at > one.updated_at).toBe(true);
    const same = await put([c2.id, c1.id]);
    expect(same.body.updated_at).toBe(res.body.updated_at); // nothing changed, nothing written
    expect((await put([])).body.coach_ids).toEqual([]);

    const before = await snapshot(server());
    const coach = await login(server(), COACH1);
    const byCoach = await put([c1.id], coach.token);
    expect(byCoach.status).toBe(403);
    expect(byCoach.body.error.code).toBe('forbidden');
    const unknownId = crypto.randomUUID();
    const unknown = await put([c1.id, unknownId]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: 'coach_ids', message: `coach_ids: ${unknownId} is not a coach of this organization` });
    expect((await put(['nope'])).status).toBe(400);
    expect((await put('x')).status).toBe(400);
    expect((await request(server(), 'PUT', path(`/athletes/${one.id}/coaches`), { token: head.token })).status).toBe(400);
    expect((await request(server(), 'PUT', path(`/athletes/${crypto.randomUUID()}/coaches`), { token: head.token, json: { coach_ids: [] } })).status).toBe(404);
    const other = await createOtherOrganization(server());
    const snap = await snapshot(server());
    const theirs = await request(server(), 'PUT', path(`/athletes/${other.athlete.id}/coaches`), { token: head.token, json: { coach_ids: [c1.id] } });
    expect(theirs.status).toBe(404);
    expect(await snapshot(server())).toBe(snap);
    expect(before).not.toBe(snap);
  });

  it('removing a coach tombstones the membership and unassigns their athletes in one write', async () => {
    const free = (await coaches(server(), head)).find((c) => c.email === FREE_AGENT) as CoachMembership;
    const roster = await athletes();
    const targets = roster.slice(0, 3);
    for (const a of targets) {
      const res = await request(server(), 'PUT', path(`/athletes/${a.id}/coaches`), { token: head.token, json: { coach_ids: [...a.coach_ids, free.id] } });
      expect(res.status).toBe(200);
    }
    const freeSession = await login(server(), FREE_AGENT);
    const mine = await request<Page>(server(), 'GET', path('/athletes?coach_id=me'), { token: freeSession.token });
    expect(mine.body.data.map((a) => a.id).sort()).toEqual(targets.map((a) => a.id).sort());
    const { rows } = await server().db.query<{ seq: string | number }>('SELECT seq FROM organizations WHERE id = $1', [head.orgId]);
    const seqBefore = Number(rows[0]?.seq);

    const res = await request<{ coach_id: string; unassigned_athlete_ids: string[] }>(server(), 'DELETE', path(`/coaches/${free.id}`), { token: head.token });
    expect(res.status).toBe(200);
    expect(res.body.coach_id).toBe(free.id);
    expect(res.body.unassigned_athlete_ids.sort()).toEqual(targets.map((a) => a.id).sort());

    // One write: the tombstone and the three athletes take the next four sequence numbers.
    const pulledCoaches = await request<Pulled>(server(), 'GET', `/sync/v2/orgs/${head.orgId}/coaches/pull?seq=${seqBefore}&limit=100`, { token: head.token });
    const pulledAthletes = await request<Pulled>(server(), 'GET', `/sync/v2/orgs/${head.orgId}/athletes/pull?seq=${seqBefore}&limit=100`, { token: head.token });
    expect(pulledCoaches.body.documents).toEqual([expect.objectContaining({ id: free.id, _deleted: true })]);
    expect(pulledAthletes.body.documents.map((d) => d.id).sort()).toEqual(targets.map((a) => a.id).sort());
    expect(pulledAthletes.body.documents.every((d) => !(d.coach_ids as string[]).includes(free.id))).toBe(true);
    expect(Math.max(pulledCoaches.body.checkpoint?.seq ?? 0, pulledAthletes.body.checkpoint?.seq ?? 0)).toBe(seqBefore + 4);
    // Nothing else changed on those athletes: their other coaches stay.
    for (const a of targets) {
      const now = (await request<Athlete>(server(), 'GET', path(`/athletes/${a.id}`), { token: head.token })).body;
      expect(now.coach_ids).toEqual(a.coach_ids);
      expect({ ...now, updated_at: a.updated_at }).toEqual(a);
    }
    expect((await coaches(server(), head)).map((c) => c.id)).not.toContain(free.id);
    // The removed coach loses access at once; the account stays.
    expect((await request(server(), 'GET', path('/athletes'), { token: freeSession.token })).status).toBe(403);
    expect((await request(server(), 'GET', '/api/v1/me', { token: freeSession.token })).status).toBe(200);
    // They can be added again (a new membership).
    const readded = await request<CoachMembership>(server(), 'POST', path('/coaches'), { token: head.token, json: { email: FREE_AGENT } });
    expect(readded.status).toBe(201);
    expect(readded.body.id).not.toBe(free.id);
  });

  it('refuses to remove the head coach, yourself, unknown coaches, and removals by anyone but the head coach', async () => {
    const list = await coaches(server(), head);
    const headCoach = list.find((c) => c.role === 'head_coach') as CoachMembership;
    const c2 = list.find((c) => c.email === COACH2) as CoachMembership;
    const before = await snapshot(server());
    const self = await request<ErrorBody>(server(), 'DELETE', path(`/coaches/${headCoach.id}`), { token: head.token });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('cannot_remove_self');
    expect(self.body.error.message).toMatch(/hand the head-coach role/);
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      expect((await request(server(), 'DELETE', path(`/coaches/${id}`), { token: head.token })).status, id).toBe(404);
    }
    const coach = await login(server(), COACH1);
    const byCoach = await request<ErrorBody>(server(), 'DELETE', path(`/coaches/${c2.id}`), { token: coach.token });
    expect(byCoach.status).toBe(403);
    expect((await request<ErrorBody>(server(), 'DELETE', path(`/coaches/${headCoach.id}`), { token: coach.token })).status).toBe(403);
    expect((await request(server(), 'DELETE', path(`/coaches/${c2.id}`))).status).toBe(401);
    expect(await snapshot(server())).toBe(before);
  });

  it('after a hand-over the new head coach cannot remove themselves, and the old head coach can no longer remove anyone', async () => {
    const list = await coaches(server(), head);
    const c2 = list.find((c) => c.email === COACH2) as CoachMembership;
    const oldHead = list.find((c) => c.role === 'head_coach') as CoachMembership;
    const handed = await request<CoachMembership>(server(), 'PATCH', path(`/coaches/${c2.id}`), { token: head.token, json: { role: 'head_coach' } });
    expect(handed.status).toBe(200);
    expect(handed.body.role).toBe('head_coach');
    const newHead = await login(server(), COACH2);
    const self = await request<ErrorBody>(server(), 'DELETE', path(`/coaches/${c2.id}`), { token: newHead.token });
    expect(self.status).toBe(409);
    // The old head coach is now a coach: no longer allowed to remove anyone.
    expect((await request(server(), 'DELETE', path(`/coaches/${c2.id}`), { token: head.token })).status).toBe(403);
    // Give the role back so the demo stays as it was for later tests.
    const back = await request(server(), 'PATCH', path(`/coaches/${oldHead.id}`), { token: newHead.token, json: { role: 'head_coach' } });
    expect(back.status).toBe(200);
  });
});
