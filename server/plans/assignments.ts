/**
 * Plan assignments of one athlete through the REST API: assign (idempotent: the id is derived from
 * athlete, plan and start date, so the same assignment twice is the same document and changes
 * nothing; a removed one is revived), list with status, end or reopen, remove. Writes go through
 * DocumentStore.write, with the sync push's rules (server/sync/references.ts).
 */
import { assignmentId, type AssignPlanRequest, type PlanAssignment } from '../../shared/domain/assignment';
import type { z } from 'zod';
import type { IsoDate } from '../../shared/schedule/dates';
import { currentRole, type Member } from '../auth/membership';
import { HttpProblem, notFound } from '../http/errors';
import { assignablePlan, type Refusal } from '../sync/references';
import type { DocumentStore, OrgWriter, StoredDoc } from '../sync/store';
import type { AssignmentView } from './requests';
import { athleteAssignmentViews, orgToday } from './views';

type AssignRequest = z.infer<typeof AssignPlanRequest>;

/** A refusal of references.ts as an HTTP problem: an unknown plan or athlete is a 404, an archived plan a 409. */
export function refusalProblem(refusal: Refusal): HttpProblem {
  const status = refusal.code === 'not_found' ? 404 : refusal.code === 'plan_archived' ? 409 : 400;
  return new HttpProblem(status, refusal.code, refusal.message, refusal.field);
}

export type AssignResult = { outcome: 'assigned' | 'already_assigned'; assignment: PlanAssignment };

/**
 * Inside a write: assigns the plan to a live athlete, or finds it already assigned. The plan is
 * checked (exists, not archived) only when something is written: assigning again what exists
 * changes nothing even when the plan was archived since.
 */
export async function assignInWrite(w: OrgWriter, athleteId: string, req: AssignRequest, now: string): Promise<AssignResult | Refusal> {
  const id = assignmentId(athleteId, req.training_plan_id, req.start_date);
  const existing = await w.read('plan_assignments', id);
  if (existing && !existing.deleted) return { outcome: 'already_assigned', assignment: existing.data as PlanAssignment };
  const plan = await assignablePlan(w, req.training_plan_id);
  if ('refusal' in plan) return plan.refusal;
  const assignment: PlanAssignment = {
    id,
    athlete_id: athleteId,
    training_plan_id: req.training_plan_id,
    start_date: req.start_date,
    ended_on: null,
    created_at: existing ? String(existing.data.created_at) : now,
    updated_at: now,
  };
  await w.put('plan_assignments', assignment);
  return { outcome: 'assigned', assignment };
}

const liveAthlete = (stored: StoredDoc | null): boolean => stored !== null && !stored.deleted;

async function viewOf(w: OrgWriter, athleteId: string, id: string, today: IsoDate): Promise<AssignmentView> {
  const view = (await athleteAssignmentViews(w.tx, w.orgId, [athleteId], today)).find((v) => v.id === id);
  if (!view) throw notFound('Plan assignment');
  return view;
}

export async function assignPlan(store: DocumentStore, member: Member, athleteId: string, req: AssignRequest): Promise<{ created: boolean; view: AssignmentView }> {
  const today = await orgToday(store.db, member.orgId);
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    if (!liveAthlete(await w.read('athletes', athleteId))) throw notFound('Athlete');
    const result = await assignInWrite(w, athleteId, req, new Date().toISOString());
    if (!('outcome' in result)) throw refusalProblem(result);
    return { created: result.outcome === 'assigned', view: await viewOf(w, athleteId, result.assignment.id, today) };
  });
}

export async function listAssignments(store: DocumentStore, orgId: string, athleteId: string): Promise<AssignmentView[]> {
  if (!liveAthlete(await store.get(orgId, 'athletes', athleteId))) throw notFound('Athlete');
  const today = await orgToday(store.db, orgId);
  return athleteAssignmentViews(store.db, orgId, [athleteId], today);
}

async function readAssignment(w: OrgWriter, athleteId: string, id: string): Promise<PlanAssignment> {
  const stored = await w.read('plan_assignments', id);
  if (!stored || stored.deleted || stored.data.athlete_id !== athleteId) throw notFound('Plan assignment');
  return stored.data as PlanAssignment;
}

/** Ends the assignment (`ended_on`: its first day without the plan) or reopens it (null). */
export async function setAssignmentEnd(store: DocumentStore, member: Member, athleteId: string, id: string, endedOn: IsoDate | null): Promise<AssignmentView> {
  const today = await orgToday(store.db, member.orgId);
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const before = await readAssignment(w, athleteId, id);
    if (before.ended_on !== endedOn) await w.put('plan_assignments', { ...before, ended_on: endedOn, updated_at: new Date().toISOString() });
    return viewOf(w, athleteId, id, today);
  });
}

export async function removeAssignment(store: DocumentStore, member: Member, athleteId: string, id: string): Promise<void> {
  await store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const before = await readAssignment(w, athleteId, id);
    await w.put('plan_assignments', { ...before, updated_at: new Date().toISOString() }, true);
  });
}
