/**
 * "A week elsewhere" for the offline catch-up: 5,000 changed documents written through the server's
 * DocumentStore (the path sync pushes and the REST API take, so the live stream hears of them):
 * athletes edited by other coaches, new activities of the last week, signals acknowledged. Every
 * changed document carries `updated_at === marker`, which is how the page recognises it.
 */
import { activityId, type Activity } from '../../../../shared/domain/activity';
import type { Athlete } from '../../../../shared/domain/athlete';
import type { AttentionSignal } from '../../../../shared/domain/signal';
import { addDays } from '../../../../shared/schedule/dates';
import type { DocData, DocumentStore } from '../../../../server/sync/store';
import type { SyncCollection } from '../../../../shared/sync/protocol';

const WRITE_CHUNK = 500;

export type Changes = { ids: string[]; byCollection: Partial<Record<SyncCollection, number>>; fromSeq: number };

async function putAll(store: DocumentStore, orgId: string, collection: SyncCollection, docs: readonly DocData[]): Promise<void> {
  for (let i = 0; i < docs.length; i += WRITE_CHUNK) {
    await store.write(orgId, (w) => w.putMany(collection, docs.slice(i, i + WRITE_CHUNK)));
  }
}

export async function currentSeq(store: DocumentStore, orgId: string): Promise<number> {
  const { rows } = await store.db.query<{ seq: number | string }>('SELECT seq FROM organizations WHERE id = $1', [orgId]);
  return Number(rows[0]?.seq ?? 0);
}

export async function makeChanges(store: DocumentStore, orgId: string, marker: string, total = 5000): Promise<Changes> {
  const fromSeq = await currentSeq(store, orgId);
  const athletes = (await store.list(orgId, 'athletes')).map((d) => d.data as Athlete);
  const signals = (await store.list(orgId, 'attention_signals')).map((d) => d.data as AttentionSignal).slice(0, Math.floor(total / 10));
  const edited = athletes.slice(0, Math.floor(total * 0.4)).map((a, i) => ({ ...a, private_notes: `Week away: check-in ${i} done`, labels: [...new Set([...a.labels, '@comeback'])], updated_at: marker }));
  const acknowledged = signals.map((s) => ({ ...s, status: 'acknowledged' as const, handled_at: marker, updated_at: marker }));
  const today = marker.slice(0, 10);
  const activities: Activity[] = [];
  for (let i = 0; activities.length < total - edited.length - acknowledged.length; i++) {
    const a = athletes[i % athletes.length] as Athlete;
    // 23:00-23:59 UTC of the last seven days: the seed's activities start 06:00-17:59, so these are new documents.
    const start = `${addDays(today, -1 - (Math.floor(i / athletes.length) % 7))}T23:${String(Math.floor(i / (athletes.length * 7)) % 60).padStart(2, '0')}:00.000Z`;
    activities.push({
      id: activityId(a.id, start),
      athlete_id: a.id,
      source: 'garmin',
      sport: 'run',
      name: 'Evening run',
      start_time: start,
      duration_s: 2400,
      distance_m: 7000,
      elevation_gain_m: 40,
      avg_hr: null,
      max_hr: null,
      rpe: 4,
      local_date: start.slice(0, 10),
      created_at: marker,
      updated_at: marker,
    });
  }
  await putAll(store, orgId, 'athletes', edited);
  await putAll(store, orgId, 'activities', activities);
  await putAll(store, orgId, 'attention_signals', acknowledged);
  const ids = [...edited.map((d) => `athletes:${d.id}`), ...activities.map((d) => `activities:${d.id}`), ...acknowledged.map((d) => `attention_signals:${d.id}`)];
  return { ids, byCollection: { athletes: edited.length, activities: activities.length, attention_signals: acknowledged.length }, fromSeq };
}
