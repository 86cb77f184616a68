/**
 * The sync server as its own PROCESS (server/main.ts, configured by the environment it reads in
 * server/config/env.ts), so its memory is its own: VmRSS from /proc/<pid>/status. Started through
 * `bash -c 'ulimit -n N; exec node --import tsx server/main.ts'`: `exec` leaves one process, the
 * server itself (with `npx tsx` the pid would be npx's and the server a grandchild), and the
 * file-descriptor limit is raised for it up to the hard limit. PORT=0: the URL is read from the
 * line main.ts prints once listening.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type DatabaseOptions } from '../../../../server/db/open';
import type { Db } from '../../../../server/db/db';

const ROOT = resolve(import.meta.dirname, '../../../..');
/** Made by tests/bench/lib/server.ts on a first bench run: an empty, migrated PGlite folder. */
const PGLITE_TEMPLATE = join(ROOT, 'node_modules/.cache/bench/pglite-template');

export type ServerProcess = {
  url: string;
  pid: number;
  /** Soft limit on open files of the server process (its /proc limits). */
  fdLimit: number | null;
  /** Resident memory now and its high-water mark, MB (null once the process is gone). */
  memory(): { rssMb: number; hwmMb: number } | null;
  /** Open file descriptors of the process (sockets included). */
  openFds(): number | null;
  stop(): Promise<void>;
};

/** A fresh PGlite data folder, migrated (a copy of the bench template when there is one). */
export async function freshPgliteFolder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'astral-live-'));
  if (existsSync(join(PGLITE_TEMPLATE, 'pglite'))) cpSync(PGLITE_TEMPLATE, dir, { recursive: true });
  return dir;
}

/** Opens the database in this process to seed it, then closes it (the server process opens it after). */
export async function withDatabase<T>(options: DatabaseOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(options);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function readStatus(pid: number, field: string): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function readFdLimit(pid: number): number | null {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * The server and shared sources of an older commit in a temporary folder (git archive: read-only,
 * the working tree is untouched), with this checkout's node_modules linked in: the same server
 * before a fix, to run beside the current one in the same bench run. Null when git cannot.
 */
export function sourceTreeAt(commit: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'astral-live-src-'));
  try {
    const tar = execFileSync('git', ['archive', commit, 'server', 'shared', 'package.json', 'tsconfig.json'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

export type SpawnOptions = { database: DatabaseOptions; fdLimit: number; log: (line: string) => void; /** Source tree to run (default: this checkout). */ root?: string };

export async function spawnServer({ database, fdLimit, log, root = ROOT }: SpawnOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ASTRAL_DEMO: '0', ASTRAL_SIGNUP: 'closed' };
  if (database.kind === 'postgres') env.DATABASE_URL = database.url;
  else {
    env.DATABASE_URL = '';
    env.ASTRAL_DATA_DIR = database.dataDir;
  }
  const child = spawn('bash', ['-c', `ulimit -n ${fdLimit} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec node --import tsx server/main.ts`], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server process printed no URL within 180 s:\n${output.slice(-2000)}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server process ended (${code ?? signal}) before listening:\n${output.slice(-2000)}`));
    });
  });
  // Keep draining its output (a full pipe would block the server); warnings go to the bench log.
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.on('data', () => {});
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString().trim();
    if (text) log(`server ${pid}: ${text.slice(0, 300)}`);
  });
  return {
    url,
    pid,
    fdLimit: readFdLimit(pid),
    memory: () => {
      const rss = readStatus(pid, 'VmRSS');
      const hwm = readStatus(pid, 'VmHWM');
      return rss === null || hwm === null ? null : { rssMb: rss, hwmMb: hwm };
    },
    openFds: () => {
      try {
        return readdirSync(`/proc/${pid}/fd`).length;
      } catch {
        return null;
      }
    },
    stop: async () => {
      child.kill('SIGTERM');
      if (!(await exited(child, 15_000))) {
        child.kill('SIGKILL');
        await exited(child, 5_000);
      }
    },
  };
}

export const removeFolder = (dir: string) => rmSync(dir, { recursive: true, force: true });
