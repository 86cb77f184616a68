/**
 * Embedded PostgreSQL (PGlite, WASM) in `${ASTRAL_DATA_DIR}/pglite`, or `memory://` for tests.
 * PGlite is a single connection: its own mutex serialises queries and transactions, so a
 * transaction here is exclusive for its whole duration.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Row } from './db';

export type PgliteOptions = {
  /** A folder path or `memory://`. */
  dataDir: string;
  /** A dump of an already migrated database (`dumpDataDir`), which opens much faster than initdb. */
  loadDataDir?: Blob;
};

export async function openPglite(options: PgliteOptions): Promise<Db> {
  const pg = await PGlite.create(options.dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  return wrap(pg, async () => {
    await pg.close();
  });
}

function wrap(conn: PGlite | Transaction, close: () => Promise<void>): Db {
  const db: Db = {
    kind: 'pglite',
    async query<T extends Row>(sql: string, params?: unknown[]) {
      const res = await conn.query<T>(sql, params ?? []);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (!(conn instanceof PGlite)) return fn(db);
      return conn.transaction((tx) => fn(wrap(tx, async () => {})));
    },
    close,
  };
  return db;
}

/** Dumps a database (for the fast-open template used by tests). */
export async function dumpPglite(dataDir: string, prepare: (db: Db) => Promise<void>): Promise<Blob> {
  const pg = await PGlite.create(dataDir);
  try {
    await prepare(wrap(pg, async () => {}));
    const dump = await pg.dumpDataDir('none');
    return dump;
  } finally {
    await pg.close();
  }
}
