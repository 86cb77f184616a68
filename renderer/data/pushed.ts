/**
 * The collections this app edits and pushes (coaches is a read-only copy of the server), and the
 * order their pushes must respect, decided per batch from its rows:
 * - a row may name a document created offline in another collection (an athlete's new group, an
 *   assignment's new plan), which the server must have first: creations/revivals wait for it;
 * - a plan may only be deleted once no live assignment names it: a training_plans batch holding a
 *   delete pushes its other rows first, then waits for plan_assignments before the deletes.
 * Removals never wait, and a collection never waits for one that is itself waiting (pushHandler),
 * so two collections cannot wait for each other.
 */
import type { SyncCollection } from '../../shared/sync/protocol';

export const PUSHED_COLLECTIONS = [
  'groups', 'athletes', 'training_plans', 'plan_assignments', 'invitations', 'activities', 'daily_metrics', 'attention_signals',
] as const satisfies readonly SyncCollection[];
export type PushedCollection = (typeof PUSHED_COLLECTIONS)[number];

/** What a push row says about itself: its new state and the server state it was based on. */
export type OrderRow = { newDocumentState: { _deleted?: boolean; group_ids?: unknown }; assumedMasterState?: { _deleted?: boolean; group_ids?: unknown } };

export const isRemoval = (r: OrderRow): boolean => r.newDocumentState._deleted === true;
/** A row the server has no live copy of yet: a creation or the revival of a deleted document. */
export const isCreation = (r: OrderRow): boolean => !isRemoval(r) && (!r.assumedMasterState || r.assumedMasterState._deleted === true);

/** Collections whose rows (other than removals) may name a document this one must have first. */
const REFERS_TO: Record<PushedCollection, readonly PushedCollection[]> = {
  groups: [],
  athletes: ['groups'], // a row adding a group id (addsGroup) may name a group created offline
  training_plans: [],
  plan_assignments: ['training_plans'], // only a creation or revival names a plan
  invitations: ['groups', 'training_plans'], // a new invitation may name a group and a plan
  activities: [],
  daily_metrics: [],
  attention_signals: [],
};

/** Collections that must be in sync before this one's deletes are pushed. */
export const DELETE_AFTER: Record<PushedCollection, readonly PushedCollection[]> = {
  groups: [], // the server removes a deleted group from its athletes itself
  athletes: [],
  training_plans: ['plan_assignments'],
  plan_assignments: [],
  invitations: [],
  activities: [],
  daily_metrics: [],
  attention_signals: [],
};

const groupIds = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
/**
 * An athlete row that names a group its server copy did not (a creation or revival naming any): only
 * such a row can name a group created offline. Other edits (notes, labels, status...) push at once
 * instead of waiting for the groups' replication to settle (that wait was most of the delay between
 * a coach's edit and the other coaches' screens).
 */
const addsGroup = (r: OrderRow): boolean => {
  if (isRemoval(r)) return false;
  const before = isCreation(r) ? new Set<unknown>() : new Set(groupIds(r.assumedMasterState?.group_ids));
  return groupIds(r.newDocumentState.group_ids).some((id) => !before.has(id));
};

/** The collections to bring in sync before pushing these (non-delete, for DELETE_AFTER ones) rows. */
export function pushAfter(collection: PushedCollection, rows: readonly OrderRow[]): readonly PushedCollection[] {
  const waits =
    collection === 'plan_assignments' || collection === 'invitations'
      ? rows.some(isCreation)
      : collection === 'athletes'
        ? rows.some(addsGroup)
        : rows.some((r) => !isRemoval(r));
  return waits ? REFERS_TO[collection] : [];
}

export const isPushed = (c: SyncCollection): c is PushedCollection => (PUSHED_COLLECTIONS as readonly string[]).includes(c);
