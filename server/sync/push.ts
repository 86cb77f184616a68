/**
 * The decision for one pushed row, as a pure function: parse it, detect a retry or a conflict,
 * authorise it, and produce the document to store. The caller (sync routes) runs it inside the
 * organization's write transaction with the stored row and the caller's current role.
 *
 * Order matters: invalid rows are refused first; a row equal to what is stored is a retry (no
 * write); an edit of a removed athlete is refused; a row whose assumed master differs from the
 * stored one is a conflict (master returned, client merges and pushes again); only then are role
 * rules applied. The answer of each adversarial delivery is tabled in shared/sync/protocol.ts.
 *
 * Per collection: athletes are changed and removed (any coach), never created, in the app; coaches only by the
 * server; groups and training plans are created, changed and deleted by any coach (a deleted one is
 * not revived); a plan assignment is created by any coach under its derived id, its athlete, plan
 * and start date never change, `ended_on` may, and a removed one is revived by assigning again.
 * Rules reading other documents (unique names, references, in-use plans) are in references.ts.
 */
import type { z } from 'zod';
import { PLAN_ASSIGNMENT_FIXED_FIELDS, assignmentId, type PlanAssignment } from '../../shared/domain/assignment';
import { checkAthleteChange, type Athlete } from '../../shared/domain/athlete';
import type { CoachRole } from '../../shared/domain/organization';
import { SYNC_DOC_SCHEMAS, sameDocumentState, type Rejection, type SyncCollection, type WithDeleted } from '../../shared/sync/protocol';
import { describeZodError } from '../http/errors';
import type { Refusal } from './references';
import { refuseInvitationChange, refuseInvitationCreate, type DecisionContext } from './rules/invitations';
import { refuseProfileChange, refuseProfileCreate } from './rules/profile';
import type { DocData, StoredDoc } from './store';

export const ATHLETE_REMOVED = 'This athlete was removed from the organization.';

export type ParsedRow = { ok: true; id: string; doc: DocData; deleted: boolean } | { ok: false; id: string; message: string; field?: string };

const NOUN: Record<SyncCollection, string> = {
  athletes: 'athlete',
  coaches: 'coach membership',
  groups: 'group',
  training_plans: 'training plan',
  plan_assignments: 'plan assignment',
  invitations: 'invitation',
  activities: 'activity',
  daily_metrics: 'daily measurement',
  attention_signals: 'attention signal',
};

/** Parses `newDocumentState` with the collection's schema; `_`-prefixed RxDB fields other than `_deleted` are dropped. */
export function parsePushedDoc(collection: SyncCollection, raw: Record<string, unknown>): ParsedRow {
  const id = typeof raw.id === 'string' ? raw.id.slice(0, 100) : '';
  if (raw._deleted !== undefined && typeof raw._deleted !== 'boolean') {
    return { ok: false, id, field: '_deleted', message: '_deleted: must be true or false' };
  }
  const schema = SYNC_DOC_SCHEMAS[collection] as z.ZodObject;
  // A null-prototype object and an own-key check: `__proto__`, `constructor` or `toString` are unknown fields, not inherited ones.
  const data: DocData = Object.create(null) as DocData;
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('_') && key !== '__proto__') continue;
    if (!Object.hasOwn(schema.shape, key)) return { ok: false, id, field: key, message: `${key}: unknown field` };
    data[key] = value;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const { message, field } = describeZodError(parsed.error);
    return { ok: false, id, message, field };
  }
  return { ok: true, id, doc: parsed.data as DocData, deleted: raw._deleted === true };
}

export type PushDecision =
  | { kind: 'skip' }
  | { kind: 'conflict' }
  | { kind: 'refuse'; rejection: Rejection }
  | { kind: 'write'; doc: DocData; deleted: boolean };

export type PushInput = {
  collection: SyncCollection;
  parsed: ParsedRow;
  assumed: Record<string, unknown> | null | undefined;
  stored: StoredDoc | null;
  role: CoachRole;
  /** The pushing coach's membership id. */
  coachId: string;
  now: string;
};

