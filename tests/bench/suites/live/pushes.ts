/**
 * Item 3 of issue 7, second half: pushes per second sustained, with conflicts checked
 * (push-load.ts), on a throwaway PostgreSQL cluster and on PGlite, each against a server process
 * of its own on a freshly seeded database. Beside each, the same load against the server as it
 * was before the batched write path (commit BEFORE_BATCHED_WRITES, run from a git archive of
 * it), in the same run, so the fix shows as a ratio measured under the same load.
 */
import type { DatabaseOptions } from '../../../../server/db/open';
import { startCluster } from './postgres';
import { runPushLoad, type PushLoadResult } from './push-load';
import { seedLive } from './seed';
import { freshPgliteFolder, removeFolder, sourceTreeAt, spawnServer, withDatabase } from './server-process';

/** The last commit with one INSERT and one SELECT per pushed row (before server/sync/store.ts batched them). */
export const BEFORE_BATCHED_WRITES = 'dec5878';

export type PushRun = { result: PushLoadResult | null; why: string };
export type PushRuns = { postgres: PushRun; postgresBefore: PushRun; pglite: PushRun; pgliteBefore: PushRun; postgresVersion: string | null };

type Opts = { seconds: number; until: number; log: (line: string) => void };

async function measureOn(database: DatabaseOptions, root: string | undefined, opts: Opts): Promise<PushLoadResult> {
  const seed = await withDatabase(database, (db) => seedLive(db, 0));
  const server = await spawnServer({ database, fdLimit: 4096, log: opts.log, root });
  try {
    return await runPushLoad(server.url, seed.push.orgId, seed.push.pushers, opts.seconds * 1000, opts.until);
  } finally {
    await server.stop();
  }
}

async function attempt(label: string, opts: Opts, fn: () => Promise<PushLoadResult>): Promise<PushRun> {
  if (Date.now() > opts.until - opts.seconds * 1000) return { result: null, why: 'no time left in the suite' };
  opts.log(`live: pushes, ${label}, ${opts.seconds} s`);
  try {
    const result = await fn();
    opts.log(`live: ${label}: ${Math.round(result.docsPerSecond)} docs/s, ${result.errors} errors`);
    return { result, why: '' };
  } catch (err) {
    return { result: null, why: `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

export async function measurePushes(opts: Opts): Promise<PushRuns> {
  const none = (why: string): PushRun => ({ result: null, why });
  const before = sourceTreeAt(BEFORE_BATCHED_WRITES);
  const cleanup: (() => Promise<void> | void)[] = [];
  if (before) cleanup.push(() => removeFolder(before));
  const out: PushRuns = {
    postgres: none('PostgreSQL binaries not installed (apt-get install postgresql)'),
    postgresBefore: none(before ? 'PostgreSQL binaries not installed' : `git archive ${BEFORE_BATCHED_WRITES} failed`),
    pglite: none('not reached'),
    pgliteBefore: none(before ? 'not reached' : `git archive ${BEFORE_BATCHED_WRITES} failed`),
    postgresVersion: null,
  };
  try {
    const cluster = await startCluster();
    if (cluster) {
      cleanup.push(() => cluster.stop());
      out.postgresVersion = cluster.version;
      const pgNow = await cluster.createDatabase('astral_now');
      out.postgres = await attempt('PostgreSQL', opts, () => measureOn({ kind: 'postgres', url: pgNow }, undefined, opts));
      if (before) {
        const pgBefore = await cluster.createDatabase('astral_before');
        out.postgresBefore = await attempt(`PostgreSQL, server at ${BEFORE_BATCHED_WRITES}`, opts, () => measureOn({ kind: 'postgres', url: pgBefore }, before, opts));
      }
    }
    const folder = await freshPgliteFolder();
    cleanup.push(() => removeFolder(folder));
    out.pglite = await attempt('PGlite', opts, () => measureOn({ kind: 'pglite', dataDir: folder }, undefined, opts));
    if (before) {
      const folderBefore = await freshPgliteFolder();
      cleanup.push(() => removeFolder(folderBefore));
      out.pgliteBefore = await attempt(`PGlite, server at ${BEFORE_BATCHED_WRITES}`, opts, () => measureOn({ kind: 'pglite', dataDir: folderBefore }, before, opts));
    }
    return out;
  } finally {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => {});
  }
}
