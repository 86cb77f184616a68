/**
 * One throwaway PostgreSQL cluster for the suites that need a real PostgreSQL (server tests'
 * global set-up, the live and scale-out benches), written once so every step is the careful one:
 * Debian's binaries (newest /usr/lib/postgresql/N/bin with initdb AND pg_ctl), initdb/pg_ctl run as
 * `postgres` when we are root (initdb refuses root), a private temporary folder that is also the
 * unix socket directory, a free loopback port (a port taken between the probe and the start is
 * retried on a new one), bounded waits on every tool, the server log in every start error, and a
 * stop that runs whenever a postmaster.pid exists (a start that timed out may still have a server
 * up), falls back to an immediate shutdown, always deletes the folder, and also runs when the
 * process exits or is interrupted without calling stop().
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

export type PgClusterOptions = {
  /** Folder prefix under the temporary directory (default `astral-pg`). */
  name?: string;
  /** Port to listen on (default: a free loopback port). */
  port?: number;
  /** Server settings passed as `-c key=value`; default `fsync=off` (pass `fsync: 'on'` for durable figures). */
  settings?: Record<string, string>;
  /** Creates this database after the start; `url` then points at it (default: `url` is the `postgres` database). */
  database?: string;
};

export type PgCluster = {
  bin: string;
  dir: string;
  port: number;
  /** URL of the `postgres` database (superuser `postgres`, trust authentication). */
  adminUrl: string;
  /** URL of `options.database`, or `adminUrl`. */
  url: string;
  /** Creates an empty database (lower-case letters, digits and `_`); returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** PostgreSQL's `server_version`. */
  version(): Promise<string>;
  /** Stops the server and deletes the folder; safe to call twice. */
  stop(): void;
};

const TOOL_TIMEOUT_MS = 120_000;
const PG_CTL_WAIT_S = '60';

/** The newest installed PostgreSQL's bin folder holding initdb and pg_ctl, or null. */
export function findPgBin(root = '/usr/lib/postgresql'): string | null {
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

const asRoot = (): boolean => userInfo().uid === 0;

/** Runs a PostgreSQL tool (as `postgres` when we are root); throws with its output when it fails or times out. */
export function runPg(bin: string, tool: string, args: string[], timeoutMs = TOOL_TIMEOUT_MS): void {
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: timeoutMs });
  if (result.status !== 0) {
    throw new Error(`${tool} failed (${result.status ?? result.signal ?? result.error?.message}): ${result.stderr || result.stdout}`);
  }
}

function privateFolder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

const readLog = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** Clusters still running, stopped when the process exits or is interrupted. */
const running = new Set<() => void>();
let hooked = false;
function stopAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  const stopAll = () => {
    for (const stop of [...running]) stop();
  };
  process.once('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      stopAll();
      // Nobody else handles it: keep the default behaviour (die of the signal).
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}

/** Starts a throwaway cluster; null when PostgreSQL's binaries are not installed. */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster | null> {
  const bin = findPgBin();
  if (!bin) return null;
  const dir = privateFolder(options.name ?? 'astral-pg');
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    try {
      if (existsSync(join(data, 'postmaster.pid'))) {
        try {
          runPg(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', PG_CTL_WAIT_S, 'stop']);
        } catch {
          runPg(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', PG_CTL_WAIT_S, 'stop']);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  running.add(stop);
  stopAllOnExit();
  const settings = { fsync: 'off', ...options.settings, listen_addresses: '127.0.0.1' };
  const flags = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  let port = options.port ?? (await freePort());
  try {
    runPg(bin, 'initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
    for (let attempt = 1; ; attempt++) {
      try {
        runPg(bin, 'pg_ctl', ['-D', data, '-l', log, '-o', `-p ${port} -k ${dir} ${flags}`, '-w', '-t', PG_CTL_WAIT_S, 'start']);
        break;
      } catch (err) {
        // Another process took the free port between the probe and the start: once more on a new one.
        const taken = /could not (bind|create listen socket)|address already in use/i.test(readLog(log));
        if (!taken || options.port !== undefined || attempt >= 3 || existsSync(join(data, 'postmaster.pid'))) throw err;
        port = await freePort();
      }
    }
  } catch (err) {
    const serverLog = readLog(log);
    try {
      stop();
    } catch {
      // The start error below says more than the stop's.
    }
    throw new Error(`Could not start the throwaway PostgreSQL cluster: ${(err as Error).message}\n${serverLog}`, { cause: err });
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const withAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => {});
    }
  };
  const createDatabase = async (name: string): Promise<string> => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
    return adminUrl.replace(/\/postgres$/, `/${name}`);
  };
  const version = () => withAdmin(async (client) => String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?'));
  let url = adminUrl;
  if (options.database) {
    try {
      url = await createDatabase(options.database);
    } catch (err) {
      stop();
      throw new Error(`Could not create database ${options.database} in the throwaway PostgreSQL cluster: ${(err as Error).message}`, { cause: err });
    }
  }
  return { bin, dir, port, adminUrl, url, createDatabase, version, stop };
}
