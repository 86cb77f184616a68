import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { HEAD, describeOnBackends, login, request, snapshot, startTestServer, type TestServer } from './helpers';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type SessionBody = { token: string; user: { id: string; email: string }; organizations: { id: string; name: string; role: string }[] };

const valid = { organization_name: 'Riverside Harriers', first_name: 'Maria', last_name: 'López', email: 'Maria@Riverside.test', password: 'correct-horse-42', time_zone: 'Europe/Madrid' };

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'server/main.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeOnBackends(
  'sign-up and the create-org command',
  (server) => {
    it('creates an organization and its head coach, signed in at once', async () => {
      const res = await request<SessionBody>(server(), 'POST', '/api/v1/auth/signup', { json: valid });
      expect(res.status).toBe(201);
      expect(res.body.user.email).toBe('maria@riverside.test');
      expect(res.body.organizations).toEqual([{ id: expect.any(String), name: 'Riverside Harriers', role: 'head_coach', time_zone: expect.any(String) }]);
      const orgId = res.body.organizations[0]!.id;
      const token = res.body.token;
      const coaches = await request<{ data: { email: string; role: string; first_name: string; last_name: string }[] }>(server(), 'GET', `/api/v1/organizations/${orgId}/coaches`, { token });
      expect(coaches.body.data).toEqual([expect.objectContaining({ email: 'maria@riverside.test', role: 'head_coach', first_name: 'Maria', last_name: 'López' })]);
      const athletes = await request<{ data: unknown[]; next_cursor: null }>(server(), 'GET', `/api/v1/organizations/${orgId}/athletes`, { token });
      expect(athletes.body).toEqual({ data: [], next_cursor: null });
      const pulled = await request<{ documents: { role: string }[]; checkpoint: { seq: number } }>(server(), 'GET', `/sync/v2/orgs/${orgId}/coaches/pull?seq=0`, { token });
      expect(pulled.body.documents.map((d) => d.role)).toEqual(['head_coach']);
      expect(pulled.body.checkpoint.seq).toBeGreaterThan(0);
      // The new head coach signs in with the password, and cannot see the demo organization.
      const again = await login(server(), 'maria@riverside.test', valid.password);
      expect(again.orgId).toBe(orgId);
      const demoOrg = (await login(server(), HEAD)).orgId;
      expect((await request(server(), 'GET', `/api/v1/organizations/${demoOrg}/athletes`, { token })).status).toBe(403);
    });

    it('refuses a taken email with 409 and invalid input with 400, changing nothing', async () => {
      const before = await snapshot(server());
      const taken = await request<ErrorBody>(server(), 'POST', '/api/v1/auth/signup', { json: { ...valid, email: 'HEADCOACH@demo.local' } });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: 'email_taken', field: 'email' });
      const bad: [Record<string, unknown>, string][] = [
        [{ ...valid, email: 'other@x.test', password: 'short' }, 'password'],
        [{ ...valid, email: 'other@x.test', organization_name: '' }, 'organization_name'],
        [{ ...valid, email: 'other@x.test', organization_name: 'x'.repeat(121) }, 'organization_name'],
        [{ ...valid, email: 'other@x.test', first_name: 'Line\nbreak' }, 'first_name'],
        [{ ...valid, email: 'other@x.test', time_zone: 'Mars/Olympus' }, 'time_zone'],
        [{ ...valid, email: 'other@x.test', role: 'admin' }, 'role'],
        [{ ...valid, email: 'not an email' }, 'email'],
      ];
      for (const [json, field] of bad) {
        const res = await request<ErrorBody>(server(), 'POST', '/api/v1/auth/signup', { json });
        expect(res.status, field).toBe(400);
        expect(res.body.error.field).toBe(field);
        expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
      }
      expect(await snapshot(server())).toBe(before);
    });

    it('create-org prints the ids of a new organization whose head coach can sign in; the same email again fails', async () => {
      const s = server();
      const args = ['create-org', '--name', 'Canal Striders', '--email', 'cli@canal.test', '--password', 'secret123', '--first-name', 'Ada', '--last-name', 'Byron'];
      let target: TestServer = s;
      let dataDir: string | null = null;
      let env: Record<string, string>;
      if (s.backend === 'postgres') {
        env = { DATABASE_URL: s.databaseUrl ?? '' };
      } else {
        // PGlite is one process's database: the command runs on a data folder, then a server opens it.
        dataDir = mkdtempSync(join(tmpdir(), 'astral-cli-'));
        env = { ASTRAL_DATA_DIR: dataDir, DATABASE_URL: '' };
      }
      try {
        const ok = await runCli(args, env);
        expect(ok.stderr).toBe('');
        expect(ok.code).toBe(0);
        expect(ok.stdout).toMatch(/Created organization "Canal Striders"/);
        const orgId = /organization_id=([0-9a-f-]{36})/.exec(ok.stdout)?.[1];
        expect(orgId).toBeTruthy();
        expect(ok.stdout).toMatch(/user_id=[0-9a-f-]{36}/);

        const again = await runCli(args, env);
        expect(again.code).not.toBe(0);
        expect(again.stderr).toMatch(/already exists/);

        if (dataDir) {
          target = await startTestServer('pglite', { database: { kind: 'pglite', dataDir }, demo: false });
          // While that server holds the folder, the command refuses to open it (PGlite is single-process).
          const busy = await runCli(['create-org', '--name', 'Busy', '--email', 'busy@x.test', '--password', 'secret123', '--first-name', 'B', '--last-name', 'C'], env);
          expect(busy.code).toBe(1);
          expect(busy.stderr).toMatch(/in use by another Astral Coach process/);
        }
        const session = await login(target, 'cli@canal.test', 'secret123');
        expect(session).toMatchObject({ orgId, role: 'head_coach' });
      } finally {
        if (target !== s) await target.close();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }

    });

    it('create-org with bad arguments prints usage and exits 2, touching no database', async (ctx) => {
      if (server().backend !== 'pglite') ctx.skip(); // argument checks do not depend on the database
      const cases = [
        ['create-org', '--name', 'X'],
        ['create-org', '--name', 'X', '--email', 'x@y.test', '--password', 'secret123', '--first-name', 'A', '--last-name', 'B', '--bogus', '1'],
        ['create-org', '--name', 'X', '--email', 'x@y.test', '--password', 'short', '--first-name', 'A', '--last-name', 'B'],
        ['frobnicate'],
      ];
      const results = await Promise.all(cases.map((args) => runCli(args, { ASTRAL_DATA_DIR: '/nonexistent/never-created' })));
      for (const [i, res] of results.entries()) {
        expect(res.code, cases[i]?.join(' ')).toBe(2);
        expect(res.stderr).toContain('Usage:');
      }
      expect(results[2]?.stderr).toMatch(/--password: must be at least 8 characters/);
    });
  },
  { signup: 'open' },
);
