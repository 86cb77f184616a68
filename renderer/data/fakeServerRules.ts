/**
 * The authorisation rules of the fake sync server (tests only), a simple mirror of the server's
 * (server/sync/push.ts and references.ts, with their messages):
 * any coach creates and edits groups, plans and assignments; group names are unique ignoring case;
 * a plan with assignments cannot be deleted; an archived or unknown plan cannot be assigned; an
 * assignment's athlete, plan and start never change; athletes follow checkAthleteChange and may
 * only join groups that exist. Deleting a group takes it out of every athlete (`afterWrite`).
 */
import { checkAthleteChange, type Athlete } from '../../shared/domain/athlete';
import { PLAN_ASSIGNMENT_FIXED_FIELDS, assignmentId } from '../../shared/domain/assignment';
import type { CoachRole } from '../../shared/domain/organization';
import { SYNC_DOC_SCHEMAS, type SyncCollection } from '../../shared/sync/protocol';

type Doc = Record<string, unknown>;
export type Refusal = { code: string; message: string; field?: string };
export type RuleStore = {
  role: CoachRole;
  alive(collection: SyncCollection): Doc[];
  get(collection: SyncCollection, id: string): Doc | undefined;
  put(collection: SyncCollection, doc: object): void;
};

const isAlive = (d: Doc | undefined): d is Doc => d !== undefined && !d._deleted;
const withoutDeleted = (d: Doc): Doc => Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('_')));

/** Why a create (current undefined) or change of a row is refused, or null when it may be written. */
export function refusalOf(store: RuleStore, collection: SyncCollection, current: Doc | undefined, next: Doc): Refusal | null {
  if (collection === 'coaches') return { code: 'forbidden', message: 'Coach memberships are managed by the server.' };
  if (!next._deleted) {
    const parsed = SYNC_DOC_SCHEMAS[collection].safeParse(withoutDeleted(next));
    if (!parsed.success) {
      // As the real server words it (server/http/errors.ts describeZodError): the full, nested path.
      const issue = parsed.error.issues[0];
      const field = issue ? [...issue.path.map(String), ...(issue.code === 'unrecognized_keys' ? [issue.keys[0] ?? ''] : [])].join('.') : '';
      const message = issue?.code === 'unrecognized_keys' ? 'unknown field' : (issue?.message ?? 'invalid');
      return field ? { code: 'invalid', field, message: `${field}: ${message}` } : { code: 'invalid', message };
    }
  }
  switch (collection) {
    case 'athletes': {
      if (!current) return { code: 'forbidden', message: 'Athletes join through invitations; they cannot be created in the app.' };
      if (current._deleted) return { code: 'forbidden', message: 'This athlete was removed from the organization.' };
      const refusal = checkAthleteChange(current as unknown as Athlete, next as unknown as Athlete, store.role);
      if (refusal) return refusal;
      // Only newly added groups are checked: a group deleted meanwhile stays harmless.
      const before = current.group_ids as string[];
      const unknown = (next.group_ids as string[]).find((g) => !before.includes(g) && !isAlive(store.get('groups', g)));
      return unknown ? { code: 'invalid', field: 'group_ids', message: 'group_ids: a group added here no longer exists (it was deleted on another device)' } : null;
    }
    case 'groups': {
      if (current?._deleted) return { code: 'forbidden', message: 'This group was deleted; create a new one.' };
      if (next._deleted) return null;
      const name = String(next.name).trim().toLowerCase();
      const taken = store.alive('groups').find((g) => g.id !== next.id && String(g.name).trim().toLowerCase() === name);
      return taken ? { code: 'conflict', field: 'name', message: `A group named ${String(next.name).trim()} already exists.` } : null;
    }
    case 'training_plans': {
      if (current?._deleted) return { code: 'forbidden', message: 'This training plan was deleted; import or create it again.' };
      if (!next._deleted) return null;
      const athletes = new Set(store.alive('plan_assignments').filter((a) => a.training_plan_id === next.id).map((a) => a.athlete_id)).size;
      return athletes > 0 ? { code: 'in_use', message: `${String(next.name)} is assigned to ${athletes} athlete${athletes === 1 ? '' : 's'}: archive it instead.` } : null;
    }
    case 'plan_assignments': {
      if (current) {
        const moved = PLAN_ASSIGNMENT_FIXED_FIELDS.find((f) => current[f] !== next[f]);
        if (moved) return { code: 'forbidden', field: moved, message: `The ${moved} of an assignment cannot change: remove it and assign the plan again.` };
        if (current._deleted && next._deleted) return { code: 'forbidden', message: 'This plan assignment was removed.' };
      } else if (next.id !== assignmentId(String(next.athlete_id), String(next.training_plan_id), String(next.start_date))) {
        return { code: 'invalid', field: 'id', message: 'id: an assignment id is derived from its athlete, plan and start date (assignmentId)' };
      }
      if (next._deleted || (current && !current._deleted)) return null;
      // A new assignment, or one revived after a removal.
      const plan = store.get('training_plans', String(next.training_plan_id));
      if (!isAlive(store.get('athletes', String(next.athlete_id)))) return { code: 'not_found', field: 'athlete_id', message: 'athlete_id: no such athlete in this organization' };
      if (!isAlive(plan)) return { code: 'not_found', field: 'training_plan_id', message: 'training_plan_id: no such training plan in this organization' };
      if (plan.archived) return { code: 'plan_archived', field: 'training_plan_id', message: `${String(plan.name)} is archived: it cannot be assigned (unarchive it first).` };
      return null;
    }
    // The rules of these live on the real server only (server/sync/rules); the fake stores what it gets.
    case 'invitations':
    case 'activities':
    case 'daily_metrics':
    case 'attention_signals':
      return null;
  }
}

/** Writes the server does together with a row (in the same transaction on the real server). */
export function afterWrite(store: RuleStore, collection: SyncCollection, doc: Doc): void {
  if (collection !== 'groups' || !doc._deleted) return;
  for (const a of store.alive('athletes')) {
    const ids = a.group_ids as string[];
    if (ids.includes(String(doc.id))) store.put('athletes', { ...a, group_ids: ids.filter((g) => g !== doc.id) });
  }
}
