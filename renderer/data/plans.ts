/**
 * The training plans feature module: the only code that queries or writes `training_plans`.
 * Writes go to the local database at once (offline too) and are replicated later; each written id
 * is put in the outbox first. Content is validated with the shared zod schemas the server uses
 * (PlanContent, TrainingPlanPatch, TrainingPlan), so a plan saved here is one the server accepts.
 * A plan with assignments is never deleted (archive it instead); the server enforces the same.
 * Plan files (export/import) are in planFiles.ts.
 */
import { map } from 'rxjs';
import type { RxDocument } from 'rxdb';
import type { z } from 'zod';
import { PlanContent, TrainingPlan, TrainingPlanPatch, sortSessions } from '../../shared/domain/plan';
import { useAstralData, useObservable } from './context';
import type { AstralDatabase } from './database';
import { localNow, newId } from './ids';
import { addToOutbox } from './syncStatus';
import { invalid, refused, written, type WriteResult } from './writeResult';

export { importPlan, planFileName, planFileText } from './planFiles';

const plainCache = new WeakMap<object, TrainingPlan>();
export function toPlan(doc: RxDocument<TrainingPlan>): TrainingPlan {
  let plain = plainCache.get(doc);
  if (!plain) {
    plain = doc.toJSON() as TrainingPlan;
    plainCache.set(doc, plain);
  }
  return plain;
}

export const byPlanName = (a: TrainingPlan, b: TrainingPlan): number => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** Every plan of the library, archived ones included, sorted by name; `undefined` while loading. */
export function usePlans(): TrainingPlan[] | undefined {
  const { db } = useAstralData();
  return useObservable(() => db.training_plans.find().$.pipe(map((docs) => docs.map(toPlan).sort(byPlanName))), [db]);
}

/** One plan: `undefined` while loading, `null` when there is no such plan. */
export function usePlan(id: string): TrainingPlan | null | undefined {
  const { db } = useAstralData();
  return useObservable(() => db.training_plans.findOne(id).$.pipe(map((doc) => (doc ? toPlan(doc) : null))), [db, id]);
}

export async function createPlan(db: AstralDatabase, content: z.input<typeof PlanContent>): Promise<WriteResult<TrainingPlan>> {
  const parsed = PlanContent.safeParse(content);
  if (!parsed.success) return invalid(parsed.error);
  const now = localNow();
  const plan: TrainingPlan = { id: newId(), ...parsed.data, sessions: sortSessions(parsed.data.sessions), archived: false, created_at: now, updated_at: now };
  await addToOutbox(db, 'training_plans', [plan.id]);
  await db.training_plans.insert(plan);
  return written(plan);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function updatePlan(db: AstralDatabase, id: string, patch: z.input<typeof TrainingPlanPatch>): Promise<WriteResult<TrainingPlan>> {
  const parsed = TrainingPlanPatch.safeParse(patch);
  if (!parsed.success) return invalid(parsed.error);
  const doc = await db.training_plans.findOne(id).exec();
  if (!doc) return refused('This plan no longer exists.');
  const before = toPlan(doc);
  const changes = Object.fromEntries(
    Object.entries({ ...parsed.data, ...(parsed.data.sessions ? { sessions: sortSessions(parsed.data.sessions) } : {}) }).filter(
      ([key, value]) => value !== undefined && !sameJson(value, before[key as keyof TrainingPlan]),
    ),
  ) as Partial<TrainingPlan>;
  if (Object.keys(changes).length === 0) return written(before, false);
  const whole = TrainingPlan.safeParse({ ...before, ...changes });
  if (!whole.success) return invalid(whole.error);
  await addToOutbox(db, 'training_plans', [id]);
  const after = await doc.incrementalPatch(changes);
  return written(toPlan(after));
}

/** A copy named "<name> (copy)", not archived, with the same content. */
export async function duplicatePlan(db: AstralDatabase, id: string): Promise<WriteResult<TrainingPlan>> {
  const doc = await db.training_plans.findOne(id).exec();
  if (!doc) return refused('This plan no longer exists.');
  const source = toPlan(doc);
  const suffix = ' (copy)';
  const name = `${source.name.slice(0, 120 - suffix.length).trimEnd()}${suffix}`;
  return createPlan(db, { name, description: source.description, level: source.level, weeks: source.weeks, sessions: source.sessions });
}

export function setPlanArchived(db: AstralDatabase, id: string, archived: boolean): Promise<WriteResult<TrainingPlan>> {
  return updatePlan(db, id, { archived });
}

export const athletesCount = (n: number): string => `${n} athlete${n === 1 ? '' : 's'}`;

/** Deletes a plan nobody is assigned to; a plan with assignments is refused ("archive it instead"). */
export async function deletePlan(db: AstralDatabase, id: string): Promise<WriteResult<null>> {
  const doc = await db.training_plans.findOne(id).exec();
  if (!doc) return refused('This plan no longer exists.');
  const assigned = await db.plan_assignments.find({ selector: { training_plan_id: id } }).exec();
  const athletes = new Set(assigned.map((a) => a.athlete_id)).size;
  if (athletes > 0) return refused(`${doc.name} is assigned to ${athletesCount(athletes)}: archive it instead.`);
  await addToOutbox(db, 'training_plans', [id]);
  await doc.incrementalRemove();
  return written(null);
}
