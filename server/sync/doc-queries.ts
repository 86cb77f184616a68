/**
 * SQL reads of replicated documents (table `documents`) shared by the DocumentStore (outside a
 * write) and the OrgWriter (inside one), and the shapes they return.
 */
import type { Db } from '../db/db';
import { Id } from '../../shared/domain/common';
import type { CoachRole } from '../../shared/domain/organization';
import type { SyncCollection, WithDeleted } from '../../shared/sync/protocol';

export type DocData = Record<string, unknown>;
export type StoredDoc = { collection: SyncCollection; id: string; data: DocData; seq: number; deleted: boolean };
export type Membership = { id: string; userId: string; role: CoachRole };

export type DocRow = { collection: string; id: string; data: DocData; seq: number | string; deleted: boolean };

/** Every replicated document id is a UUID (shared schemas); anything else cannot exist, so it is not looked up. */
export const isDocId = (id: string) => Id.safeParse(id).success;

export const toStored = (r: DocRow): StoredDoc => ({
  collection: r.collection as SyncCollection,
  id: r.id,
  data: r.data,
  seq: Number(r.seq),
  deleted: r.deleted,
});

/** The replicated form of a stored document: its data plus `_deleted`. */
export const withDeleted = (d: StoredDoc): WithDeleted<DocData> => ({ ...d.data, _deleted: d.deleted });

/** Reads the current coach membership of a user (never a role cached at sign-in). */
export async function findMembership(db: Db, orgId: string, userId: string): Promise<Membership | null> {
  const { rows } = await db.query<{ id: string; role: CoachRole }>(
    `SELECT id, data->>'role' AS role FROM documents
      WHERE org_id = $1 AND collection = 'coaches' AND NOT deleted AND data->>'user_id' = $2`,
    [orgId, userId],
  );
  const row = rows[0];
  return row ? { id: row.id, userId, role: row.role } : null;
}

/** One document by id, through `db` (the pool, or the write transaction). */
export async function readDoc(db: Db, orgId: string, collection: SyncCollection, id: string): Promise<StoredDoc | null> {
  if (!isDocId(id)) return null;
  const { rows } = await db.query<DocRow>('SELECT collection, id, data, seq, deleted FROM documents WHERE org_id = $1 AND collection = $2 AND id = $3', [
    orgId,
    collection,
    id,
  ]);
  return rows[0] ? toStored(rows[0]) : null;
}

/** A top-level field of a replicated document that others are looked up by; written into the SQL, so a closed list. */
export type LookupField = 'athlete_id' | 'training_plan_id' | 'group_ids' | 'coach_ids';
const LOOKUP_FIELDS: readonly LookupField[] = ['athlete_id', 'training_plan_id', 'group_ids', 'coach_ids'];

/**
 * Live documents of a collection, all of them or those whose `field` equals (a text field) or
 * contains (an array field) `value`, in seq order.
 */
export async function findDocs(db: Db, orgId: string, collection: SyncCollection, match?: { field: LookupField; value: string; array?: boolean }): Promise<StoredDoc[]> {
  const params: unknown[] = [orgId, collection];
  let where = '';
  if (match) {
    if (!LOOKUP_FIELDS.includes(match.field)) throw new Error(`not a lookup field: ${match.field}`);
    if (!isDocId(match.value)) return [];
    params.push(match.value);
    where = match.array ? ` AND data->'${match.field}' @> jsonb_build_array($3::text)` : ` AND data->>'${match.field}' = $3`;
  }
  const { rows } = await db.query<DocRow>(
    `SELECT collection, id, data, seq, deleted FROM documents WHERE org_id = $1 AND collection = $2 AND NOT deleted${where} ORDER BY seq`,
    params,
  );
  return rows.map(toStored);
}

/** Documents by id (deleted ones included), in no particular order; ids that cannot exist are skipped. */
export async function readDocs(db: Db, orgId: string, collection: SyncCollection, ids: readonly string[]): Promise<StoredDoc[]> {
  const valid = [...new Set(ids)].filter(isDocId);
  if (valid.length === 0) return [];
  const { rows } = await db.query<DocRow>(
    'SELECT collection, id, data, seq, deleted FROM documents WHERE org_id = $1 AND collection = $2 AND id = ANY($3::text[])',
    [orgId, collection, valid],
  );
  return rows.map(toStored);
}
