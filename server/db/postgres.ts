/**
 * A real PostgreSQL server through a `pg` Pool (DATABASE_URL). A transaction holds one pooled
 * client from BEGIN to COMMIT/ROLLBACK. `connectDedicated` opens one connection outside the pool
 * for what must stay on one session (LISTEN, session advisory locks: sync/pg-fanout.ts).
 */
import pg from 'pg';
import type { Db, Row } from './db';

type Queryable = { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> };

export async function openPostgres(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Idle clients can die (server restart); without a listener the error would crash the process.
  pool.on('error', () => {});
  const probe = await pool.connect();
  probe.release();
  return wrap(pool, async (fn) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(wrap(client, null, async () => {}));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }, async () => {
    await pool.end();
  });
}

/** A connection of its own; `onLost` runs once when it errors or ends (the caller reconnects). */
export async function connectDedicated(connectionString: string, onLost: (err?: Error) => void): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  let lost = false;
  const lose = (err?: Error) => {
    if (lost) return;
    lost = true;
    onLost(err);
  };
  client.on('error', lose);
  client.on('end', () => lose());
  try {
    await client.connect();
  } catch (err) {
    lost = true; // the caller sees the throw; onLost is for a connection that was up
    await client.end().catch(() => {});
    throw err;
  }
  return client;
}

function wrap(
  conn: Queryable,
  begin: (<T>(fn: (tx: Db) => Promise<T>) => Promise<T>) | null,
  close: () => Promise<void>,
): Db {
  const db: Db = {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const res = await conn.query(sql, params ?? []);
      return { rows: res.rows as T[] };
    },
    async exec(sql: string) {
      await conn.query(sql);
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      return begin ? begin(fn) : fn(db);
    },
    close,
  };
  return db;
}
