import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import { COACH1, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { createKey, headSession, orgPath, withKey, type CreatedKey, type ErrorBody, type Page } from './role-helpers';

type KeyInfo = Omit<CreatedKey, 'key'> & { created_by: string | null; created_at: string; revoked_at: string | null; last_used_at: string | null };

describeOnBackends('organization API keys', (server) => {
  let head: Session;
  const keys = (token = head.token) => request<{ data: KeyInfo[] }>(server(), 'GET', orgPath(head.orgId, '/api-keys'), { token });

  it('the head coach creates a key: shown once, stored only as its SHA-256', async () => {
    head = await headSession(server());
    const res = await request<CreatedKey & KeyInfo>(server(), 'POST', orgPath(head.orgId, '/api-keys'), { token: head.token, json: { name: 'Club website' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.key).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);
    expect(res.body).toMatchObject({ name: 'Club website', key_prefix: res.body.key.slice(0, 11), created_by: head.userId, expires_at: null, revoked_at: null, last_used_at: null });
    const listed = await keys();
    expect(listed.status).toBe(200);
    expect(listed.body.data[0]).toEqual({ ...res.body, key: undefined, id: res.body.id } as unknown as KeyInfo);
    expect(listed.text).not.toContain(res.body.key);
    const { rows } = await server().db.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = $1', [res.body.id]);
    expect(rows[0]?.key_hash).toBe(createHash('sha256').update(res.body.key).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(res.body.key);
    const again = await createKey(server(), head, 'Club website');
    expect(again.key).not.toBe(res.body.key);
  });

  it('a key acts with coach rights on its organization: reads, edits attributes, but assigns no coach', async () => {
    const { key } = await createKey(server(), head, 'Timing system');
    const list = await request<Page>(server(), 'GET', orgPath(head.orgId, '/athletes?limit=3'), withKey(key));
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(3);
    const one = list.body.data[0] as Athlete;
    const patched = await request<Athlete>(server(), 'PATCH', orgPath(head.orgId, `/athletes/${one.id}`), withKey(key, { labels: [...one.labels, '@timed'] }));
    expect(patched.status).toBe(200);
    expect(patched.body.labels).toContain('@timed');
    expect((await request(server(), 'GET', orgPath(head.orgId, '/coaches'), withKey(key))).status).toBe(200);
    expect((await request(server(), 'GET', orgPath(head.orgId, '/groups'), withKey(key))).status).toBe(200);
    const bulk = await request<{ updated: number }>(server(), 'POST', orgPath(head.orgId, '/athletes/bulk'), withKey(key, { action: 'remove_label', label: '@timed', athlete_ids: [one.id] }));
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated).toBe(1);

    const before = await snapshot(server());
    const assign = await request<ErrorBody>(server(), 'PUT', orgPath(head.orgId, `/athletes/${one.id}/coaches`), withKey(key, { coach_ids: [] }));
    expect(assign.status).toBe(403);
    expect(assign.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/API keys have coach rights/) });
    const bulkAssign = await request<ErrorBody>(server(), 'POST', orgPath(head.orgId, '/athletes/bulk'), withKey(key, { action: 'set_coaches', coach_ids: [], athlete_ids: [one.id] }));
    expect(bulkAssign.status).toBe(403);
    expect((await request(server(), 'POST', orgPath(head.orgId, '/coaches'), withKey(key, { email: 'free.agent@demo.local' }))).status).toBe(403);
    const me = await request<ErrorBody>(server(), 'GET', orgPath(head.orgId, '/athletes?coach_id=me'), withKey(key));
    expect(me.status).toBe(400);
    expect(me.body.error.field).toBe('coach_id');
    expect(await snapshot(server())).toBe(before);
  });

  it('a key never works on another organization, on sync, on account routes or for managing keys', async () => {
    const { key } = await createKey(server(), head, 'Scoped');
    const other = await createOtherOrganization(server());
    const theirs = await request<ErrorBody>(server(), 'GET', orgPath(other.orgId, '/athletes'), withKey(key));
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.message).toMatch(/another organization/);
    expect((await request(server(), 'GET', orgPath(other.orgId, `/athletes/${other.athlete.id}`), withKey(key))).status).toBe(403);
    expect((await request(server(), 'GET', orgPath(crypto.randomUUID(), '/athletes'), withKey(key))).status).toBe(403);

    for (const [method, path] of [
      ['GET', `/sync/v2/orgs/${head.orgId}/athletes/pull?seq=0&limit=10`],
      ['POST', `/sync/v2/orgs/${head.orgId}/athletes/push`],
      ['GET', `/sync/v2/orgs/${head.orgId}/stream`],
      ['GET', '/api/v1/me'],
      ['POST', '/api/v1/auth/logout'],
    ] as const) {
      const res = await request<ErrorBody>(server(), method, path, { ...withKey(key), ...(method === 'POST' ? { json: { rows: [] } } : {}) });
      expect(res.status, path).toBe(401);
      expect(res.body.error.message, path).toMatch(/API keys work only on the organization routes/);
    }
    for (const [method, path, json] of [
      ['GET', '/api-keys', undefined],
      ['POST', '/api-keys', { name: 'Self-made' }],
      ['DELETE', `/api-keys/${crypto.randomUUID()}`, undefined],
    ] as const) {
      const res = await request<ErrorBody>(server(), method, orgPath(head.orgId, path), withKey(key, json));
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toMatch(/API keys cannot|API keys have coach rights/);
    }
    const both = await request<ErrorBody>(server(), 'GET', orgPath(head.orgId, '/athletes'), { token: head.token, headers: { 'x-api-key': key } });
    expect(both.status).toBe(400);
    for (const bad of ['', 'ak_short', `ak_${'A'.repeat(43)}`, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')]) {
      const res = await request<ErrorBody>(server(), 'GET', orgPath(head.orgId, '/athletes'), { headers: { 'x-api-key': bad } });
      expect(res.status, bad).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('notes when a key was last used', async () => {
    const created = await createKey(server(), head, 'Usage');
    expect((await request(server(), 'GET', orgPath(head.orgId, '/coaches'), withKey(created.key))).status).toBe(200);
    const info = (await keys()).body.data.find((k) => k.id === created.id);
    expect(info?.last_used_at).toEqual(expect.any(String));
  });

  it('a revoked key stops working at once; revoking is idempotent', async () => {
    const created = await createKey(server(), head, 'Short-lived');
    const url = orgPath(head.orgId, '/athletes?limit=1');
    expect((await request(server(), 'GET', url, withKey(created.key))).status).toBe(200);
    const revoked = await request(server(), 'DELETE', orgPath(head.orgId, `/api-keys/${created.id}`), { token: head.token });
    expect(revoked.status).toBe(204);
    const after = await request<ErrorBody>(server(), 'GET', url, withKey(created.key));
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/invalid, revoked or expired/);
    const first = (await keys()).body.data.find((k) => k.id === created.id)?.revoked_at;
    expect(first).toEqual(expect.any(String));
    expect((await request(server(), 'DELETE', orgPath(head.orgId, `/api-keys/${created.id}`), { token: head.token })).status).toBe(204);
    expect((await keys()).body.data.find((k) => k.id === created.id)?.revoked_at).toBe(first);
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      expect((await request(server(), 'DELETE', orgPath(head.orgId, `/api-keys/${id}`), { token: head.token })).status, id).toBe(404);
    }
    // Another organization's key id is not found through ours.
    const other = await createOtherOrganization(server());
    const theirs = await request<CreatedKey>(server(), 'POST', orgPath(other.orgId, '/api-keys'), { token: other.token, json: { name: 'Theirs' } });
    expect(theirs.status).toBe(201);
    expect((await request(server(), 'DELETE', orgPath(head.orgId, `/api-keys/${theirs.body.id}`), { token: head.token })).status).toBe(404);
    expect((await request(server(), 'GET', orgPath(other.orgId, '/athletes'), withKey(theirs.body.key))).status).toBe(200);
  });

  it('an expired key stops working', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const created = await createKey(server(), head, 'Expiring', { expires_at: soon });
    expect(created.expires_at).toBe(soon);
    expect((await request(server(), 'GET', orgPath(head.orgId, '/coaches'), withKey(created.key))).status).toBe(200);
    await server().db.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [created.id]);
    expect((await request(server(), 'GET', orgPath(head.orgId, '/coaches'), withKey(created.key))).status).toBe(401);
  });

  it('only the signed-in head coach manages keys', async () => {
    const coach = await login(server(), COACH1);
    const other = await createOtherOrganization(server());
    const before = await snapshot(server());
    for (const [method, path, json] of [
      ['GET', '/api-keys', undefined],
      ['POST', '/api-keys', { name: 'Mine' }],
      ['DELETE', `/api-keys/${crypto.randomUUID()}`, undefined],
    ] as const) {
      for (const [who, token, status] of [
        ['coach', coach.token, 403],
        ['other organization', other.token, 403],
        ['no token', undefined, 401],
      ] as const) {
        const res = await request<ErrorBody>(server(), method, orgPath(head.orgId, path), { token, json });
        expect(res.status, `${who} ${method} ${path}`).toBe(status);
      }
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('refuses bad creation requests with a 400 naming the field', async () => {
    const count = async () => (await server().db.query('SELECT count(*)::int AS n FROM api_keys')).rows[0]?.n;
    const before = await count();
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ name: 'bell\u0007' }, 'name'],
      [{ name: 'ok', expires_at: 'tomorrow' }, 'expires_at'],
      [{ name: 'ok', expires_at: '2020-01-01T00:00:00Z' }, 'expires_at'],
      [{ name: 'ok', expires_at: '2999-01-01T00:00:00Z' }, 'expires_at'],
      [{ name: 'ok', scope: 'admin' }, 'scope'],
    ] as const) {
      const res = await request<ErrorBody>(server(), 'POST', orgPath(head.orgId, '/api-keys'), { token: head.token, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await count()).toBe(before);
  });

  it('limits the number of active keys per organization', async () => {
    const other = await createOtherOrganization(server());
    const otherHead = { ...head, orgId: other.orgId, token: other.token };
    for (let i = 0; i < 50; i++) await createKey(server(), otherHead, `Key ${i}`);
    const res = await request<ErrorBody>(server(), 'POST', orgPath(other.orgId, '/api-keys'), { token: other.token, json: { name: 'One too many' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('too_many_keys');
    const first = (await request<{ data: KeyInfo[] }>(server(), 'GET', orgPath(other.orgId, '/api-keys'), { token: other.token })).body.data[0] as KeyInfo;
    await request(server(), 'DELETE', orgPath(other.orgId, `/api-keys/${first.id}`), { token: other.token });
    expect((await request(server(), 'POST', orgPath(other.orgId, '/api-keys'), { token: other.token, json: { name: 'Now fine' } })).status).toBe(201);
  });
});
