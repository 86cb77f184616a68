/**
 * Rules that look at other documents than the one written, shared by sync pushes (pushRows) and
 * the REST API (server/plans/**, server/athletes/**), all run inside the organization's write
 * transaction so what they read cannot change before the write commits:
 * - an athlete's newly added coach_ids / group_ids must name current coaches / groups;
 * - group names are unique per organization, case-insensitively;
 * - a training plan with assignments cannot be deleted ("archive it instead");
 * - an assignment is created (or revived) only for a current athlete and a plan that exists and
 *   is not archived;
 * and the cascades (`cascade`): deleting a group removes its id from every athlete in the same
 * write; removing an athlete removes their plan assignments and resolves their open signals.
 */
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import type { TrainingPlan } from '../../shared/domain/plan';
import type { SyncCollection } from '../../shared/sync/protocol';
import { removeAthleteCascade } from '../athletes/remove';
import { afterInvitationWrite, invitationReferences, type RuleContext } from './rules/invitations';
import { afterProfilePush, profileReferences } from './rules/profile';
import type { DocData, OrgWriter, StoredDoc } from './store';

/** A refusal in the shape of a push rejection (without the row id) and of an API error. */
export type Refusal = { code: string; message: string; field?: string };

/** The first of `ids` that is not a live document of `collection`, if any. */
async function firstMissing(w: OrgWriter, collection: SyncCollection, ids: readonly string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const live = new Set((await w.readMany(collection, ids)).filter((d) => !d.deleted).map((d) => d.id));
  return ids.find((id) => !live.has(id)) ?? null;
}

/** Ids in `next` that were not in `before`: only new references are checked (a group deleted meanwhile stays harmless). */
const added = (next: readonly string[], before: readonly string[] | undefined): string[] => next.filter((id) => !before?.includes(id));

/** A newly added coach of an athlete must be a current coach of the organization. */
export async function unknownCoachId(w: OrgWriter, next: readonly string[], before?: readonly string[]): Promise<string | null> {
  return firstMissing(w, 'coaches', added(next, before));
}

/** A newly added group of an athlete must be a group of the organization (REST PATCH and sync pushes). */
export async function unknownGroupId(w: OrgWriter, next: readonly string[], before?: readonly string[]): Promise<string | null> {
  return firstMissing(w, 'groups', added(next, before));
}

export const notAGroup = (id: string): Refusal => ({ code: 'invalid', field: 'group_ids', message: `group_ids: ${id} is not a group of this organization` });

/** The live group (other than `exceptId`) whose name equals `name` ignoring case and surrounding spaces. */
export async function groupNamed(w: OrgWriter, name: string, exceptId?: string): Promise<Group | null> {
  const key = name.trim().toLowerCase();
  const groups = await w.list('groups');
  const found = groups.find((g) => g.id !== exceptId && String(g.data.name).trim().toLowerCase() === key);
  return found ? (found.data as Group) : null;
}

export const groupNameTaken = (name: string): Refusal => ({ code: 'conflict', field: 'name', message: `A group named ${name.trim()} already exists.` });

/** How many athletes have a live assignment of the plan. */
export async function planAssignedAthletes(w: OrgWriter, planId: string): Promise<number> {
  const assignments = await w.findBy('plan_assignments', 'training_plan_id', planId);
  return new Set(assignments.map((a) => a.data.athlete_id)).size;
}

export const planInUse = (planName: string, athletes: number): Refusal => ({
  code: 'in_use',
  message: `${planName} is assigned to ${athletes} athlete${athletes === 1 ? '' : 's'}: archive it instead.`,
});

/** Why the plan cannot be newly assigned (missing, deleted or archived), or null with the plan. */
export async function assignablePlan(w: OrgWriter, planId: string): Promise<{ plan: TrainingPlan } | { refusal: Refusal }> {
  const stored = await w.read('training_plans', planId);
  if (!stored || stored.deleted) return { refusal: { code: 'not_found', field: 'training_plan_id', message: 'training_plan_id: no such training plan in this organization' } };
  const plan = stored.data as TrainingPlan;
  if (plan.archived) {
    return { refusal: { code: 'plan_archived', field: 'training_plan_id', message: `${plan.name} is archived: it cannot be assigned (unarchive it first).` } };
  }
  return { plan };
}

