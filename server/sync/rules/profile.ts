/**
 * Sync push rules of the athlete-profile collections: `activities` and `daily_metrics` (a coach's
 * app imports files, offline too) and `attention_signals` (a coach acknowledges, snoozes, reopens,
 * and records that it notified its coach). See shared/domain/{activity,signal}.ts.
 * Placeholder until the profile work lands: every push is refused.
 */
import type { Refusal } from '../references';
import type { DocData, OrgWriter, StoredDoc } from '../store';
import type { DecisionContext, RuleContext } from './invitations';

export type ProfileCollection = 'activities' | 'daily_metrics' | 'attention_signals';

/** A new document of a profile collection pushed by a coach's app. */
export function refuseProfileCreate(_collection: ProfileCollection, _doc: DocData, _ctx: DecisionContext): Refusal | null {
  return { code: 'forbidden', message: 'Activities and signals cannot be written from the app yet.' };
}

/** A change to (or removal of) a stored profile document. */
export function refuseProfileChange(_collection: ProfileCollection, _stored: StoredDoc, _doc: DocData, _deleted: boolean, _ctx: DecisionContext): Refusal | null {
  return { code: 'forbidden', message: 'Activities and signals cannot be changed from the app yet.' };
}

/** Checks against other documents (the athlete exists), in the write transaction. */
export async function profileReferences(_w: OrgWriter, _collection: ProfileCollection, _doc: DocData, _deleted: boolean, _stored: StoredDoc | null): Promise<Refusal | null> {
  return null;
}

/**
 * After every row of one push was decided, in the same transaction: e.g. re-evaluate the attention
 * signals of the athletes whose activities or metrics were written (`written` in push order).
 */
export async function afterProfilePush(_w: OrgWriter, _collection: ProfileCollection, _written: StoredDoc[], _ctx: RuleContext): Promise<void> {}
