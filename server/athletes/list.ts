/**
 * The athlete list of the public API: filters, search and keyset pagination over the replicated
 * `athletes` documents. Sorting by (lower(last_name), lower(first_name), id) in SQL and paging with
 * a row comparison on the same key keeps pages stable while others edit.
 */
import type { Db } from '../db/db';
import { normalizeLabel, type Athlete, type AthleteStatus } from '../../shared/domain/athlete';
import { decodeCursor, encodeCursor } from './cursor';
import { HttpProblem } from '../http/errors';

export type AthleteListQuery = {
  status?: AthleteStatus;
  member_level?: string;
  label?: string;
  q?: string;
  limit: number;
  cursor?: string;
};

type ListRow = { data: Athlete; k_last: string; k_first: string; id: string };

export async function listAthletes(db: Db, orgId: string, query: AthleteListQuery): Promise<{ data: Athlete[]; next_cursor: string | null }> {
  const params: unknown[] = [orgId];
  const where = [`org_id = $1`, `collection = 'athletes'`, `NOT deleted`];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.status) where.push(`data->>'status' = ${param(query.status)}`);
  if (query.member_level) where.push(`lower(data->>'member_level') = lower(${param(query.member_level.trim())})`);
  if (query.label) where.push(`data->'labels' @> jsonb_build_array(${param(normalizeLabel(query.label))}::text)`);
  const q = query.q?.trim();
  if (q) {
    where.push(
      `position(lower(${param(q)}) in lower(concat_ws(' ', data->>'first_name', data->>'last_name', data->>'display_name', data->>'email'))) > 0`,
    );
  }
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor);
    if (!key) throw new HttpProblem(400, 'invalid_request', 'cursor: not a cursor returned by this API', 'cursor');
    where.push(`(lower(data->>'last_name'), lower(data->>'first_name'), id) > (${param(key.last)}, ${param(key.first)}, ${param(key.id)})`);
  }
  const limit = param(query.limit + 1);
  const { rows } = await db.query<ListRow>(
    `SELECT data, lower(data->>'last_name') AS k_last, lower(data->>'first_name') AS k_first, id
       FROM documents WHERE ${where.join(' AND ')}
      ORDER BY lower(data->>'last_name'), lower(data->>'first_name'), id
      LIMIT ${limit}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const next_cursor = rows.length > query.limit && last ? encodeCursor({ last: last.k_last, first: last.k_first, id: last.id }) : null;
  return { data: page.map((r) => r.data), next_cursor };
}
