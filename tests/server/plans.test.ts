import fc from 'fast-check';
import { expect, it } from 'vitest';
import { toPlanFile, type PlanContent, type PlanSession, type TrainingPlan } from '../../shared/domain/plan';
import { COACH1, HEAD, createOtherOrganization, describeOnBackends, login, request, snapshot, type Reply, type Session } from './helpers';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Page = { data: TrainingPlan[]; next_cursor: string | null };

const session = (week: number, day: number, extra: Partial<PlanSession> = {}): PlanSession => ({
  week,
  day,
  kind: 'easy',
  distance_m: 5000,
  duration_s: null,
  target_pace_s_per_km: 330,
  effort_rpe: 4,
  note: '',
  ...extra,
});
const content = (extra: Partial<PlanContent> = {}): PlanContent => ({
  name: 'Track block',
  description: 'Two weeks of speed.\nThen rest.',
  level: 'intermediate',
  weeks: 2,
  sessions: [session(2, 3, { kind: 'intervals', note: '6 × 800 m' }), session(1, 7, { kind: 'long_run', distance_m: 14000 }), session(1, 1, { kind: 'rest', distance_m: null, target_pace_s_per_km: null, effort_rpe: null })],
  ...extra,
});

describeOnBackends('training plans API', (server) => {
  let s: Session;
  const path = (p = '') => `/api/v1/organizations/${s.orgId}/training-plans${p}`;
  const call = <T = TrainingPlan>(method: string, p: string, json?: unknown, token = s.token) => request<T>(server(), method, path(p), { token, json });
  const all = async (query = '') => {
    const out: TrainingPlan[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res: Reply<Page> = await call<Page>('GET', `?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.next_cursor;
      if (!cursor) break;
    }
    return out;
  };

  it('lists the demo library by name, archived included unless filtered, page by page with a cursor', async () => {
    s = await login(server(), COACH1);
    const res = await call<Page>('GET', '');
    expect(res.status).toBe(200);
    expect(res.body.data.map((p) => p.name)).toEqual(['10K builder', 'Couch to 5K', 'Half marathon', 'Marathon base', 'Spring 5K sharpener (2025)']);
    expect(res.body.next_cursor).toBeNull();
    expect((await all()).map((p) => p.id)).toEqual(res.body.data.map((p) => p.id));
    expect((await all('&archived=true')).map((p) => p.name)).toEqual(['Spring 5K sharpener (2025)']);
    expect((await all('&archived=false')).map((p) => p.name)).toEqual(['10K builder', 'Couch to 5K', 'Half marathon', 'Marathon base']);
    const marathon = res.body.data.find((p) => p.name === 'Marathon base')!;
    expect(marathon).toMatchObject({ level: 'advanced', weeks: 16, archived: false });
    expect(new Set(marathon.sessions.map((x) => x.kind))).toEqual(new Set(['rest', 'intervals', 'easy', 'tempo', 'recovery', 'fartlek', 'long_run']));
    for (const [query, field] of [['?archived=yes', 'archived'], ['?limit=0', 'limit'], ['?limit=201', 'limit'], ['?cursor=%00', 'cursor'], ['?cursor=bm9wZQ', 'cursor'], ['?colour=red', 'colour']] as const) {
      const bad = await call<ErrorBody>('GET', query);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.field, query).toBe(field);
    }
  });

  it('creates a plan (201, sessions sorted by week and day), reads it back, and the sync pull carries it', async () => {
    const { body: pulled } = await request<{ checkpoint: { seq: number } | null }>(server(), 'GET', `/sync/v2/orgs/${s.orgId}/training_plans/pull?seq=0&limit=1000`, { token: s.token });
    const res = await call('POST', '', content());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Track block', level: 'intermediate', weeks: 2, archived: false });
    expect(res.body.sessions.map((x) => [x.week, x.day])).toEqual([[1, 1], [1, 7], [2, 3]]);
    expect(res.body.created_at).toBe(res.body.updated_at);
    expect((await call('GET', `/${res.body.id}`)).body).toEqual(res.body);
    const after = await request<{ documents: (TrainingPlan & { _deleted: boolean })[] }>(server(), 'GET', `/sync/v2/orgs/${s.orgId}/training_plans/pull?seq=${pulled.checkpoint!.seq}`, { token: s.token });
    expect(after.body.documents).toEqual([{ ...res.body, _deleted: false }]);
    // The body of an exported plan file's `plan` imports as it is.
    const copy = await call('POST', '', toPlanFile({ ...res.body, name: 'Track block (copy)' }).plan);
    expect(copy.status).toBe(201);
    expect(copy.body.sessions).toEqual(res.body.sessions);
  });

  it('refuses a body that is not a plan with a 400 naming the field, and writes nothing', async () => {
    const before = await snapshot(server());
    const cases: [unknown, string][] = [
      [{ ...content(), name: '' }, 'name'],
      [{ ...content(), name: undefined }, 'name'],
      [{ ...content(), level: 'elite' }, 'level'],
      [{ ...content(), weeks: 53 }, 'weeks'],
      [{ ...content(), colour: 'red' }, 'colour'],
      [content({ sessions: [session(1, 8)] }), 'sessions.0.day'],
      [content({ sessions: [session(1, 1), session(3, 1)] }), 'sessions.1.week'],
      [content({ sessions: [session(1, 1), session(1, 1)] }), 'sessions.1.day'],
      [content({ sessions: [session(1, 2, { kind: 'rest' })] }), 'sessions.0.kind'],
      [content({ sessions: [session(1, 2, { distance_m: null })] }), 'sessions.0.distance_m'],
      [content({ sessions: [session(1, 2, { target_pace_s_per_km: 30 })] }), 'sessions.0.target_pace_s_per_km'],
      [content({ sessions: [session(1, 2, { kind: 'sprint' as never })] }), 'sessions.0.kind'],
      [content({ sessions: [session(1, 2, { note: 'a\u0000b' })] }), 'sessions.0.note'],
      [{ format: 'astral-coach/training-plan', version: 1, plan: content() }, 'name'], // a whole plan file: POST takes its `plan`
      [[], ''],
    ];
    for (const [body, field] of cases) {
      const res = await call<ErrorBody>('POST', '', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      if (field) expect(res.body.error.field, field).toBe(field);
      if (field) expect(res.body.error.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
    }
    const notJson = await request<ErrorBody>(server(), 'POST', path(), { token: s.token, body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
    const noType = await request<ErrorBody>(server(), 'POST', path(), { token: s.token, body: JSON.stringify(content()) });
    expect(noType.status).toBeGreaterThanOrEqual(400);
    expect(noType.status).toBeLessThan(500);
    expect(await snapshot(server())).toBe(before);
  });

  it('patches content and `archived`; the result is checked as a whole; an empty or same patch writes nothing', async () => {
    const plan = (await call('POST', '', content({ name: 'Patch me' }))).body;
    const renamed = await call('PATCH', `/${plan.id}`, { name: '  Patched  ', level: 'advanced' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: plan.id, name: 'Patched', level: 'advanced', created_at: plan.created_at });
    expect(renamed.body.updated_at > plan.updated_at).toBe(true);
    const archived = await call('PATCH', `/${plan.id}`, { archived: true });
    expect(archived.body.archived).toBe(true);
    expect((await all('&archived=true')).map((p) => p.id)).toContain(plan.id);
    const sessions = await call('PATCH', `/${plan.id}`, { sessions: [session(2, 7), session(1, 2)] });
    expect(sessions.body.sessions.map((x) => [x.week, x.day])).toEqual([[1, 2], [2, 7]]);

    const before = await snapshot(server());
    expect((await call('PATCH', `/${plan.id}`, {})).body).toEqual(sessions.body);
    expect((await call('PATCH', `/${plan.id}`, { archived: true, name: 'Patched' })).body).toEqual(sessions.body);
    const shorter = await call<ErrorBody>('PATCH', `/${plan.id}`, { weeks: 1 });
    expect(shorter.status).toBe(400);
    expect(shorter.body.error.field).toBe('sessions.1.week');
    for (const [body, field] of [[{ name: '' }, 'name'], [{ archived: 'yes' }, 'archived'], [{ id: crypto.randomUUID() }, 'id'], [{ created_at: '2020-01-01T00:00:00Z' }, 'created_at']] as const) {
      const bad = await call<ErrorBody>('PATCH', `/${plan.id}`, body);
      expect(bad.status, field).toBe(400);
      expect(bad.body.error.field).toBe(field);
    }
    const noBody = await request<ErrorBody>(server(), 'PATCH', path(`/${plan.id}`), { token: s.token });
    expect(noBody.status).toBe(400);
    expect(await snapshot(server())).toBe(before);
  });

  it('deletes an unassigned plan (204, then 404) and refuses to delete an assigned one: 409 in_use, archive it instead', async () => {
    const plan = (await call('POST', '', content({ name: 'Delete me' }))).body;
    const del = await call('DELETE', `/${plan.id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await call<ErrorBody>('GET', `/${plan.id}`)).status).toBe(404);
    expect((await call<ErrorBody>('DELETE', `/${plan.id}`)).status).toBe(404);
    expect((await call<ErrorBody>('PATCH', `/${plan.id}`, { name: 'Back' })).status).toBe(404);
    expect((await all()).map((p) => p.id)).not.toContain(plan.id);

    const marathon = (await all()).find((p) => p.name === 'Marathon base')!;
    const before = await snapshot(server());
    const refused = await call<ErrorBody>('DELETE', `/${marathon.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'in_use', message: 'Marathon base is assigned to 4 athletes: archive it instead.' });
    expect(await snapshot(server())).toBe(before);
  });

  it('answers 404 for unknown, malformed and other organizations’ plans, changing nothing', async () => {
    const other = await createOtherOrganization(server());
    const theirs = await request<TrainingPlan>(server(), 'POST', `/api/v1/organizations/${other.orgId}/training-plans`, { token: other.token, json: content({ name: 'Secret plan' }) });
    expect(theirs.status).toBe(201);
    const head = await login(server(), HEAD);
    const before = await snapshot(server());
    for (const id of [theirs.body.id, crypto.randomUUID(), 'not-a-uuid', "x' OR 1=1 --", 'a%00b']) {
      for (const [method, body] of [['GET'], ['PATCH', { name: 'Mine now' }], ['DELETE']] as const) {
        const res = await call<ErrorBody>(method, `/${id.includes('%') ? id : encodeURIComponent(id)}`, body, head.token);
        expect(res.status, `${method} ${id}`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    }
    expect((await all()).map((p) => p.name)).not.toContain('Secret plan');
    // Their coach cannot read ours either.
    const ours = (await all())[0]!;
    expect((await request(server(), 'GET', path(`/${ours.id}`), { token: other.token })).status).toBe(403);
    expect(await snapshot(server())).toBe(before);
  });

  it('survives random bodies on every write route of plans, groups and assignments, and on their pushes (never a 5xx)', async () => {
    const org = `/api/v1/organizations/${s.orgId}`;
    const plan = (await request<Page>(server(), 'GET', `${org}/training-plans?limit=1`, { token: s.token })).body.data[0]!;
    const athlete = (await request<{ data: { id: string }[] }>(server(), 'GET', `${org}/athletes?limit=1`, { token: s.token })).body.data[0]!;
    const junk = fc.oneof(
      fc.anything(),
      fc.record({ name: fc.anything(), weeks: fc.anything(), sessions: fc.anything(), level: fc.anything(), archived: fc.anything() }, { requiredKeys: [] }),
      fc.record({ training_plan_id: fc.oneof(fc.constant(plan.id), fc.anything()), start_date: fc.anything(), athlete_ids: fc.anything(), group_id: fc.anything(), ended_on: fc.anything() }, { requiredKeys: [] }),
    );
    const check = (res: { status: number; body: unknown }, what: string) => {
      expect(res.status, what).toBeLessThan(500);
      if (res.status >= 400) expect(res.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    };
    await fc.assert(
      fc.asyncProperty(junk, fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 3 }), async (value, fields) => {
        const what = JSON.stringify(value)?.slice(0, 200) ?? String(value);
        check(await request(server(), 'POST', `${org}/training-plans`, { token: s.token, json: value }), `post plan ${what}`);
        check(await request(server(), 'PATCH', `${org}/training-plans/${plan.id}`, { token: s.token, json: value }), `patch plan ${what}`);
        check(await request(server(), 'POST', `${org}/groups`, { token: s.token, json: value }), `post group ${what}`);
        check(await request(server(), 'POST', `${org}/athletes/${athlete.id}/plans`, { token: s.token, json: value }), `assign ${what}`);
        check(await request(server(), 'POST', `${org}/plan-assignments/bulk`, { token: s.token, json: value }), `bulk ${what}`);
        for (const collection of ['training_plans', 'groups', 'plan_assignments']) {
          const doc = { ...plan, _deleted: false, ...fields };
          const pushed = await request(server(), 'POST', `/sync/v2/orgs/${s.orgId}/${collection}/push`, { token: s.token, json: { rows: [{ newDocumentState: doc, assumedMasterState: { ...plan, _deleted: false } }] } });
          check(pushed, `push ${collection} ${JSON.stringify(fields).slice(0, 200)}`);
        }
      }),
      { numRuns: 25 },
    );
  });
});