export function decidePushRow({ collection, parsed, assumed, stored, role, coachId, now }: PushInput): PushDecision {
  const ctx: DecisionContext = { role, coachId, now };
  if (!parsed.ok) return refuse(parsed.id, 'invalid', parsed.message, parsed.field);
  const next: WithDeleted<DocData> = { ...parsed.doc, _deleted: parsed.deleted };
  const master = stored ? { ...stored.data, _deleted: stored.deleted } : null;

  if (master && sameDocumentState(master, next)) return { kind: 'skip' };
  // An edit of an athlete removed meanwhile is refused naming the removal, even when its assumed
  // master is stale: a bare conflict would tell the coach nothing, and a merge must not revive them.
  if (collection === 'athletes' && stored?.deleted && !parsed.deleted) return refuse(parsed.id, 'forbidden', ATHLETE_REMOVED);
  if (master && (!assumed || !sameDocumentState(master, assumed))) return { kind: 'conflict' };
  if (!stored) {
    if (assumed) return refuse(parsed.id, 'not_found', `No such ${NOUN[collection]} in this organization.`);
    // Created and deleted again before it was ever pushed: there is nothing to store.
    if (parsed.deleted) return { kind: 'skip' };
    const refusal = authoriseCreate(collection, parsed.id, parsed.doc, ctx);
    if (refusal) return refusal;
    return { kind: 'write', doc: { ...parsed.doc, created_at: now, updated_at: now }, deleted: false };
  }

  const refusal = authorise(collection, stored, parsed.doc, parsed.deleted, ctx);
  if (refusal) return refusal;
  // A removed athlete is kept as the server had them: edits pushed along with the removal are dropped.
  const base = collection === 'athletes' && parsed.deleted ? stored.data : parsed.doc;
  return { kind: 'write', doc: { ...base, created_at: stored.data.created_at, updated_at: now }, deleted: parsed.deleted };
}

/**
 * Role and per-document rules for a change to a stored document. Rules that need other documents
 * (a unique group name, a plan in use, an assignment's athlete and plan) are in references.ts.
 */
function authorise(collection: SyncCollection, stored: StoredDoc, doc: DocData, deleted: boolean, ctx: DecisionContext): PushDecision | null {
  const id = stored.id;
  const role = ctx.role;
  switch (collection) {
    case 'coaches':
      return refuse(id, 'forbidden', 'Coach memberships are managed by the server.');
    case 'athletes': {
      if (stored.deleted) return refuse(id, 'forbidden', ATHLETE_REMOVED);
      // Any coach may remove an athlete (server/athletes/remove.ts); the tombstone keeps the stored fields.
      if (deleted) return null;
      const change = checkAthleteChange(stored.data as Athlete, doc as Athlete, role);
      return change ? refuse(id, change.code, change.message, change.field) : null;
    }
    case 'groups':
      return stored.deleted ? refuse(id, 'forbidden', 'This group was deleted; create a new one.') : null;
    case 'training_plans':
      return stored.deleted ? refuse(id, 'forbidden', 'This training plan was deleted; import or create it again.') : null;
    case 'plan_assignments': {
      for (const field of PLAN_ASSIGNMENT_FIXED_FIELDS) {
        if (stored.data[field] !== doc[field]) {
          return refuse(id, 'forbidden', `${FIXED_FIELD_LABELS[field]} of an assignment cannot change: remove it and assign the plan again.`, field);
        }
      }
      // A removed assignment is revived by assigning the same plan with the same start again; a
      // change to it that keeps it removed has no meaning.
      if (stored.deleted && deleted) return refuse(id, 'forbidden', 'This plan assignment was removed.');
      return null;
    }
    case 'invitations':
      return fromRefusal(id, refuseInvitationChange(stored, doc, deleted, ctx));
    case 'activities':
    case 'daily_metrics':
    case 'attention_signals':
      return fromRefusal(id, refuseProfileChange(collection, stored, doc, deleted, ctx));
  }
}

const FIXED_FIELD_LABELS: Record<(typeof PLAN_ASSIGNMENT_FIXED_FIELDS)[number], string> = {
  athlete_id: 'The athlete',
  training_plan_id: 'The plan',
  start_date: 'The start date',
};

function authoriseCreate(collection: SyncCollection, id: string, doc: DocData, ctx: DecisionContext): PushDecision | null {
  switch (collection) {
    case 'athletes':
      return refuse(id, 'forbidden', 'Athletes join through invitations; they cannot be created in the app.');
    case 'coaches':
      return refuse(id, 'forbidden', 'Coach memberships are managed by the server.');
    case 'groups':
    case 'training_plans':
      return null;
    case 'plan_assignments': {
      const a = doc as PlanAssignment;
      if (a.id !== assignmentId(a.athlete_id, a.training_plan_id, a.start_date)) {
        return refuse(id, 'invalid', 'id: an assignment id is derived from its athlete, plan and start date (assignmentId)', 'id');
      }
      return null;
    }
    case 'invitations':
      return fromRefusal(id, refuseInvitationCreate(doc, ctx));
    case 'activities':
    case 'daily_metrics':
    case 'attention_signals':
      return fromRefusal(id, refuseProfileCreate(collection, doc, ctx));
  }
}

const fromRefusal = (id: string, r: Refusal | null): PushDecision | null => (r ? refuse(id, r.code, r.message, r.field) : null);

function refuse(id: string, code: string, message: string, field?: string): PushDecision {
  return { kind: 'refuse', rejection: field === undefined ? { id, code, message } : { id, code, message, field } };
}
