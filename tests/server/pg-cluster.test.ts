/**
 * The throwaway-PostgreSQL module (tests/support/pg-cluster.ts) used by the server tests' global
 * set-up and the benches: it picks the newest complete installation, starts a cluster with the
 * asked settings and database, and stop() leaves nothing behind (no folder, no server), twice safely.
 * Runs in the server project (it starts a real cluster); skipped visibly without PostgreSQL.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findPgBin, startPgCluster, type PgCluster } from '../support/pg-cluster';

describe('findPgBin', () => {
  const root = mkdtempSync(join(tmpdir(), 'astral-pgbin-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('picks the newest version holding both initdb and pg_ctl (numeric order), null when none', () => {
    expect(findPgBin(join(root, 'missing'))).toBeNull();
    expect(findPgBin(root)).toBeNull();
    for (const [version, tools] of [['9', ['initdb', 'pg_ctl']], ['15', ['initdb', 'pg_ctl']], ['16', ['initdb']]] as const) {
      mkdirSync(join(root, version, 'bin'), { recursive: true });
      for (const tool of tools) writeFileSync(join(root, version, 'bin', tool), '');
    }
    expect(findPgBin(root)).toBe(join(root, '15', 'bin'));
  });
});

const run = findPgBin() ? describe : describe.skip;
run('startPgCluster', () => {
  let cluster: PgCluster | null = null;
  afterAll(() => cluster?.stop());

  it('starts with the asked settings and database, and stop() removes the server and its folder', async () => {
    cluster = await startPgCluster({ name: 'astral-pg-test', settings: { max_connections: '42' }, database: 'astral_t' });
    expect(cluster).not.toBeNull();
    const c = cluster!;
    expect(c.url).toBe(`postgres://postgres@127.0.0.1:${c.port}/astral_t`);
    const client = new pg.Client({ connectionString: c.url });
    await client.connect();
    const settings = await client.query<{ fsync: string }>('SHOW fsync');
    const max = await client.query<{ max_connections: string }>('SHOW max_connections');
    await client.end();
    expect(settings.rows[0]?.fsync).toBe('off');
    expect(max.rows[0]?.max_connections).toBe('42');
    expect(await c.version()).toMatch(/^\d+/);
    await expect(c.createDatabase('bad-name; drop')).rejects.toThrow(/bad database name/);

    c.stop();
    c.stop();
    expect(existsSync(c.dir)).toBe(false);
    const after = new pg.Client({ connectionString: c.adminUrl, connectionTimeoutMillis: 5000 });
    await expect(after.connect()).rejects.toThrow();
    await after.end().catch(() => {});
  });
});
