import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import { COACH1, FREE_AGENT, HEAD, createOtherOrganization, describeOnBackends, login, request, snapshot, type Reply, type Session } from './helpers';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Page = { data: Athlete[]; next_cursor: string | null };

describeOnBackends('athletes API', (server) => {
  let s: Session;
  const path = (p = '') => `/api/v1/organizations/${s.orgId}/athletes${p}`;
  const get = <T = Page>(p: string, token = s.token) => request<T>(server(), 'GET', path(p), { token });
  const all = async (query = '') => {
    const out: Athlete[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res: Reply<Page> = await get<Page>(`?${query}${query ? '&' : ''}limit=7${after}`);
      expect(res.status).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.next_cursor;
      if (!cursor) break;
    }
    return out;
  };

  it('lists the demo roster sorted by last name, first name, with default and custom page sizes', async () => {
    s = await login(server(), COACH1);
    const first = await get('');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(44);
    expect(first.body.next_cursor).toBeNull();
    const keys = first.body.data.map((a) => [a.last_name.toLowerCase(), a.first_name.toLowerCase(), a.id].join('\u0000'));
    expect(keys).toEqual([...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    const names = first.body.data.map((a) => a.first_name);
    expect(names).toEqual(expect.arrayContaining(['Zoë', 'José', 'Émile', 'Siobhán']));
    for (const a of first.body.data) expect(Object.keys(a).sort()).toEqual(Object.keys(first.body.data[0]!).sort());
    expect((await get('?limit=10')).body.data).toHaveLength(10);
  });

  it('pages with an opaque cursor: every athlete exactly once, in the same order as one big page', async () => {
    const paged = await all();
    const big = (await get('?limit=200')).body.data;
    expect(paged.map((a) => a.id)).toEqual(big.map((a) => a.id));
    expect(new Set(paged.map((a) => a.id)).size).toBe(44);
  });

  it('filters by status, member level and label, and searches names and email case-insensitively', async () => {
    const everyone = (await get('?limit=200')).body.data;
    for (const status of ['active', 'inactive', 'suspended'] as const) {
      const got = await all(`status=${status}`);
      expect(got.length).toBe(everyone.filter((a) => a.status === status).length);
      expect(got.length).toBeGreaterThan(0);
    }
    const elite = await all('member_level=ELITE');
    expect(elite.map((a) => a.id).sort()).toEqual(everyone.filter((a) => a.member_level === 'elite').map((a) => a.id).sort());
    const marathon = await all('label=%40marathon');
    expect(marathon.length).toBeGreaterThan(0);
    expect(marathon.every((a) => a.labels.includes('@marathon'))).toBe(true);
    expect((await all('label=marathon')).length).toBe(marathon.length); // '@' is added when missing
    expect(marathon.length).toBe(everyone.filter((a) => a.labels.includes('@marathon')).length);

    expect((await get('?q=zo%C3%AB')).body.data.map((a) => a.first_name)).toEqual(['Zoë']);
    expect((await get('?q=ZOË')).body.data.map((a) => a.first_name)).toEqual(['Zoë']);
    expect((await get('?q=pepe')).body.data.map((a) => a.last_name)).toEqual(['García']); // display name
    expect((await get('?q=MARTIN%40EXAMPLE')).body.data.map((a) => a.email)).toEqual(['zoe.martin@example.com']);
    expect((await get('?q=100%25_%5C')).body.data).toEqual([]); // LIKE wildcards are plain text
    const combined = await all('status=active&q=a');
    expect(combined.every((a) => a.status === 'active')).toBe(true);
  });

  it('gets one athlete; unknown, malformed and other organizations’ ids are 404', async () => {
    const one = (await get('?limit=1')).body.data[0]!;
    const res = await get<Athlete>(`/${one.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(one);
    const other = await createOtherOrganization(server());
    for (const id of [crypto.randomUUID(), 'not-a-uuid', other.athlete.id, "x' OR 1=1 --"]) {
      const r = await get<ErrorBody>(`/${encodeURIComponent(id)}`);
      expect(r.status, id).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    // The other organization's coach cannot read ours, and our coach cannot read theirs.
    expect((await get<ErrorBody>('', other.token)).status).toBe(403);
    const theirs = await request<ErrorBody>(server(), 'GET', `/api/v1/organizations/${other.orgId}/athletes/${other.athlete.id}`, { token: s.token });
    expect(theirs.status).toBe(403);
    const free = await login(server(), FREE_AGENT);
    expect((await get<ErrorBody>('', free.token)).status).toBe(403);
    expect((await request<ErrorBody>(server(), 'GET', `/api/v1/organizations/${crypto.randomUUID()}/athletes`, { token: s.token })).status).toBe(404);
  });

  it('patches the organization attributes: new updated_at, created_at kept, visible in list and get', async () => {
    const one = (await get('?q=zo%C3%AB')).body.data[0]!;
    const patch = { display_name: 'Zee', member_level: 'advanced', labels: ['@trail', '@comeback'], private_notes: 'Line one\nLine two', status: 'inactive' };
    const res = await request<Athlete>(server(), 'PATCH', path(`/${one.id}`), { token: s.token, json: patch });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...patch, id: one.id, first_name: 'Zoë', created_at: one.created_at, coach_ids: one.coach_ids });
    expect(res.body.updated_at > one.updated_at).toBe(true);
    expect((await get<Athlete>(`/${one.id}`)).body).toEqual(res.body);
    expect((await get('?q=zee')).body.data.map((a) => a.id)).toEqual([one.id]);
    // Empty strings clear the nullable fields; an empty patch changes nothing.
    const cleared = await request<Athlete>(server(), 'PATCH', path(`/${one.id}`), { token: s.token, json: { display_name: '', member_level: null } });
    expect(cleared.body).toMatchObject({ display_name: null, member_level: null });
    const before = await snapshot(server());
    const noop = await request<Athlete>(server(), 'PATCH', path(`/${one.id}`), { token: s.token, json: {} });
    expect(noop.status).toBe(200);
    expect(noop.body).toEqual(cleared.body);
    expect(await snapshot(server())).toBe(before);
  });

  it('refuses bad patches with a 4xx naming the field, and changes nothing', async () => {
    const one = (await get('?limit=1')).body.data[0]!;
    const other = await createOtherOrganization(server());
    const before = await snapshot(server());
    const cases: [string, Parameters<typeof request>[3], number, string, string?][] = [
      ['unknown field', { token: s.token, json: { first_name: 'Hacked' } }, 400, 'invalid_request', 'first_name'],
      ['coach_ids is not patchable here', { token: s.token, json: { coach_ids: [] } }, 400, 'invalid_request', 'coach_ids'],
      ['wrong type', { token: s.token, json: { labels: '@marathon' } }, 400, 'invalid_request', 'labels'],
      ['wrong enum', { token: s.token, json: { status: 'retired' } }, 400, 'invalid_request', 'status'],
      ['oversized', { token: s.token, json: { private_notes: 'x'.repeat(5001) } }, 400, 'invalid_request', 'private_notes'],
      ['oversized name', { token: s.token, json: { display_name: 'x'.repeat(81) } }, 400, 'invalid_request', 'display_name'],
      ['bad label', { token: s.token, json: { labels: ['no punctuation!'] } }, 400, 'invalid_request', 'labels.0'],
      ['too many labels', { token: s.token, json: { labels: Array.from({ length: 31 }, (_, i) => `@l${i}`) } }, 400, 'invalid_request', 'labels'],
      ['lone surrogate', { token: s.token, json: { private_notes: 'broken \ud800 text' } }, 400, 'invalid_request', 'private_notes'],
      ['no body, no Content-Type', { token: s.token }, 400, 'invalid_request'],
      ['a body that is not JSON', { token: s.token, body: 'status=active', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
      ['control characters', { token: s.token, json: { display_name: 'bell\u0007' } }, 400, 'invalid_request', 'display_name'],
      ['not an object', { token: s.token, json: ['status'] }, 400, 'invalid_request'],
      ['malformed JSON', { token: s.token, body: '{"status":', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
      ['no token', { json: { status: 'active' } }, 401, 'unauthorized'],
      ['forged token', { token: 'A'.repeat(43), json: { status: 'active' } }, 401, 'unauthorized'],
    ];
    for (const [name, options, status, code, field] of cases) {
      const res = await request<ErrorBody>(server(), 'PATCH', path(`/${one.id}`), options);
      expect(res.status, name).toBe(status);
      expect(res.body.error.code, name).toBe(code);
      if (field) expect(res.body.error.field, name).toBe(field);
      expect(res.body.error.message.length, name).toBeGreaterThan(0);
    }
    // Another organization's athlete, through our organization or theirs.
    expect((await request<ErrorBody>(server(), 'PATCH', path(`/${other.athlete.id}`), { token: s.token, json: { status: 'suspended' } })).status).toBe(404);
    expect((await request<ErrorBody>(server(), 'PATCH', `/api/v1/organizations/${other.orgId}/athletes/${other.athlete.id}`, { token: s.token, json: { status: 'suspended' } })).status).toBe(403);
    expect(await snapshot(server())).toBe(before);
    const empty = await request<ErrorBody>(server(), 'PATCH', path(`/${one.id}`), { token: s.token });
    expect(empty.body.error.message).toMatch(/JSON body is required/);
  });

  it('normalises typed labels in a PATCH: "Marathon" becomes @marathon, repeats dropped', async () => {
    const one = (await get('?limit=1')).body.data[0]!;
    const res = await request<Athlete>(server(), 'PATCH', path(`/${one.id}`), { token: s.token, json: { labels: ['Marathon', 'Injury Watch', '@marathon'] } });
    expect(res.status).toBe(200);
    expect(res.body.labels).toEqual(['@marathon', '@injury-watch']);
  });

  it('lists coaches and groups of the organization', async () => {
    const head = await login(server(), HEAD);
    const coaches = await request<{ data: { email: string; role: string }[] }>(server(), 'GET', `/api/v1/organizations/${head.orgId}/coaches`, { token: head.token });
    expect(coaches.status).toBe(200);
    expect(coaches.body.data.map((c) => [c.email, c.role]).sort()).toEqual([
      ['coach1@demo.local', 'coach'],
      ['coach2@demo.local', 'coach'],
      ['headcoach@demo.local', 'head_coach'],
    ]);
    const groups = await request<{ data: { name: string }[] }>(server(), 'GET', `/api/v1/organizations/${head.orgId}/groups`, { token: head.token });
    expect(groups.body.data.map((g) => g.name)).toEqual(['Beginners 5k', 'Marathon squad', 'Trail crew', 'Tuesday track']);
  });

  it('refuses bad list queries with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=abc', 'limit'],
      ['?status=retired', 'status'],
      ['?cursor=forged', 'cursor'],
      ['?sort=name', 'sort'],
    ] as const) {
      const res = await get<ErrorBody>(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.field, query).toBe(field);
    }
  });
});
