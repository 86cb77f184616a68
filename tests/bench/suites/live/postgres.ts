/**
 * A throwaway PostgreSQL cluster for the push-throughput figure (tests/support/pg-cluster.ts, the
 * same module as the server tests' global set-up). Unlike the tests it keeps PostgreSQL's default
 * durability (fsync on): the figure is one of committed writes.
 */
import { startPgCluster } from '../../../support/pg-cluster';

export type Cluster = {
  version: string;
  /** Creates an empty database; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

/** Starts a cluster; null when PostgreSQL is not installed. */
export async function startCluster(): Promise<Cluster | null> {
  const cluster = await startPgCluster({ name: 'astral-live-pg', settings: { fsync: 'on', max_connections: '200' } });
  if (!cluster) return null;
  try {
    const version = await cluster.version();
    return { version, createDatabase: (name) => cluster.createDatabase(name), stop: async () => cluster.stop() };
  } catch (err) {
    cluster.stop();
    throw err;
  }
}
