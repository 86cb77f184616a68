/**
 * Activities of one athlete through the REST API: store what a partner or a file brings (deduped
 * by the derived id: the same run twice is counted, not stored twice; a removed one imported again
 * comes back), daily metrics of Apple Health exports replace the day's measurement, and the
 * athlete's signals are evaluated again in the same write. Listing is newest first with a cursor.
 * `local_date` is computed here from the start instant and the organization's time zone.
 */
import { z } from 'zod';
import type { ParsedMetric } from '../../shared/activities/import';
import { dayIn } from '../../shared/activities/summary';
import { activityId, dailyMetricId, type Activity, type ActivitySource, type ActivitySummary, type DailyMetric } from '../../shared/domain/activity';
import { IsoDate, todayIn } from '../../shared/schedule/dates';
import { currentRole, type Member } from '../auth/membership';
import { HttpProblem, notFound } from '../http/errors';
import { evaluateAthlete } from '../signals/evaluate';
import { orgTimeZone } from '../sync/rules/profile';
import type { DocumentStore, OrgWriter } from '../sync/store';

export type IngestResult = { created: number; duplicates: number; metrics: number; activities: Activity[] };

/** Stores activities and metrics of one athlete in the caller's write; throws 404 for an unknown or removed athlete. */
export async function ingestInWrite(w: OrgWriter, athleteId: string, summaries: readonly ActivitySummary[], metrics: readonly ParsedMetric[], metricSource: ActivitySource, now: string): Promise<IngestResult> {
  const athlete = await w.read('athletes', athleteId);
  if (!athlete || athlete.deleted) throw notFound('Athlete');
  const zone = await orgTimeZone(w);
  const out = new Map<string, Activity>();
  let created = 0;
  let duplicates = 0;
  for (const s of summaries) {
    const id = activityId(athleteId, s.start_time);
    const seen = out.get(id);
    const stored = seen ? null : await w.read('activities', id);
    if (seen || (stored && !stored.deleted)) {
      duplicates += 1;
      out.set(id, seen ?? (stored?.data as Activity));
      continue;
    }
    const doc: Activity = {
      ...s,
      id,
      athlete_id: athleteId,
      local_date: dayIn(new Date(s.start_time), zone),
      created_at: stored ? String(stored.data.created_at) : now,
      updated_at: now,
    };
    await w.put('activities', doc);
    out.set(id, doc);
    created += 1;
  }
  let metricWrites = 0;
  for (const m of metrics) {
    const id = dailyMetricId(athleteId, m.date);
    const stored = await w.read('daily_metrics', id);
    const before = stored && !stored.deleted ? (stored.data as DailyMetric) : null;
    if (before && before.resting_hr === m.resting_hr && before.hrv_ms === m.hrv_ms) continue;
    const doc: DailyMetric = { id, athlete_id: athleteId, date: m.date, resting_hr: m.resting_hr, hrv_ms: m.hrv_ms, source: metricSource, created_at: stored ? String(stored.data.created_at) : now, updated_at: now };
    await w.put('daily_metrics', doc);
    metricWrites += 1;
  }
  if (created > 0 || metricWrites > 0) await evaluateAthlete(w, athleteId, todayIn(zone, new Date(now)), now);
  return { created, duplicates, metrics: metricWrites, activities: [...out.values()] };
}

export async function ingest(store: DocumentStore, member: Member, athleteId: string, summaries: readonly ActivitySummary[], metrics: readonly ParsedMetric[], metricSource: ActivitySource): Promise<IngestResult> {
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    return ingestInWrite(w, athleteId, summaries, metrics, metricSource, new Date().toISOString());
  });
}

export const ActivityListQuery = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(400).optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

const CursorShape = z.tuple([z.literal(1), z.string().max(40), z.string().max(100)]);
const encodeCursor = (a: Activity) => Buffer.from(JSON.stringify([1, a.start_time, a.id]), 'utf8').toString('base64url');
function decodeCursor(cursor: string): { start: string; id: string } {
  try {
    const parsed = CursorShape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return { start: parsed.data[1], id: parsed.data[2] };
  } catch {
    // falls through to the 400 below
  }
  throw new HttpProblem(400, 'invalid_request', 'cursor: not a cursor of this list (use next_cursor as given)', 'cursor');
}

/** Newest first: start time descending, then id. */
const newestFirst = (a: Activity, b: Activity) => (a.start_time > b.start_time ? -1 : a.start_time < b.start_time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function listActivities(store: DocumentStore, orgId: string, athleteId: string, q: ActivityListQuery): Promise<{ data: Activity[]; next_cursor: string | null }> {
  const athlete = await store.get(orgId, 'athletes', athleteId);
  if (!athlete || athlete.deleted) throw notFound('Athlete');
  if (q.from && q.to && q.from > q.to) throw new HttpProblem(400, 'invalid_request', 'to: must not be before from', 'to');
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const all = (await store.findBy(orgId, 'activities', 'athlete_id', athleteId))
    .map((d) => d.data as Activity)
    .filter((a) => (!q.from || a.local_date >= q.from) && (!q.to || a.local_date <= q.to))
    .sort(newestFirst)
    .filter((a) => !after || a.start_time < after.start || (a.start_time === after.start && a.id > after.id));
  const data = all.slice(0, q.limit);
  const last = data.at(-1);
  return { data, next_cursor: all.length > q.limit && last ? encodeCursor(last) : null };
}
