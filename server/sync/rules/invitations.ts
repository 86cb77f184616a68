/**
 * Sync push rules of the `invitations` collection (see shared/domain/invitation.ts): who may
 * create, revoke, resend or re-link an invitation, the checks against other documents, and what a
 * written invitation triggers (registering link token hashes, emails after commit).
 * Placeholder until the invitations work lands: every push is refused.
 */
import type { CoachRole } from '../../../shared/domain/organization';
import type { Services } from '../../api/deps';
import type { Refusal } from '../references';
import type { DocData, OrgWriter, StoredDoc } from '../store';

/** What the pure push decision knows about the pusher (server/sync/push.ts). */
export type DecisionContext = { role: CoachRole; coachId: string; now: string };
/** Plus the services a write may use (email, public URL), for references and cascades. */
export type RuleContext = DecisionContext & { services: Services };

/** A new invitation pushed by a coach's app: null when it may be stored as `doc`. */
export function refuseInvitationCreate(_doc: DocData, _ctx: DecisionContext): Refusal | null {
  return { code: 'forbidden', message: 'Invitations cannot be created yet.' };
}

/** A change to a stored invitation. */
export function refuseInvitationChange(_stored: StoredDoc, _doc: DocData, _deleted: boolean, _ctx: DecisionContext): Refusal | null {
  return { code: 'forbidden', message: 'Invitations cannot be changed yet.' };
}

/** Checks against other documents, in the write transaction. */
export async function invitationReferences(_w: OrgWriter, _doc: DocData, _deleted: boolean, _stored: StoredDoc | null): Promise<Refusal | null> {
  return null;
}

/** What a stored invitation changes elsewhere in the same write (token hashes) and after it (emails: w.afterCommit). */
export async function afterInvitationWrite(_w: OrgWriter, _doc: DocData, _stored: StoredDoc | null, _ctx: RuleContext): Promise<void> {}
