/**
 * POST .../plan-assignments/bulk: one plan, one start date, many athletes (a list, or every
 * athlete of a group) in ONE DocumentStore write, with an outcome per athlete: `assigned` (new or
 * revived), `already_assigned` (nothing changed), or `refused` with the reason. Whole-request
 * problems (an unknown or archived plan, an unknown group) are a 4xx before anything is written.
 */
import type { BulkAssignRequest } from '../../shared/domain/assignment';
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import { currentRole, type Member } from '../auth/membership';
import { assignablePlan, type Refusal } from '../sync/references';
import type { DocumentStore, OrgWriter, StoredDoc } from '../sync/store';
import { assignInWrite, refusalProblem, type AssignResult } from './assignments';
import type { BulkAssignResult } from './requests';
import { athleteAssignmentViews, orgToday } from './views';

/** The group's athletes, sorted by name as the roster shows them. */
async function groupAthleteIds(w: OrgWriter, groupId: string): Promise<string[]> {
  const group = await w.read('groups', groupId);
  if (!group || group.deleted) throw refusalProblem({ code: 'not_found', field: 'group_id', message: 'group_id: no such group in this organization' });
  const athletes = (await w.findContaining('athletes', 'group_ids', groupId)).map((d) => d.data as Athlete);
  const key = (a: Athlete) => `${a.last_name.toLowerCase()}\u0000${a.first_name.toLowerCase()}\u0000${athleteName(a)}`;
  return athletes.sort((a, b) => key(a).localeCompare(key(b)) || (a.id < b.id ? -1 : 1)).map((a) => a.id);
}

function athleteMissing(stored: StoredDoc | undefined): Refusal | null {
  if (!stored) return { code: 'not_found', message: 'Athlete not found.' };
  if (stored.deleted) return { code: 'not_found', message: 'This athlete was removed from the organization.' };
  return null;
}

export async function bulkAssign(store: DocumentStore, member: Member, req: BulkAssignRequest): Promise<BulkAssignResult> {
  const today = await orgToday(store.db, member.orgId);
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const plan = await assignablePlan(w, req.training_plan_id);
    if ('refusal' in plan) throw refusalProblem(plan.refusal);
    const ids = req.group_id !== undefined ? await groupAthleteIds(w, req.group_id) : [...new Set(req.athlete_ids ?? [])];
    const athletes = new Map((await w.readMany('athletes', ids)).map((d) => [d.id, d]));
    const now = new Date().toISOString();
    const done = new Map<string, AssignResult>();
    const out: BulkAssignResult = { results: [], assigned: 0, already_assigned: 0, refused: 0 };
    for (const id of ids) {
      const refusal = athleteMissing(athletes.get(id));
      const result = refusal ?? (await assignInWrite(w, id, req, now));
      if (!('outcome' in result)) {
        out.refused++;
        out.results.push({ athlete_id: id, outcome: 'refused', error: { code: result.code, message: result.message } });
        continue;
      }
      done.set(id, result);
      out[result.outcome]++;
      out.results.push({ athlete_id: id, outcome: result.outcome });
    }
    // The answers carry each assignment as the API shows it (status, end date, overlaps).
    const views = new Map((await athleteAssignmentViews(w.tx, w.orgId, [...done.keys()], today)).map((v) => [v.id, v]));
    for (const r of out.results) {
      const view = views.get(done.get(r.athlete_id)?.assignment.id ?? '');
      if (view) r.assignment = view;
    }
    return out;
  });
}
