/**
 * A throwaway PostgreSQL cluster for the scale-out bench (tests/support/pg-cluster.ts, the same
 * module as the server tests' global set-up, fsync off) with an empty database `astral`;
 * `stop()` stops it and deletes the folder.
 */
import { startPgCluster as startThrowawayCluster } from '../../../support/pg-cluster';

export type PgCluster = { url: string; stop(): void };

/** Starts a cluster with database `astral`; null when PostgreSQL is not installed. */
export async function startPgCluster(): Promise<PgCluster | null> {
  const cluster = await startThrowawayCluster({ name: 'astral-bench-pg', database: 'astral' });
  return cluster ? { url: cluster.url, stop: () => cluster.stop() } : null;
}
