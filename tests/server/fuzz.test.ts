import fc from 'fast-check';
import { expect, it } from 'vitest';
import { COACH1, describeOnBackends, login, request, type Session } from './helpers';

// Randomised bad input: whatever arrives, the answer is never a 5xx and always the error shape.
const junk = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.record({ display_name: fc.anything(), status: fc.anything(), labels: fc.anything(), private_notes: fc.anything() }, { requiredKeys: [] }),
);

describeOnBackends('bad input never yields a 5xx', (server) => {
  let s: Session;
  let athlete: Record<string, unknown>;

  it('PATCH, push, login and pull survive random input', async () => {
    s = await login(server(), COACH1);
    const list = await request<{ data: Record<string, unknown>[] }>(server(), 'GET', `/api/v1/organizations/${s.orgId}/athletes?limit=1`, { token: s.token });
    athlete = { ...list.body.data[0]!, _deleted: false };
    const check = (res: { status: number; body: unknown; text: string }, what: string) => {
      expect(res.status, what).toBeLessThan(500);
      expect(res.text, what).not.toContain('cannot store or compare');
      if (res.status >= 400) expect(res.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    };
    await fc.assert(
      fc.asyncProperty(junk, fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 4 }), fc.string({ unit: 'binary', maxLength: 40 }), async (value, fields, text) => {
        const patch = await request(server(), 'PATCH', `/api/v1/organizations/${s.orgId}/athletes/${String(athlete.id)}`, { token: s.token, json: value });
        check(patch, `patch ${JSON.stringify(value)}`);
        const pushed = await request(server(), 'POST', `/sync/v2/orgs/${s.orgId}/athletes/push`, {
          token: s.token,
          json: { rows: [{ newDocumentState: { ...athlete, ...fields }, assumedMasterState: athlete }] },
        });
        check(pushed, `push ${JSON.stringify(fields)}`);
        check(await request(server(), 'POST', `/sync/v2/orgs/${s.orgId}/athletes/push`, { token: s.token, json: value }), 'push body');
        check(await request(server(), 'POST', '/api/v1/auth/login', { json: value }), 'login');
        const q = encodeURIComponent(text);
        check(await request(server(), 'GET', `/api/v1/organizations/${s.orgId}/athletes?q=${q}&label=${q}&member_level=${q}`, { token: s.token }), `list ${text}`);
        check(await request(server(), 'GET', `/api/v1/organizations/${s.orgId}/athletes?cursor=${q}`, { token: s.token }), `cursor ${text}`);
        check(await request(server(), 'GET', `/sync/v2/orgs/${s.orgId}/athletes/pull?seq=${q}&limit=${q}`, { token: s.token }), `pull ${text}`);
        check(await request(server(), 'GET', `/api/v1/organizations/${s.orgId}/athletes/${q || 'x'}`, { token: s.token }), `get ${text}`);
        // Keep the probe athlete's master state current for the next run.
        const now = await request<Record<string, unknown>>(server(), 'GET', `/api/v1/organizations/${s.orgId}/athletes/${String(athlete.id)}`, { token: s.token });
        athlete = { ...now.body, _deleted: false };
      }),
      { numRuns: 40 },
    );
  });

  it('control characters and NUL anywhere are a 4xx (PostgreSQL text cannot hold NUL)', async () => {
    const id = String(athlete.id);
    const base = `/api/v1/organizations/${s.orgId}`;
    const cases: [string, string, unknown?][] = [
      ['GET', `${base}/athletes?q=%00`],
      ['GET', `${base}/athletes?label=%40a%00`],
      ['GET', `${base}/athletes?member_level=elite%00`],
      ['GET', `${base}/athletes?cursor=%00`],
      ['GET', `${base}/athletes/a%00b`],
      ['PATCH', `${base}/athletes/a%00b`, { status: 'active' }],
      ['PATCH', `${base}/athletes/${id}`, { display_name: 'a\u0000b' }],
      ['PATCH', `${base}/athletes/${id}`, { private_notes: 'a\u0000b' }],
      ['PATCH', `${base}/coaches/a%00b`, { role: 'head_coach' }],
      ['POST', `/sync/v2/orgs/${s.orgId}/athletes/push`, { rows: [{ newDocumentState: { id: 'a\u0000b' } }] }],
      ['POST', `/sync/v2/orgs/${s.orgId}/athletes/push`, { rows: [{ newDocumentState: { ...athlete, private_notes: '\u0000' }, assumedMasterState: athlete }] }],
      ['POST', '/api/v1/auth/login', { email: 'a\u0000@b.c', password: '\u0000' }],
    ];
    for (const [method, path, json] of cases) {
      const res = await request(server(), method, path, { token: s.token, json });
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      // Caught by validation at the boundary, not by the database safety net.
      expect(res.text, `${method} ${path}`).not.toContain('cannot store or compare');
    }
  });
});
