/**
 * The one database interface of the server. Two implementations speak the same PostgreSQL SQL:
 * PGlite (embedded, a data folder; zero set-up for `npm start`) and a `pg` Pool (DATABASE_URL,
 * production and several instances). Everything above this file only sees `Db`.
 */
export type Row = Record<string, unknown>;

export interface Db {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs several statements (a migration file). No parameters. */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; inside a transaction this simply reuses it. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** PostgreSQL SQLSTATE of an error thrown by either driver, if any. */
export function sqlState(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return (err as { code: string }).code;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown) => sqlState(err) === '23505';