/** Why an athlete cannot get a new assignment (not in the organization, or removed from it). */
export function athleteRefusal(stored: StoredDoc | null | undefined): Refusal | null {
  if (!stored) return { code: 'not_found', field: 'athlete_id', message: 'athlete_id: no such athlete in this organization' };
  if (stored.deleted) return { code: 'not_found', field: 'athlete_id', message: 'athlete_id: this athlete was removed from the organization' };
  return null;
}

/**
 * The cross-document check of one pushed write that push.ts accepted: `doc` is what will be
 * stored, `stored` what is stored now (null for a new document).
 */
export async function checkReferences(w: OrgWriter, collection: SyncCollection, doc: DocData, deleted: boolean, stored: StoredDoc | null): Promise<Refusal | null> {
  switch (collection) {
    case 'coaches':
      return null;
    case 'athletes': {
      const next = doc as Athlete;
      const before = stored?.data as Athlete | undefined;
      const coach = await unknownCoachId(w, next.coach_ids, before?.coach_ids);
      // Sync refusals are read by coaches in the app (no ids in words); the REST API names the id.
      if (coach) return { code: 'invalid', field: 'coach_ids', message: 'coach_ids: a coach added here is no longer a coach of this organization' };
      const group = await unknownGroupId(w, next.group_ids, before?.group_ids);
      return group ? { code: 'invalid', field: 'group_ids', message: 'group_ids: a group added here no longer exists (it was deleted on another device)' } : null;
    }
    case 'groups': {
      if (deleted) return null;
      const name = String(doc.name);
      if (stored && String(stored.data.name).trim().toLowerCase() === name.trim().toLowerCase()) return null;
      return (await groupNamed(w, name, String(doc.id))) ? groupNameTaken(name) : null;
    }
    case 'training_plans': {
      if (!deleted) return null;
      const athletes = await planAssignedAthletes(w, String(doc.id));
      return athletes > 0 ? planInUse(String((stored?.data ?? doc).name), athletes) : null;
    }
    case 'plan_assignments': {
      // Only a creation or a revival needs a current athlete and an assignable plan: an existing
      // assignment can still be ended, reopened or removed after its plan was archived.
      if (deleted || (stored && !stored.deleted)) return null;
      const a = doc as PlanAssignment;
      const athlete = athleteRefusal(await w.read('athletes', a.athlete_id));
      if (athlete) return athlete;
      const plan = await assignablePlan(w, a.training_plan_id);
      return 'refusal' in plan ? plan.refusal : null;
    }
    case 'invitations':
      return invitationReferences(w, doc, deleted, stored);
    case 'activities':
    case 'daily_metrics':
    case 'attention_signals':
      return profileReferences(w, collection, doc, deleted, stored);
  }
}

/** Removes the group's id from every athlete in it, in the caller's write; returns the athletes changed. */
export async function removeGroupFromAthletes(w: OrgWriter, groupId: string, now: string): Promise<string[]> {
  const athletes = await w.findContaining('athletes', 'group_ids', groupId);
  for (const a of athletes) {
    const data = a.data as Athlete;
    await w.put('athletes', { ...data, group_ids: data.group_ids.filter((id) => id !== groupId), updated_at: now });
  }
  return athletes.map((a) => a.id);
}

/**
 * What a written document changes elsewhere, in the same write: a deleted group leaves its
 * athletes; an invitation registers its link token hash and queues its emails; a removed athlete's
 * plan assignments are removed and open attention signals resolved (server/athletes/remove.ts).
 */
export async function cascade(w: OrgWriter, collection: SyncCollection, doc: DocData, deleted: boolean, stored: StoredDoc | null, ctx: RuleContext): Promise<void> {
  if (collection === 'groups' && deleted && stored && !stored.deleted) await removeGroupFromAthletes(w, String(doc.id), ctx.now);
  if (collection === 'invitations') await afterInvitationWrite(w, doc, stored, ctx);
  if (collection === 'athletes' && deleted && stored && !stored.deleted) await removeAthleteCascade(w, String(doc.id), ctx.now);
}

/** After every row of one push, in the same write (`written`: the rows this push stored, in order). */
export async function afterPush(w: OrgWriter, collection: SyncCollection, written: StoredDoc[], ctx: RuleContext): Promise<void> {
  if (written.length === 0) return;
  if (collection === 'activities' || collection === 'daily_metrics' || collection === 'attention_signals') await afterProfilePush(w, collection, written, ctx);
}
