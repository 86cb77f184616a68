/**
 * The plan assignments feature module: the only code that queries or writes `plan_assignments`.
 * An assignment's id is derived from (athlete, plan, start date) (shared/domain/assignment.ts), so
 * assigning the same plan with the same start twice finds the existing document ("already
 * assigned"), and re-assigning after a removal revives the same id. Only `ended_on` changes after
 * creation; removing is a tombstone. Writes go to the local database at once, outbox first.
 */
import { combineLatest, map } from 'rxjs';
import { AssignmentPatch, assignmentId, type PlanAssignment } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { TrainingPlan } from '../../shared/domain/plan';
import { IsoDate } from '../../shared/schedule/dates';
import { assignmentViews, type AssignmentView } from './assignmentViews';
import { useAstralData, useObservable } from './context';
import type { AstralDatabase } from './database';
import { localNow } from './ids';
import { useOrgToday } from './orgToday';
import { toPlan } from './plans';
import { addToOutbox } from './syncStatus';
import { invalid, refused, written, type WriteResult } from './writeResult';

export { useOrgToday } from './orgToday';
export type { AssignmentView } from './assignmentViews';

/** An athlete's non-deleted assignments as the Plans tab shows them, sorted by start date. */
export function useAthleteAssignments(athleteId: string): AssignmentView[] | undefined {
  const { db } = useAstralData();
  const today = useOrgToday();
  return useObservable(
    () =>
      combineLatest([db.plan_assignments.find({ selector: { athlete_id: athleteId } }).$, db.training_plans.find().$]).pipe(
        map(([assignments, plans]) =>
          assignmentViews(
            assignments.map((d) => d.toJSON() as PlanAssignment),
            new Map(plans.map((p) => [p.id, toPlan(p)])),
            today,
          ),
        ),
      ),
    [db, athleteId, today],
  );
}

export function assignmentCounts(assignments: readonly Pick<PlanAssignment, 'training_plan_id'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of assignments) counts.set(a.training_plan_id, (counts.get(a.training_plan_id) ?? 0) + 1);
  return counts;
}

/** Plan id -> number of its non-deleted assignments; `undefined` while loading. */
export function useAssignmentCounts(): Map<string, number> | undefined {
  const { db } = useAstralData();
  return useObservable(
    () =>
      db.plan_assignments.find().$.pipe(map((docs) => assignmentCounts(docs))),
    [db],
  );
}

export type AssignOutcome = { athleteId: string; athleteName: string; outcome: 'assigned' | 'already_assigned' | 'refused'; message: string };

export const athleteName = (a: Pick<Athlete, 'first_name' | 'last_name'>): string => `${a.first_name} ${a.last_name}`.trim() || 'An athlete';

/** Why a plan cannot be assigned at all (no such plan, archived, bad date), or null. */
function planRefusal(plan: TrainingPlan | null, startDate: string): string | null {
  if (!IsoDate.safeParse(startDate).success) return `The start date ${IsoDate.safeParse(startDate).error?.issues[0]?.message ?? 'is not valid'}.`;
  if (!plan) return 'This plan no longer exists.';
  if (plan.archived) return `${plan.name} is archived: it cannot be assigned.`;
  return null;
}

async function assign(db: AstralDatabase, athleteIds: readonly string[], planId: string, startDate: string): Promise<AssignOutcome[]> {
  const ids = [...new Set(athleteIds)];
  const athletes = await db.athletes.findByIds(ids).exec();
  const planDoc = await db.training_plans.findOne(planId).exec();
  const plan = planDoc ? toPlan(planDoc) : null;
  const nameOf = (id: string) => {
    const a = athletes.get(id);
    return a ? athleteName(a) : 'Unknown athlete';
  };
  const refusal = planRefusal(plan, startDate);
  if (refusal || !plan) return ids.map((id) => ({ athleteId: id, athleteName: nameOf(id), outcome: 'refused', message: refusal ?? '' }));

  const idOf = (athlete: string) => assignmentId(athlete, plan.id, startDate);
  const existing = await db.plan_assignments.findByIds(ids.map(idOf)).exec();
  const now = localNow();
  const toWrite: PlanAssignment[] = [];
  const outcomes = ids.map((id): AssignOutcome => {
    const base = { athleteId: id, athleteName: nameOf(id) };
    if (!athletes.has(id)) return { ...base, outcome: 'refused', message: 'This athlete is no longer in the organization.' };
    if (existing.has(idOf(id))) return { ...base, outcome: 'already_assigned', message: `Already assigned: ${plan.name} from ${startDate}.` };
    toWrite.push({ id: idOf(id), athlete_id: id, training_plan_id: plan.id, start_date: startDate, ended_on: null, created_at: now, updated_at: now });
    return { ...base, outcome: 'assigned', message: `Assigned ${plan.name} from ${startDate}.` };
  });
  if (toWrite.length > 0) {
    await addToOutbox(db, 'plan_assignments', toWrite.map((a) => a.id));
    // An upsert: a removed assignment (a tombstone) with this id comes back to life.
    const result = await db.plan_assignments.bulkUpsert(toWrite);
    for (const error of result.error) {
      const outcome = outcomes.find((o) => idOf(o.athleteId) === error.documentId);
      if (outcome) Object.assign(outcome, { outcome: 'refused', message: 'The assignment could not be saved on this device.' });
    }
  }
  return outcomes;
}

