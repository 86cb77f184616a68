/**
 * What the signal rules and the profile read about one athlete: the athlete, their activities and
 * daily metrics of the input window (shared/training inputWindowStart: 16 weeks ending today, plus
 * the latest activity before it so a long absence keeps counting), and the running sessions their
 * plan assignments schedule. Read through a `DocReader`: the write transaction (signals, pushes)
 * or the pool (GET .../profile).
 */
import type { Activity, DailyMetric } from '../../shared/domain/activity';
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { TrainingPlan } from '../../shared/domain/plan';
import type { AttentionSignal } from '../../shared/domain/signal';
import type { IsoDate } from '../../shared/schedule/dates';
import { scheduledSessions } from '../../shared/schedule/plan-schedule';
import { inputWindowStart, plannedRunTargets, type ScheduledTarget } from '../../shared/training';
import type { SyncCollection } from '../../shared/sync/protocol';
import type { DocumentStore, LookupField, OrgWriter, StoredDoc } from '../sync/store';

export type DocReader = {
  read(collection: SyncCollection, id: string): Promise<StoredDoc | null>;
  readMany(collection: SyncCollection, ids: readonly string[]): Promise<StoredDoc[]>;
  findBy(collection: SyncCollection, field: LookupField, value: string): Promise<StoredDoc[]>;
};

/** A DocReader over the pool, outside a write. */
export function storeReader(store: DocumentStore, orgId: string): DocReader {
  return {
    read: (collection, id) => store.get(orgId, collection, id),
    readMany: (collection, ids) => store.readMany(orgId, collection, ids),
    findBy: (collection, field, value) => store.findBy(orgId, collection, field, value),
  };
}

export type AthleteInput = {
  athlete: Athlete;
  /** Activities of the window, plus the latest one before it; by start time. */
  activities: Activity[];
  metrics: DailyMetric[];
  assignments: PlanAssignment[];
  plans: Map<string, TrainingPlan>;
  scheduled: ScheduledTarget[];
  signals: AttentionSignal[];
};

const byStart = (a: Activity, b: Activity) => (a.start_time < b.start_time ? -1 : a.start_time > b.start_time ? 1 : 0);

/** Documents of many athletes read at once (a whole organization), grouped by athlete. */
export type Prefetched = Map<SyncCollection, Map<string, StoredDoc[]>>;

const PER_ATHLETE: readonly SyncCollection[] = ['attention_signals', 'activities', 'daily_metrics', 'plan_assignments'];

/** Every live document of the per-athlete collections of the organization, in a handful of queries. */
export async function prefetchAll(w: OrgWriter): Promise<Prefetched> {
  const out: Prefetched = new Map();
  for (const c of PER_ATHLETE) {
    const groups = new Map<string, StoredDoc[]>();
    for (const d of await w.list(c)) {
      const key = String(d.data.athlete_id);
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    out.set(c, groups);
  }
  return out;
}

async function ofAthlete(r: DocReader | OrgWriter, collection: SyncCollection, athleteId: string, pre?: Prefetched): Promise<StoredDoc[]> {
  const groups = pre?.get(collection);
  return groups ? (groups.get(athleteId) ?? []) : r.findBy(collection, 'athlete_id', athleteId);
}

/** The athlete's inputs for `today`, or null when the athlete does not exist (or was removed) — their signals are still given. */
export async function readAthleteInput(r: DocReader | OrgWriter, athleteId: string, today: IsoDate, pre?: Prefetched): Promise<{ input: AthleteInput | null; signals: AttentionSignal[] }> {
  const signals = (await ofAthlete(r, 'attention_signals', athleteId, pre)).map((d) => d.data as AttentionSignal);
  const stored = await r.read('athletes', athleteId);
  if (!stored || stored.deleted) return { input: null, signals };
  const from = inputWindowStart(today);
  const all = (await ofAthlete(r, 'activities', athleteId, pre)).map((d) => d.data as Activity).sort(byStart);
  const inWindow = all.filter((a) => a.local_date >= from);
  const before = all.filter((a) => a.local_date < from).at(-1);
  const activities = before ? [before, ...inWindow] : inWindow;
  const metrics = (await ofAthlete(r, 'daily_metrics', athleteId, pre))
    .map((d) => d.data as DailyMetric)
    .filter((m) => m.date >= from)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const assignments = (await ofAthlete(r, 'plan_assignments', athleteId, pre)).map((d) => d.data as PlanAssignment);
  const plans = new Map((await r.readMany('training_plans', assignments.map((a) => a.training_plan_id))).map((d) => [d.id, d.data as TrainingPlan]));
  const sessions = assignments.flatMap((a) => {
    const plan = plans.get(a.training_plan_id);
    return plan ? scheduledSessions(a, plan) : [];
  });
  return {
    input: { athlete: stored.data as Athlete, activities, metrics, assignments, plans, scheduled: plannedRunTargets(sessions), signals },
    signals,
  };
}
