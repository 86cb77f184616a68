/**
 * Runs the attention signal rules (shared/training evaluateSignals) for athletes and writes the
 * resulting signal documents (lifecycle.ts) through the caller's write, so apps get them live
 * with the data that raised them. Called after activities or daily metrics are written (sync
 * pushes, the REST API) and for a whole organization at start and every hour (evaluateOrganization):
 * absence needs no new data to fire, and a snooze runs out with time.
 */
import { randomUUID } from 'node:crypto';
import type { Athlete } from '../../shared/domain/athlete';
import { todayIn, type IsoDate } from '../../shared/schedule/dates';
import { evaluateSignals } from '../../shared/training';
import type { DocumentStore, OrgWriter } from '../sync/store';
import { prefetchAll, readAthleteInput, type Prefetched } from './input';
import { signalWrites } from './lifecycle';

/** Evaluates one athlete on `today`; returns how many signal documents were written. A removed athlete's signals are resolved. */
export async function evaluateAthlete(w: OrgWriter, athleteId: string, today: IsoDate, now: string, pre?: Prefetched): Promise<number> {
  const { input, signals } = await readAthleteInput(w, athleteId, today, pre);
  const findings = input
    ? evaluateSignals({ today, athlete: athleteForRules(input.athlete), activities: input.activities, metrics: input.metrics, scheduled: input.scheduled })
    : [];
  const writes = signalWrites({ athleteId, existing: signals, findings, today, now, newId: randomUUID });
  for (const s of writes) await w.put('attention_signals', s);
  return writes.length;
}

const athleteForRules = (a: Athlete) => ({ status: a.status, labels: a.labels, max_hr: a.max_hr, resting_hr: a.resting_hr, target_pace_s_per_km: a.target_pace_s_per_km });

/** Many athletes at once read the organization's documents in one pass instead of a few queries per athlete. */
const PREFETCH_FROM = 6;

export async function evaluateAthletes(w: OrgWriter, athleteIds: readonly string[], today: IsoDate, now: string): Promise<number> {
  const pre = athleteIds.length >= PREFETCH_FROM ? await prefetchAll(w) : undefined;
  let n = 0;
  for (const id of athleteIds) n += await evaluateAthlete(w, id, today, now, pre);
  return n;
}

/** Every athlete of the organization (live ones, and removed ones that still have unresolved signals), in one write. */
export async function evaluateOrganization(store: DocumentStore, orgId: string, now: Date = new Date()): Promise<number> {
  const { rows } = await store.db.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [orgId]);
  const today = todayIn(rows[0]?.time_zone ?? 'UTC', now);
  return store.write(orgId, async (w) => {
    const athletes = (await w.list('athletes')).map((d) => d.id);
    const unresolved = (await w.list('attention_signals')).filter((d) => d.data.status !== 'resolved').map((d) => String(d.data.athlete_id));
    return evaluateAthletes(w, [...new Set([...athletes, ...unresolved])], today, now.toISOString());
  });
}

/** Every organization, one after another; an organization that fails is logged and skipped. */
export async function evaluateAllOrganizations(store: DocumentStore, log: (message: string) => void, now: Date = new Date()): Promise<void> {
  const { rows } = await store.db.query<{ id: string }>('SELECT id FROM organizations ORDER BY id');
  for (const { id } of rows) {
    try {
      await evaluateOrganization(store, id, now);
    } catch (err) {
      log(`[signals] evaluating organization ${id} failed: ${String(err)}`);
    }
  }
}
