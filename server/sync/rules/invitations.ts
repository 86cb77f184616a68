/**
 * Sync push rules of the `invitations` collection (see shared/domain/invitation.ts): who may
 * create, revoke, resend or re-link an invitation, the checks against other documents, and what a
 * written invitation triggers (registering link token hashes, emails after commit). The REST API
 * (server/invitations/manage.ts) runs the same functions, so both paths decide alike.
 *
 * A client writes only INVITATION_CREATE_FIELDS when creating and INVITATION_COACH_FIELDS later;
 * the server-written fields (status on creation, uses, acceptance, email state) must come as the
 * server would write them, or the row is refused naming the field. Invitations are never deleted.
 */
import { INVITATION_COACH_FIELDS, Invitation, type Invitation as InvitationDoc } from '../../../shared/domain/invitation';
import type { CoachRole } from '../../../shared/domain/organization';
import { sameJson } from '../../../shared/sync/canonical';
import type { Services } from '../../api/deps';
import { queueInvitationEmail } from '../../invitations/email';
import { hashTakenElsewhere, registerTokenHash } from '../../invitations/tokens';
import { assignablePlan, type Refusal } from '../references';
import type { DocData, OrgWriter, StoredDoc } from '../store';

/** What the pure push decision knows about the pusher (server/sync/push.ts). */
export type DecisionContext = { role: CoachRole; coachId: string; now: string };
/** Plus the services a write may use (email, public URL), for references and cascades. */
export type RuleContext = DecisionContext & { services: Services };

const forbidden = (field: string, message: string): Refusal => ({ code: 'forbidden', field, message: `${field}: ${message}` });
const invalid = (field: string, message: string): Refusal => ({ code: 'invalid', field, message: `${field}: ${message}` });

const same = sameJson;

/** Fields a new invitation must carry exactly as the server would set them. */
function serverDefaults(inv: InvitationDoc): Partial<InvitationDoc> {
  return {
    status: 'pending',
    uses: 0,
    accepted_athlete_id: null,
    accepted_at: null,
    email_status: inv.type === 'single_use' ? 'queued' : 'none',
    email_error: null,
    last_sent_at: null,
    revoked_at: null,
  };
}

/** A new invitation pushed by a coach's app (or made by the REST API): null when it may be stored as `doc`. */
export function refuseInvitationCreate(doc: DocData, ctx: DecisionContext): Refusal | null {
  const inv = doc as InvitationDoc;
  if (inv.created_by !== ctx.coachId) return forbidden('created_by', 'must be your own coach id');
  for (const [field, value] of Object.entries(serverDefaults(inv))) {
    if (!same(doc[field], value)) return forbidden(field, `written by the server; a new invitation has ${JSON.stringify(value)}`);
  }
  if (inv.type === 'single_use') {
    if (!inv.first_name) return invalid('first_name', 'required for a single-use invitation');
    if (!inv.email) return invalid('email', 'required for a single-use invitation');
    if (inv.max_uses !== null) return invalid('max_uses', 'only a multi-use link has a limit of uses');
    if (inv.expires_at !== null) return invalid('expires_at', 'only a multi-use link expires');
    if (inv.send_count > 1) return invalid('send_count', 'a new single-use invitation has 0 or 1 (its first email)');
  } else {
    if (inv.email !== null) return invalid('email', 'a multi-use link is for anyone: no email');
    if (inv.first_name !== null) return invalid('first_name', 'a multi-use link is for anyone: no first name');
    if (inv.send_count !== 0) return invalid('send_count', 'a multi-use link sends no email');
  }
  if (inv.expires_at !== null && Date.parse(inv.expires_at) <= Date.parse(ctx.now)) return invalid('expires_at', 'must be in the future');
  return null;
}

/** Fields nobody changes after creation, with what to do instead. */
const FIXED_REASON = 'cannot change after the invitation was created (revoke it and create a new one)';

