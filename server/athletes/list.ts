/**
 * The athlete list of the public API: filters, search and keyset pagination over the replicated
 * `athletes` documents. Sorting by (lower(last_name), lower(first_name), id) in SQL and paging with
 * a row comparison on the same key keeps pages stable while others edit. With
 * `include_profile_status` each athlete also carries `profile_status` (profile-status.ts).
 */
import type { Db } from '../db/db';
import { normalizeLabel, type Athlete, type AthleteStatus } from '../../shared/domain/athlete';
import type { ProfileStatus } from '../../shared/domain/completeness';
import { decodeCursor, encodeCursor } from './cursor';
import { profileStatus } from './profile-status';
import { HttpProblem } from '../http/errors';

export type AthleteListQuery = {
  status?: AthleteStatus;
  member_level?: string;
  label?: string;
  q?: string;
  /** A coach membership id, or 'none' for athletes without a coach ('me' is resolved by the route). */
  coach_id?: string;
  group_id?: string;
  include_profile_status?: boolean;
  limit: number;
  cursor?: string;
};

export type AthleteListItem = Athlete & { profile_status?: ProfileStatus };

type ListRow = { data: Athlete; k_last: string; k_first: string; id: string; joined?: boolean };

export async function listAthletes(db: Db, orgId: string, query: AthleteListQuery): Promise<{ data: AthleteListItem[]; next_cursor: string | null }> {
  const params: unknown[] = [orgId];
  const where = [`d.org_id = $1`, `d.collection = 'athletes'`, `NOT d.deleted`];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.status) where.push(`d.data->>'status' = ${param(query.status)}`);
  if (query.member_level) where.push(`lower(d.data->>'member_level') = lower(${param(query.member_level.trim())})`);
  if (query.label) where.push(`d.data->'labels' @> jsonb_build_array(${param(normalizeLabel(query.label))}::text)`);
  if (query.coach_id === 'none') where.push(`jsonb_array_length(d.data->'coach_ids') = 0`);
  else if (query.coach_id) where.push(`d.data->'coach_ids' @> jsonb_build_array(${param(query.coach_id)}::text)`);
  if (query.group_id) where.push(`d.data->'group_ids' @> jsonb_build_array(${param(query.group_id)}::text)`);
  const q = query.q?.trim();
  if (q) {
    where.push(
      `position(lower(${param(q)}) in lower(concat_ws(' ', d.data->>'first_name', d.data->>'last_name', d.data->>'display_name', d.data->>'email'))) > 0`,
    );
  }
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor);
    if (!key) throw new HttpProblem(400, 'invalid_request', 'cursor: not a cursor returned by this API', 'cursor');
    where.push(`(lower(d.data->>'last_name'), lower(d.data->>'first_name'), d.id) > (${param(key.last)}, ${param(key.first)}, ${param(key.id)})`);
  }
  const limit = param(query.limit + 1);
  // Athlete documents are schema-checked, so user_id is always a UUID and the cast cannot fail.
  const joined = query.include_profile_status
    ? { column: ', u.password_hash IS NOT NULL AS joined', join: `LEFT JOIN users u ON u.id = (d.data->>'user_id')::uuid` }
    : { column: '', join: '' };
  const { rows } = await db.query<ListRow>(
    `SELECT d.data, lower(d.data->>'last_name') AS k_last, lower(d.data->>'first_name') AS k_first, d.id${joined.column}
       FROM documents d ${joined.join} WHERE ${where.join(' AND ')}
      ORDER BY lower(d.data->>'last_name'), lower(d.data->>'first_name'), d.id
      LIMIT ${limit}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const next_cursor = rows.length > query.limit && last ? encodeCursor({ last: last.k_last, first: last.k_first, id: last.id }) : null;
  if (!query.include_profile_status) return { data: page.map((r) => r.data), next_cursor };
  const statuses = await profileStatus(db, orgId, page.map((r) => ({ athlete: r.data, joined: r.joined === true })));
  return { data: page.map((r, i) => ({ ...r.data, profile_status: statuses[i] as ProfileStatus })), next_cursor };
}
