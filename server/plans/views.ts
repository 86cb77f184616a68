/**
 * Assignments as the API shows them: the stored document plus the plan's name, its end date,
 * its status on the organization's today and whether it overlaps another assignment of the same
 * athlete. Dates and status come from the one shared implementation (shared/schedule).
 */
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { TrainingPlan } from '../../shared/domain/plan';
import { todayIn, type IsoDate } from '../../shared/schedule/dates';
import { assignmentStatus, lastDay, overlappingAssignments } from '../../shared/schedule/plan-schedule';
import type { Db } from '../db/db';
import type { AssignmentView } from './requests';

/** The organization's calendar date now, in its time zone (UTC when unknown). */
export async function orgToday(db: Db, orgId: string, now: Date = new Date()): Promise<IsoDate> {
  const { rows } = await db.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [orgId]);
  return todayIn(rows[0]?.time_zone ?? 'UTC', now);
}

/** Live assignments of these athletes, through `db` (the pool or a write transaction). */
export async function assignmentsOf(db: Db, orgId: string, athleteIds: readonly string[]): Promise<PlanAssignment[]> {
  if (athleteIds.length === 0) return [];
  const { rows } = await db.query<{ data: PlanAssignment }>(
    `SELECT data FROM documents WHERE org_id = $1 AND collection = 'plan_assignments' AND NOT deleted AND data->>'athlete_id' = ANY($2::text[])`,
    [orgId, [...athleteIds]],
  );
  return rows.map((r) => r.data);
}

/** The plans (deleted ones too: an old assignment still shows its plan's name) by id. */
export async function plansById(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, TrainingPlan>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { rows } = await db.query<{ data: TrainingPlan }>(
    `SELECT data FROM documents WHERE org_id = $1 AND collection = 'training_plans' AND id = ANY($2::text[])`,
    [orgId, unique],
  );
  return new Map(rows.map((r) => [r.data.id, r.data]));
}

/**
 * Views of `assignments` (all of one or more athletes' live assignments, so overlaps can be
 * seen), sorted by athlete then start date.
 */
export function assignmentViews(assignments: readonly PlanAssignment[], plans: ReadonlyMap<string, TrainingPlan>, today: IsoDate): AssignmentView[] {
  // A plan cannot be deleted while assigned; a missing one still gets a one-week span, never a crash.
  const weeksOf = (a: PlanAssignment) => plans.get(a.training_plan_id)?.weeks ?? 1;
  const overlapping = new Set<string>();
  const byAthlete = new Map<string, PlanAssignment[]>();
  for (const a of assignments) byAthlete.set(a.athlete_id, [...(byAthlete.get(a.athlete_id) ?? []), a]);
  for (const list of byAthlete.values()) {
    for (const id of overlappingAssignments(list.map((a) => ({ id: a.id, start_date: a.start_date, ended_on: a.ended_on, weeks: weeksOf(a) })))) overlapping.add(id);
  }
  return [...assignments]
    .sort((x, y) => (x.athlete_id < y.athlete_id ? -1 : x.athlete_id > y.athlete_id ? 1 : x.start_date < y.start_date ? -1 : x.start_date > y.start_date ? 1 : 0))
    .map((a) => ({
      ...a,
      plan_name: plans.get(a.training_plan_id)?.name ?? 'Deleted plan',
      end_date: lastDay(a, weeksOf(a)),
      status: assignmentStatus(a, weeksOf(a), today),
      overlaps: overlapping.has(a.id),
    }));
}

/** The views of every live assignment of these athletes, read through `db`. */
export async function athleteAssignmentViews(db: Db, orgId: string, athleteIds: readonly string[], today: IsoDate): Promise<AssignmentView[]> {
  const assignments = await assignmentsOf(db, orgId, athleteIds);
  const plans = await plansById(
    db,
    orgId,
    assignments.map((a) => a.training_plan_id),
  );
  return assignmentViews(assignments, plans, today);
}