export async function assignPlan(db: AstralDatabase, input: { athleteId: string; planId: string; startDate: IsoDate }): Promise<AssignOutcome> {
  const [outcome] = await assign(db, [input.athleteId], input.planId, input.startDate);
  return outcome!;
}

/** One outcome per athlete, in the order given (duplicates once). */
export function assignPlanToMany(db: AstralDatabase, input: { athleteIds: string[]; planId: string; startDate: IsoDate }): Promise<AssignOutcome[]> {
  return assign(db, input.athleteIds, input.planId, input.startDate);
}

/** Assigns the plan to every athlete of the group, outcomes sorted by athlete name; [] for an empty or unknown group. */
export async function assignPlanToGroup(db: AstralDatabase, input: { groupId: string; planId: string; startDate: IsoDate }): Promise<AssignOutcome[]> {
  const members = (await db.athletes.find().exec()).filter((a) => a.group_ids.includes(input.groupId));
  members.sort((a, b) => a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name) || a.id.localeCompare(b.id));
  return assign(db, members.map((a) => a.id), input.planId, input.startDate);
}

/**
 * Undoes a (bulk) assignment once: removes the assignments it created (outcome `assigned`), except
 * those changed since (ended meanwhile, or already removed). Returns how many were removed.
 */
export async function undoAssign(db: AstralDatabase, input: { outcomes: readonly AssignOutcome[]; planId: string; startDate: string }): Promise<number> {
  const ids = input.outcomes.filter((o) => o.outcome === 'assigned').map((o) => assignmentId(o.athleteId, input.planId, input.startDate));
  const docs = [...(await db.plan_assignments.findByIds(ids).exec()).values()].filter((d) => d.ended_on === null);
  if (docs.length === 0) return 0;
  await addToOutbox(db, 'plan_assignments', docs.map((d) => d.id));
  await db.plan_assignments.bulkRemove(docs.map((d) => d.id));
  return docs.length;
}

async function setEndedOn(db: AstralDatabase, id: string, endedOn: IsoDate | null): Promise<WriteResult<PlanAssignment>> {
  const parsed = AssignmentPatch.safeParse({ ended_on: endedOn });
  if (!parsed.success) return invalid(parsed.error);
  const doc = await db.plan_assignments.findOne(id).exec();
  if (!doc) return refused('This assignment no longer exists.');
  if (doc.ended_on === parsed.data.ended_on) return written(doc.toJSON() as PlanAssignment, false);
  await addToOutbox(db, 'plan_assignments', [id]);
  const after = await doc.incrementalPatch({ ended_on: parsed.data.ended_on });
  return written(after.toJSON() as PlanAssignment);
}

/** Ends the assignment: `endedOn` is the first day without the plan (normally today). */
export function endAssignment(db: AstralDatabase, id: string, endedOn: IsoDate): Promise<WriteResult<PlanAssignment>> {
  return setEndedOn(db, id, endedOn);
}

/** Undoes ending it: the plan runs to its end again. */
export function reopenAssignment(db: AstralDatabase, id: string): Promise<WriteResult<PlanAssignment>> {
  return setEndedOn(db, id, null);
}

export async function removeAssignment(db: AstralDatabase, id: string): Promise<WriteResult<null>> {
  const doc = await db.plan_assignments.findOne(id).exec();
  if (!doc) return refused('This assignment no longer exists.');
  await addToOutbox(db, 'plan_assignments', [id]);
  await doc.incrementalRemove();
  return written(null);
}
