/**
 * The bench's server: the real sync server (server/server.ts) started in-process on loopback, on a
 * throwaway PGlite data folder (a copy of a migrated template kept in node_modules/.cache/bench),
 * serving the dashboard. The dashboard is built with the project's
 * vite.config.ts into the bench's own folder (node_modules/.cache/bench/dashboard), rebuilt when
 * missing or older than the renderer/shared sources: dist/renderer is shared with the e2e runs of
 * other work on this machine, and a rebuild there in the middle of a bench (it empties the folder)
 * made reloads fail.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { FolderInUse } from '../../../server/db/folder-lock';
import { openDatabase } from '../../../server/db/open';
import { startServer, type RunningServer } from '../../../server/server';

const ROOT = resolve(import.meta.dirname, '../../..');
export const DASHBOARD_DIR = join(ROOT, 'node_modules/.cache/bench/dashboard');
/** An empty, migrated PGlite data folder: copying it takes well under a second, an initdb many seconds. */
const PGLITE_TEMPLATE = join(ROOT, 'node_modules/.cache/bench/pglite-template');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Builds the dashboard (vite build of renderer/) unless the bench's build is newer than every source it comes from. */
export async function ensureDashboard(log: (line: string) => void): Promise<void> {
  const index = join(DASHBOARD_DIR, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...['renderer', 'shared', 'vite.config.ts', 'package-lock.json'].map((p) => newestMtime(join(ROOT, p))));
  if (built > sources) return;
  log(built ? 'dashboard: sources changed since the last build, running vite build' : 'dashboard: not built yet, running vite build');
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    root: join(ROOT, 'renderer'),
    logLevel: 'warn',
    build: { outDir: DASHBOARD_DIR, emptyOutDir: true },
  });
}

export type BenchServer = RunningServer & { stop(): Promise<void> };

/** A fresh data folder: a copy of the migrated template (made on first use), or empty when that fails. */
async function freshDataDir(): Promise<{ dir: string; fromTemplate: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'astral-bench-'));
  try {
    if (!existsSync(join(PGLITE_TEMPLATE, 'pglite'))) await (await openDatabase({ kind: 'pglite', dataDir: PGLITE_TEMPLATE })).close();
    cpSync(PGLITE_TEMPLATE, dir, { recursive: true });
    return { dir, fromTemplate: true };
  } catch (err) {
    // Another bench creating the template right now holds its lock: leave it to that run.
    if (!(err instanceof FolderInUse)) rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    return { dir: mkdtempSync(join(tmpdir(), 'astral-bench-')), fromTemplate: false };
  }
}

async function startOn(dataDir: string): Promise<BenchServer> {
  const server = await startServer({
    database: { kind: 'pglite', dataDir },
    port: 0,
    host: '127.0.0.1',
    logLevel: 'warn',
    demo: false,
    dashboardDir: DASHBOARD_DIR,
  });
  return {
    ...server,
    stop: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the server on a throwaway PGlite folder; a template copy that will not open is dropped and replaced by an initdb. */
export async function startBenchServer(): Promise<BenchServer> {
  const { dir, fromTemplate } = await freshDataDir();
  try {
    return await startOn(dir);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    if (!fromTemplate) throw err;
    rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
    const fresh = mkdtempSync(join(tmpdir(), 'astral-bench-'));
    try {
      return await startOn(fresh);
    } catch (again) {
      rmSync(fresh, { recursive: true, force: true });
      throw again;
    }
  }
}