/** A change to a stored invitation. */
export function refuseInvitationChange(stored: StoredDoc, doc: DocData, deleted: boolean, _ctx: DecisionContext): Refusal | null {
  if (deleted) return { code: 'forbidden', message: 'Invitations are not deleted: revoke it instead.' };
  const before = stored.data as InvitationDoc;
  const next = doc as InvitationDoc;
  const coachFields: readonly string[] = INVITATION_COACH_FIELDS;
  for (const field of Object.keys(Invitation.shape)) {
    if (coachFields.includes(field) || field === 'created_at' || field === 'updated_at') continue;
    if (!same(before[field as keyof InvitationDoc], next[field as keyof InvitationDoc])) {
      const serverField = ['uses', 'accepted_athlete_id', 'accepted_at', 'email_status', 'email_error', 'last_sent_at'].includes(field);
      return forbidden(field, serverField ? 'written by the server only' : FIXED_REASON);
    }
  }
  const changed = (f: (typeof INVITATION_COACH_FIELDS)[number]) => !same(before[f], next[f]);
  if (!changed('status') && !changed('revoked_at') && !changed('send_count') && !changed('link_token_hash')) return null;
  if (before.status !== 'pending') return forbidden('status', `this invitation was already ${before.status}: it cannot change any more`);
  if (changed('status')) {
    if (next.status !== 'revoked') return forbidden('status', 'a coach can only revoke a pending invitation');
    if (next.revoked_at === null) return invalid('revoked_at', 'required when revoking');
  } else if (changed('revoked_at')) {
    return forbidden('revoked_at', 'set only when revoking');
  }
  if (changed('send_count')) {
    if (before.type !== 'single_use') return forbidden('send_count', 'only a single-use invitation is emailed');
    if (next.send_count !== before.send_count + 1) return forbidden('send_count', 'a resend adds exactly one');
    if (next.status !== 'pending') return forbidden('send_count', 'a revoked invitation is not sent again');
  }
  if (changed('link_token_hash') && next.link_token_hash === null) return forbidden('link_token_hash', 'a link cannot be taken back: revoke the invitation instead');
  return null;
}

/** Checks against other documents, in the write transaction. */
export async function invitationReferences(w: OrgWriter, doc: DocData, deleted: boolean, stored: StoredDoc | null): Promise<Refusal | null> {
  if (deleted) return null;
  const inv = doc as InvitationDoc;
  if (!stored) {
    if (inv.group_id) {
      const group = await w.read('groups', inv.group_id);
      if (!group || group.deleted) return { code: 'not_found', field: 'group_id', message: 'group_id: no such group in this organization (it may have been deleted)' };
    }
    if (inv.training_plan_id) {
      const plan = await assignablePlan(w, inv.training_plan_id);
      if ('refusal' in plan) return plan.refusal;
    }
  }
  const hash = inv.link_token_hash;
  if (hash !== null && hash !== (stored?.data.link_token_hash ?? null) && (await hashTakenElsewhere(w.tx, hash, w.orgId, inv.id))) {
    return { code: 'conflict', field: 'link_token_hash', message: 'link_token_hash: this link belongs to another invitation; make a new link' };
  }
  return null;
}

/** What a stored invitation changes elsewhere in the same write (token hashes) and after it (emails: w.afterCommit). */
export async function afterInvitationWrite(w: OrgWriter, doc: DocData, stored: StoredDoc | null, ctx: RuleContext): Promise<void> {
  const inv = doc as InvitationDoc;
  const before = stored?.data as InvitationDoc | undefined;
  if (inv.link_token_hash !== null && inv.link_token_hash !== (before?.link_token_hash ?? null)) {
    await registerTokenHash(w.tx, inv.link_token_hash, { orgId: w.orgId, invitationId: inv.id, kind: 'link' });
  }
  const wantsEmail = inv.type === 'single_use' && inv.status === 'pending' && (!before || inv.send_count > before.send_count);
  if (wantsEmail) await queueInvitationEmail(w, inv, ctx.services);
}
