/**
 * Helpers of the server integration tests: a real server (in-process, port 0, fresh database per
 * test file) on each backend, and a small HTTP client. `describeOnBackends` runs the same suite on
 * PGlite and on the throwaway PostgreSQL cluster of global-setup.ts.
 */
import { EMPTY_PROFILE_FIELDS } from '../../shared/domain/athlete';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../../server/server';

export type Backend = 'pglite' | 'postgres';
export const DEMO_PASSWORD = 'astral-demo';
export const HEAD = 'headcoach@demo.local';
export const COACH1 = 'coach1@demo.local';
export const COACH2 = 'coach2@demo.local';
export const FREE_AGENT = 'free.agent@demo.local';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

/** Creates an empty PostgreSQL database in the test cluster; returns its URL and a drop function. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject('pgAdminUrl');
  if (!admin) throw new Error('PostgreSQL is not available');
  const name = `astral_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type TestServer = RunningServer & {
  backend: Backend;
  databaseUrl?: string;
  /** Stops the server but keeps its database (for restart tests); `close()` also drops it. */
  stop(): Promise<void>;
};

export async function startTestServer(backend: Backend, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  let drop: (() => Promise<void>) | null = null;
  let database: ServerOptions['database'] = { kind: 'pglite', dataDir: 'memory://', loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) };
  let databaseUrl: string | undefined;
  if (options.database) {
    database = options.database;
    if (database.kind === 'postgres') databaseUrl = database.url;
  } else if (backend === 'postgres') {
    const created = await createPgDatabase();
    drop = created.drop;
    databaseUrl = created.url;
    database = { kind: 'postgres', url: created.url };
  }
  const server = await startServer({
    database,
    port: 0,
    demo: true,
    demoScrypt: FAST_SCRYPT,
    logLevel: 'silent',
    dashboardDir: '/nonexistent-astral-dashboard',
    ...options,
  });
  return {
    ...server,
    backend,
    databaseUrl,
    stop: () => server.close(),
    close: async () => {
      await server.close();
      if (drop) await drop();
    },
  };
}

export function postgresAvailable(): boolean {
  return inject('pgAdminUrl') !== '';
}

/**
 * Runs `suite` once per backend, each with its own server started before and closed after.
 * The PostgreSQL variant is skipped (visibly) when global-setup found no PostgreSQL.
 */
export function describeOnBackends(name: string, suite: (server: () => TestServer) => void, options: Partial<ServerOptions> = {}): void {
  for (const backend of ['pglite', 'postgres'] as const) {
    const run = backend === 'postgres' && !postgresAvailable() ? describe.skip : describe;
    run(`${name} [${backend}]`, () => {
      let server: TestServer | null = null;
      beforeAll(async () => {
        server = await startTestServer(backend, options);
      });
      afterAll(async () => {
        await server?.close();
      });
      suite(() => {
        if (!server) throw new Error('server not started');
        return server;
      });
    });
  }
}

export type Reply<T = unknown> = { status: number; body: T; headers: Headers; text: string };

export type RequestOptions = { token?: string; json?: unknown; body?: string; headers?: Record<string, string> };

export async function request<T = unknown>(server: { url: string }, method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

export type Session = { token: string; orgId: string; userId: string; role: string };

export async function login(server: { url: string }, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await request<{ token: string; user: { id: string }; organizations: { id: string; role: string }[] }>(server, 'POST', '/api/v1/auth/login', {
    json: { email, password },
  });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
  const org = res.body.organizations[0];
  return { token: res.body.token, userId: res.body.user.id, orgId: org?.id ?? '', role: org?.role ?? '' };
}

/** Everything the database holds for the replicated tables and sequences: compare before and after bad requests. */
export async function snapshot(server: TestServer): Promise<string> {
  const docs = await server.db.query('SELECT org_id, collection, id, data, seq, deleted FROM documents ORDER BY org_id, collection, id');
  const orgs = await server.db.query('SELECT id, name, seq FROM organizations ORDER BY id');
  const users = await server.db.query('SELECT id, email FROM users ORDER BY id');
  return JSON.stringify({ docs: docs.rows, orgs: orgs.rows.map((o) => ({ ...o, seq: Number(o.seq) })), users: users.rows });
}

/** A second organization with one athlete, to check that nothing crosses organizations. */
export async function createOtherOrganization(server: TestServer, email = `other-${randomBytes(4).toString('hex')}@other.test`) {
  const { createOrganizationWithHeadCoach } = await import('../../server/orgs/organizations');
  const created = await createOrganizationWithHeadCoach(server.store, {
    organizationName: 'Other Club',
    email,
    firstName: 'Otto',
    lastName: 'Other',
    password: 'other-password-1',
  });
  const orgId = created.organization.id;
  const now = new Date().toISOString();
  const athlete = {
    id: crypto.randomUUID(),
    user_id: crypto.randomUUID(),
    first_name: 'Olga',
    last_name: 'Outsider',
    email: `olga-${randomBytes(3).toString('hex')}@other.test`,
    display_name: null,
    member_level: 'elite',
    labels: ['@secret'],
    private_notes: 'other club notes',
    status: 'active' as const,
    coach_ids: [],
    group_ids: [],
    ...EMPTY_PROFILE_FIELDS,
    created_at: now,
    updated_at: now,
  };
  await server.store.write(orgId, async (w) => {
    await w.tx.query('INSERT INTO users (id, email, first_name, last_name) VALUES ($1, $2, $3, $4)', [athlete.user_id, athlete.email, athlete.first_name, athlete.last_name]);
    await w.put('athletes', athlete);
  });
  const session = await login(server, email, 'other-password-1');
  return { orgId, athlete, token: session.token };
}
