/**
 * Global set-up of the server integration tests: a throwaway PostgreSQL cluster (Debian's
 * postgresql package), so every suite runs on PGlite AND on a real PostgreSQL. The cluster lives
 * in a temporary folder owned by `postgres` (initdb refuses to run as root), listens on a free
 * loopback port, and is stopped and deleted at teardown. Test files create their own database in it.
 *
 * Without PostgreSQL binaries: under CI=true this fails loudly; elsewhere the PostgreSQL variant
 * is skipped with a visible warning.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate, migrationFiles } from '../../server/db/migrate';
import { dumpPglite } from '../../server/db/pglite';
import { freePort } from '../support/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway cluster (database `postgres`), or '' when PostgreSQL is unavailable. */
    pgAdminUrl: string;
    /** A dump of a migrated empty PGlite database: opens in ~1.5 s instead of ~5 s (DESIGN.md). */
    pgliteTemplate: string;
  }
}

function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}


/** Runs a PostgreSQL tool as the `postgres` user when we are root (initdb refuses root). */
function runPg(bin: string, tool: string, args: string[]): void {
  const asRoot = userInfo().uid === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`${tool} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
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
  const bin = findPgBin();
  if (!bin) {
    const message = 'PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: the PostgreSQL variant of the server tests is SKIPPED. Install the Debian package `postgresql` to run it.';
    if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
    console.warn(`\n!!! ${message}\n`);
    project.provide('pgAdminUrl', '');
    return;
  }

  const dir = mkdtempSync(join(tmpdir(), 'astral-pg-'));
  const data = join(dir, 'data');
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  try {
    runPg(bin, 'initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
    runPg(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', '-t', '60', 'start']);
  } catch (err) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start the throwaway PostgreSQL cluster: ${(err as Error).message}\n${log}`, { cause: err });
  }
  project.provide('pgAdminUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);

  return async () => {
    try {
      runPg(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
