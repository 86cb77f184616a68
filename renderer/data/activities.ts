/**
 * The activities feature module: the only code that queries or writes `activities` and
 * `daily_metrics` in the app. Files a coach drops on a profile are parsed here
 * (shared/activities/import.ts) and written to the local database at once, offline too; the
 * replication pushes them later. Ids are derived (athlete + start minute, athlete + date), so the
 * same run imported twice, from two files or two laptops, is one document: an id already stored
 * is reported as "already imported" and not written again. A file that cannot be read imports
 * nothing and returns its problems. Outbox first, then the write (syncStatus.ts).
 */
import { map, type Observable } from 'rxjs';
import { Activity, activityId, dailyMetricId, type ActivitySource, type DailyMetric } from '../../shared/domain/activity';
import { parseActivityFile, type FileProblem, type ParsedFile } from '../../shared/activities/import';
import { addDays, todayIn, type IsoDate } from '../../shared/schedule/dates';
import { INPUT_WINDOW_DAYS } from '../../shared/training';
import { useAstralData, useObservable } from './context';
import type { AstralDatabase } from './database';
import { localNow } from './ids';
import { addToOutbox } from './syncStatus';

/** How far back the profile reads: the 16-week trend window plus a week of margin for a late week start. */
export const PROFILE_WINDOW_DAYS = INPUT_WINDOW_DAYS + 7;

export type ImportFile = { name: string; bytes: Uint8Array };
export type FileImportResult = {
  file: string;
  ok: boolean;
  /** Activities written by this import. */
  created: number;
  /** Activities that were already on this device (or earlier in the same batch): not written again. */
  duplicates: number;
  /** Days of resting heart rate / HRV written or updated. */
  metrics: number;
  /** Why nothing of the file was imported (ok false). */
  problems: FileProblem[];
  /** Activities of a readable file left out, with why (ok true). */
  skipped: FileProblem[];
};

const byStart = (a: Activity, b: Activity) => (a.start_time < b.start_time ? 1 : a.start_time > b.start_time ? -1 : 0);

/** The athlete's activities from `from` on, newest first. */
export function athleteActivities$(db: AstralDatabase, athleteId: string, from: IsoDate): Observable<Activity[]> {
  return db.activities
    .find({ selector: { athlete_id: athleteId, local_date: { $gte: from } } })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Activity).sort(byStart)));
}

/** The athlete's daily metrics from `from` on, oldest first. */
export function athleteMetrics$(db: AstralDatabase, athleteId: string, from: IsoDate): Observable<DailyMetric[]> {
  return db.daily_metrics
    .find({ selector: { athlete_id: athleteId, date: { $gte: from } } })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as DailyMetric).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))));
}

/** Live: the athlete's activities of the profile window ending `today`; `undefined` while loading. */
export function useAthleteActivities(athleteId: string, today: IsoDate): Activity[] | undefined {
  const { db } = useAstralData();
  const from = addDays(today, -PROFILE_WINDOW_DAYS);
  return useObservable(() => athleteActivities$(db, athleteId, from), [db, athleteId, from]);
}

/** Live: the athlete's daily metrics of the profile window ending `today`; `undefined` while loading. */
export function useAthleteMetrics(athleteId: string, today: IsoDate): DailyMetric[] | undefined {
  const { db } = useAstralData();
  const from = addDays(today, -PROFILE_WINDOW_DAYS);
  return useObservable(() => athleteMetrics$(db, athleteId, from), [db, athleteId, from]);
}

const metricSource = (format: Extract<ParsedFile, { ok: true }>['format']): ActivitySource => format;

function buildActivities(parsed: Extract<ParsedFile, { ok: true }>, athleteId: string, timeZone: string, now: string): { docs: Activity[]; problems: FileProblem[] } {
  const docs: Activity[] = [];
  const problems: FileProblem[] = [];
  parsed.activities.forEach((summary, i) => {
    const candidate = {
      ...summary,
      id: activityId(athleteId, summary.start_time),
      athlete_id: athleteId,
      local_date: todayIn(timeZone, new Date(summary.start_time)),
      created_at: now,
      updated_at: now,
    };
    const checked = Activity.safeParse(candidate);
    if (checked.success) docs.push(checked.data);
    else problems.push({ where: `activity ${i + 1}`, message: checked.error.issues[0]?.message ?? 'not a valid activity' });
  });
  return { docs, problems };
}

