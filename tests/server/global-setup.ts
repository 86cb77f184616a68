/**
 * Global set-up of the server integration tests: a throwaway PostgreSQL cluster (Debian's
 * postgresql package, started by tests/support/pg-cluster.ts, fsync off), so every suite runs on
 * PGlite AND on a real PostgreSQL. It is stopped and its folder deleted at teardown. Test files
 * create their own database in it.
 *
 * Without PostgreSQL binaries: under CI=true this fails loudly; elsewhere the PostgreSQL variant
 * is skipped with a visible warning.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate, migrationFiles } from '../../server/db/migrate';
import { dumpPglite } from '../../server/db/pglite';
import { startPgCluster } from '../support/pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway cluster (database `postgres`), or '' when PostgreSQL is unavailable. */
    pgAdminUrl: string;
    /** A dump of a migrated empty PGlite database: opens in ~1.5 s instead of ~5 s (DESIGN.md). */
    pgliteTemplate: string;
  }
}

/** Built once per migration set and cached under node_modules/.cache (a stale one is never used: the name is a hash). */
async function pgliteTemplate(): Promise<string> {
  const version = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version as string;
  const hash = createHash('sha256').update(version);
  for (const m of migrationFiles()) hash.update(m.name).update(m.sql);
  const dir = join('node_modules', '.cache', 'astral-server-tests');
  const file = join(process.cwd(), dir, `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const dump = await dumpPglite('memory://', async (db) => {
    await migrate(db);
  });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return file;
}

export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', await pgliteTemplate());
  const cluster = await startPgCluster({ name: 'astral-pg' });
  if (!cluster) {
    const message = 'PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: the PostgreSQL variant of the server tests is SKIPPED. Install the Debian package `postgresql` to run it.';
    if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
    console.warn(`\n!!! ${message}\n`);
    project.provide('pgAdminUrl', '');
    return;
  }
  project.provide('pgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
