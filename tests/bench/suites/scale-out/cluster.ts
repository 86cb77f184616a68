/**
 * A throwaway PostgreSQL cluster for the scale-out bench (like tests/server/global-setup.ts):
 * Debian's initdb/pg_ctl run as `postgres` when we are root, in a temporary folder, on a free
 * loopback port; `stop()` stops it and deletes the folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../support/free-port';

export type PgCluster = { url: string; stop(): void };

function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function runPg(bin: string, tool: string, args: string[]): void {
  const asRoot = userInfo().uid === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${tool} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
}

/** Starts a cluster with database `astral`; null when PostgreSQL is not installed. */
export async function startPgCluster(): Promise<PgCluster | null> {
  const bin = findPgBin();
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'astral-bench-pg-'));
  const data = join(dir, 'data');
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  const stop = () => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) runPg(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    runPg(bin, 'initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
    runPg(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', '-t', '60', 'start']);
    const create = spawnSync(userInfo().uid === 0 ? 'runuser' : join(bin, 'createdb'), userInfo().uid === 0 ? ['-u', 'postgres', '--', join(bin, 'createdb'), '-h', '127.0.0.1', '-p', String(port), 'astral'] : ['-h', '127.0.0.1', '-p', String(port), 'astral'], { encoding: 'utf8', timeout: 60_000 });
    if (create.status !== 0) throw new Error(`createdb failed: ${create.stderr}`);
  } catch (err) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    stop();
    throw new Error(`Could not start a throwaway PostgreSQL cluster: ${(err as Error).message}\n${log}`, { cause: err });
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/astral`, stop };
}
