/**
 * The collections this app edits and pushes (coaches is a read-only copy of the server), and the
 * order their pushes must respect: a row may name a document created offline in another
 * collection (an athlete's new group, an assignment's new plan), which the server must have first.
 */
import type { SyncCollection } from '../../shared/sync/protocol';

export const PUSHED_COLLECTIONS = ['groups', 'athletes', 'training_plans', 'plan_assignments'] as const satisfies readonly SyncCollection[];
export type PushedCollection = (typeof PUSHED_COLLECTIONS)[number];

/** Before pushing rows of a collection, the collections it refers to are brought in sync. */
export const PUSH_AFTER: Record<PushedCollection, readonly PushedCollection[]> = {
  groups: [],
  athletes: ['groups'],
  training_plans: [],
  plan_assignments: ['training_plans'],
};

export const isPushed = (c: SyncCollection): c is PushedCollection => (PUSHED_COLLECTIONS as readonly string[]).includes(c);
