import { expect, it } from 'vitest';
import { COACH1, DEMO_PASSWORD, FREE_AGENT, HEAD, describeOnBackends, login, request, snapshot } from './helpers';

type SessionBody = { token: string; user: { id: string; email: string; first_name: string; last_name: string }; organizations: { id: string; name: string; role: string }[] };
type ErrorBody = { error: { code: string; message: string; field?: string } };

describeOnBackends('auth, config and server basics', (server) => {
  it('answers /healthz and /api/v1/config', async () => {
    expect((await request(server(), 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(server(), 'GET', '/api/v1/config')).body).toEqual({ signup: 'closed', sync_schema_version: 2 });
  });

  it('signs in the demo head coach (email case-insensitive) and lists the organization with the role', async () => {
    const res = await request<SessionBody>(server(), 'POST', '/api/v1/auth/login', { json: { email: '  HeadCoach@Demo.Local ', password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).toMatchObject({ email: HEAD, first_name: 'Helen', last_name: 'Hartley' });
    expect(res.body.organizations).toEqual([{ id: expect.any(String), name: 'Demo Running Club', role: 'head_coach', time_zone: expect.any(String) }]);
    const me = await request<SessionBody>(server(), 'GET', '/api/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(HEAD);
    expect(me.body.organizations[0]?.role).toBe('head_coach');
  });

  it('refuses wrong credentials with 401 invalid_credentials, the same for an unknown email', async () => {
    const before = await snapshot(server());
    for (const json of [
      { email: HEAD, password: 'not-the-password' },
      { email: 'nobody@demo.local', password: DEMO_PASSWORD },
      { email: 'zoe.martin@example.com', password: DEMO_PASSWORD }, // an athlete account without a password
    ]) {
      const res = await request<ErrorBody>(server(), 'POST', '/api/v1/auth/login', { json });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong email or password.' } });
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('gives a 400 naming the field for bad login bodies, never a 5xx', async () => {
    const cases: [Parameters<typeof request>[3], number, string, string?][] = [
      [{ json: { email: HEAD } }, 400, 'invalid_request', 'password'],
      [{ json: { email: 'not-an-email', password: 'x' } }, 400, 'invalid_request', 'email'],
      [{ json: { email: HEAD, password: DEMO_PASSWORD, admin: true } }, 400, 'invalid_request', 'admin'],
      [{ json: { email: 42, password: DEMO_PASSWORD } }, 400, 'invalid_request', 'email'],
      [{ json: [] }, 400, 'invalid_request'],
      [{ body: '{"email": ', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
      [{ body: 'email=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
    ];
    for (const [options, status, code, field] of cases) {
      const res = await request<ErrorBody>(server(), 'POST', '/api/v1/auth/login', options);
      expect(res.status, JSON.stringify(options)).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (field) {
        expect(res.body.error.field).toBe(field);
        expect(res.body.error.message.startsWith(`${field}: `)).toBe(true);
      }
    }
  });

  it('a user with an account but no organization signs in with an empty organization list', async () => {
    const res = await request<SessionBody>(server(), 'POST', '/api/v1/auth/login', { json: { email: FREE_AGENT, password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.organizations).toEqual([]);
  });

  it('logout ends the session; the token then gets 401', async () => {
    const s = await login(server(), COACH1);
    expect((await request(server(), 'GET', '/api/v1/me', { token: s.token })).status).toBe(200);
    const out = await request(server(), 'POST', '/api/v1/auth/logout', { token: s.token });
    expect(out.status).toBe(204);
    const after = await request<ErrorBody>(server(), 'GET', '/api/v1/me', { token: s.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    for (const token of ['', 'garbage', 'a'.repeat(43)]) {
      const res = await request<ErrorBody>(server(), 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }
    expect((await request(server(), 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses sign-up when the server does not allow it', async () => {
    const before = await snapshot(server());
    const res = await request<ErrorBody>(server(), 'POST', '/api/v1/auth/signup', {
      json: { organization_name: 'Nope', first_name: 'A', last_name: 'B', email: 'a@b.test', password: 'long-enough-1' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('signup_closed');
    // Checked before the body: an invalid body or none at all gets the same answer.
    for (const options of [{ json: { email: 'not-an-email' } }, { json: [] }, {}]) {
      const other = await request<ErrorBody>(server(), 'POST', '/api/v1/auth/signup', options);
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('signup_closed');
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('serves the OpenAPI document listing every route', async () => {
    const res = await request<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(server(), 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const routes = Object.entries(res.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/signup',
        'POST /api/v1/auth/logout',
        'GET /api/v1/me',
        'GET /api/v1/config',
        'GET /api/v1/organizations/{org_id}/athletes',
        'GET /api/v1/organizations/{org_id}/athletes/{athlete_id}',
        'PATCH /api/v1/organizations/{org_id}/athletes/{athlete_id}',
        'GET /api/v1/organizations/{org_id}/coaches',
        'PATCH /api/v1/organizations/{org_id}/coaches/{coach_id}',
        'GET /api/v1/organizations/{org_id}/groups',
      ]),
    );
  });

  it('answers unknown API and sync routes with a 404 error body, and oversized bodies with 413', async () => {
    for (const path of ['/api/v1/nope', '/api/v2/auth/login', '/sync/v2/nothing']) {
      const res = await request<ErrorBody>(server(), 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const big = await request<ErrorBody>(server(), 'POST', '/api/v1/auth/login', { json: { email: HEAD, password: 'x'.repeat(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });

  it('allows cross-origin calls with an Authorization header (the desktop app) on /api and /sync', async () => {
    for (const path of ['/api/v1/me', '/sync/v2/orgs/x/athletes/pull']) {
      const res = await fetch(`${server().url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'app://astral', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(res.status).toBeLessThan(300);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    }
  });

  it('without a built dashboard, / says how to build it, with a strict CSP', async () => {
    const res = await request(server(), 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('npm run build:renderer');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('unsafe-eval');
  });
});
