/**
 * A full dump of the server's database for "bad input changes nothing": every table of the
 * `public` schema (read from the catalog, so a table added by a later migration is included
 * without touching this file), every column, rows in a stable order. Compare two dumps with
 * `diffDumps`, which names the tables and rows that differ.
 */
import type { Db } from '../../../server/db/db';

export type Dump = Record<string, string[]>;

/** Columns whose change is not data a request wrote, e.g. `api_keys.last_used_at` (bookkeeping of a valid key's use). */
export type DumpOptions = { ignore?: Record<string, string[]> };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table of the schema with the columns to compare. */
async function tables(db: Db, options: DumpOptions): Promise<{ table: string; columns: string[] }[]> {
  const { rows } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (options.ignore?.[r.table_name]?.includes(r.column_name)) continue;
    out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
  }
  return [...out].map(([table, columns]) => ({ table, columns }));
}

// Every column as text: one stable rendering of jsonb, timestamps and bigints on both drivers.
const rowText = (columns: string[]) => `json_build_array(${columns.map((n) => `${quote(n)}::text`).join(', ')})::text`;

export async function dumpDatabase(db: Db, options: DumpOptions = {}): Promise<Dump> {
  const dump: Dump = {};
  for (const { table, columns } of await tables(db, options)) {
    const { rows } = await db.query<{ r: string }>(`SELECT ${rowText(columns)} AS r FROM ${quote(table)}`);
    dump[table] = rows.map((x) => x.r).sort();
  }
  return dump;
}

/** The same content as `dumpDatabase`, hashed inside the database (one md5 per table): cheap enough to check after every batch. */
export async function hashDatabase(db: Db, options: DumpOptions = {}): Promise<string> {
  const parts = (await tables(db, options)).map(
    ({ table, columns }) => `SELECT '${table}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') AS h FROM (SELECT ${rowText(columns)} AS r FROM ${quote(table)}) x`,
  );
  const { rows } = await db.query<{ t: string; h: string }>(parts.join(' UNION ALL '));
  return rows
    .map((r) => `${r.t}=${r.h}`)
    .sort()
    .join(' ');
}

/** Empty when equal; otherwise one line per table that differs, with a few rows gained and lost. */
export function diffDumps(before: Dump, after: Dump): string[] {
  const out: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = new Set(before[table] ?? []);
    const b = new Set(after[table] ?? []);
    const lost = [...a].filter((r) => !b.has(r));
    const gained = [...b].filter((r) => !a.has(r));
    if (lost.length === 0 && gained.length === 0) continue;
    const show = (rows: string[]) => rows.slice(0, 3).map((r) => (r.length > 400 ? `${r.slice(0, 400)}…` : r)).join(' | ');
    out.push(`${table}: ${lost.length} row(s) changed/removed [${show(lost)}], ${gained.length} row(s) new/changed [${show(gained)}]`);
  }
  return out;
}

export const dumpRows = (dump: Dump) => Object.values(dump).reduce((n, rows) => n + rows.length, 0);
