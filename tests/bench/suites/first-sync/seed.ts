/**
 * Seeds the first-sync bench's organization: seed-large.ts's 10,000-athlete "Large Running Club"
 * plus org.ts's plans, assignments, 100,000 activities, daily metrics and signals. The extra
 * documents go in with multi-row INSERTs inside one DocumentStore write per collection (which holds
 * the organization's lock and hands out its sequence numbers), as seed-large.ts does for athletes:
 * 100,000 single writes would take minutes.
 */
import type { Athlete } from '../../../../shared/domain/athlete';
import type { SyncCollection } from '../../../../shared/sync/protocol';
import type { DocumentStore } from '../../../../server/sync/store';
import { seedLarge, type LargeSeed } from '../../seed-large';
import { generateExtras, LARGE_SHAPE, type ExtrasShape } from './org';

const CHUNK = 2000;

/** Inserts live documents of one collection, each with the organization's next seq (nothing goes through w.put). */
export async function insertDocs(store: DocumentStore, orgId: string, collection: SyncCollection, docs: readonly { id: string }[]): Promise<void> {
  if (docs.length === 0) return;
  await store.write(orgId, async (w) => {
    let seq = w.lastSeq;
    for (let i = 0; i < docs.length; i += CHUNK) {
      const chunk = docs.slice(i, i + CHUNK);
      await w.tx.query(
        `INSERT INTO documents (org_id, collection, id, data, seq, deleted)
         SELECT $1, $2, doc->>'id', doc, $3::bigint + ord, false FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS t(doc, ord)`,
        [orgId, collection, seq, JSON.stringify(chunk)],
      );
      seq += chunk.length;
    }
    await w.tx.query('UPDATE organizations SET seq = $2 WHERE id = $1', [orgId, seq]);
  });
}

export type FirstSyncSeed = LargeSeed & { counts: Record<SyncCollection, number>; total: number };

export async function seedFirstSync(store: DocumentStore, athletes = 10_000, shape: ExtrasShape = LARGE_SHAPE): Promise<FirstSyncSeed> {
  const seed = await seedLarge(store, athletes);
  const orgId = seed.large.orgId;
  const roster = (await store.list(orgId, 'athletes')).map((d) => d.data as Athlete);
  const coachIds = (await store.list(orgId, 'coaches')).map((d) => d.id);
  const now = new Date().toISOString();
  const extras = generateExtras(roster, coachIds, now.slice(0, 10), now, shape);
  for (const [collection, docs] of Object.entries(extras) as [SyncCollection, { id: string }[]][]) await insertDocs(store, orgId, collection, docs);
  const { rows } = await store.db.query<{ collection: SyncCollection; n: number | string }>(
    'SELECT collection, count(*) AS n FROM documents WHERE org_id = $1 GROUP BY collection',
    [orgId],
  );
  const counts = Object.fromEntries(rows.map((r) => [r.collection, Number(r.n)])) as Record<SyncCollection, number>;
  return { ...seed, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Every document of the organization as the sync pull serves it (data plus `_deleted`), by collection. */
export async function exportDocs(store: DocumentStore, orgId: string): Promise<Record<string, Record<string, unknown>[]>> {
  const { rows } = await store.db.query<{ collection: string; data: Record<string, unknown>; deleted: boolean }>(
    'SELECT collection, data, deleted FROM documents WHERE org_id = $1 ORDER BY seq',
    [orgId],
  );
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const r of rows) (out[r.collection] ??= []).push({ ...r.data, _deleted: r.deleted });
  return out;
}
