/**
 * The bench's server: the real sync server (server/server.ts) started in-process on loopback, on a
 * throwaway PGlite data folder, serving the dashboard. The dashboard is built with the project's
 * vite.config.ts into the bench's own folder (node_modules/.cache/bench/dashboard), rebuilt when
 * missing or older than the renderer/shared sources: dist/renderer is shared with the e2e runs of
 * other work on this machine, and a rebuild there in the middle of a bench (it empties the folder)
 * made reloads fail.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { startServer, type RunningServer } from '../../../server/server';

const ROOT = resolve(import.meta.dirname, '../../..');
export const DASHBOARD_DIR = join(ROOT, 'node_modules/.cache/bench/dashboard');

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

export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'astral-bench-'));
  try {
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
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