async function upsertMetrics(db: AstralDatabase, athleteId: string, parsed: Extract<ParsedFile, { ok: true }>, now: string): Promise<number> {
  if (parsed.metrics.length === 0) return 0;
  const ids = parsed.metrics.map((m) => dailyMetricId(athleteId, m.date));
  const stored = await db.daily_metrics.findByIds(ids).exec();
  const docs: DailyMetric[] = parsed.metrics.map((m, i) => {
    const id = ids[i]!;
    const before = stored.get(id)?.toJSON() as DailyMetric | undefined;
    return {
      id,
      athlete_id: athleteId,
      date: m.date,
      // A file that measured one of the two keeps the other from an earlier source.
      resting_hr: m.resting_hr ?? before?.resting_hr ?? null,
      hrv_ms: m.hrv_ms ?? before?.hrv_ms ?? null,
      source: metricSource(parsed.format),
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
  });
  const changed = docs.filter((d) => {
    const before = stored.get(d.id)?.toJSON() as DailyMetric | undefined;
    return !before || before.resting_hr !== d.resting_hr || before.hrv_ms !== d.hrv_ms || before.source !== d.source;
  });
  if (changed.length === 0) return 0;
  await addToOutbox(db, 'daily_metrics', changed.map((d) => d.id));
  const result = await db.daily_metrics.bulkUpsert(changed);
  if (result.error.length > 0) throw new Error(`${result.error.length} daily measurements could not be saved on this device.`);
  return changed.length;
}

/**
 * Imports files into one athlete's activities and daily metrics, each file on its own: parsed in
 * the organization's time zone (which day a run counts for), its activities written unless already
 * stored, its daily measurements upserted. Results in the order of `files`.
 */
export async function importActivityFiles(db: AstralDatabase, athleteId: string, files: readonly ImportFile[], orgTimeZone: string): Promise<FileImportResult[]> {
  const results: FileImportResult[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const parsed = parseActivityFile(file.name, file.bytes, { timeZone: orgTimeZone });
    if (!parsed.ok) {
      results.push({ file: file.name, ok: false, created: 0, duplicates: 0, metrics: 0, problems: parsed.problems, skipped: [] });
      continue;
    }
    const now = localNow();
    const { docs, problems } = buildActivities(parsed, athleteId, orgTimeZone, now);
    if (docs.length === 0 && parsed.metrics.length === 0) {
      results.push({ file: file.name, ok: false, created: 0, duplicates: 0, metrics: 0, problems, skipped: [] });
      continue;
    }
    const stored = await db.activities.findByIds(docs.map((d) => d.id)).exec();
    const fresh: Activity[] = [];
    let duplicates = 0;
    for (const doc of docs) {
      if (stored.has(doc.id) || seen.has(doc.id)) duplicates += 1;
      else fresh.push(doc);
      seen.add(doc.id);
    }
    if (fresh.length > 0) {
      await addToOutbox(db, 'activities', fresh.map((d) => d.id));
      // Upsert rather than insert: an id removed earlier (a tombstone) comes back as a new revision.
      const result = await db.activities.bulkUpsert(fresh);
      if (result.error.length > 0) throw new Error(`${result.error.length} activities could not be saved on this device.`);
    }
    const metrics = await upsertMetrics(db, athleteId, parsed, now);
    results.push({ file: file.name, ok: true, created: fresh.length, duplicates, metrics, problems: [], skipped: [...parsed.skipped, ...problems] });
  }
  return results;
}

/** Removes one activity (a tombstone, pushed like any change). False when it was not there. */
export async function removeActivity(db: AstralDatabase, id: string): Promise<boolean> {
  const doc = await db.activities.findOne(id).exec();
  if (!doc) return false;
  await addToOutbox(db, 'activities', [id]);
  await doc.remove();
  return true;
}
