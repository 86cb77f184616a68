/**
 * The invitations feature module: the only code that queries or writes the `invitations`
 * collection. Creating, revoking, resending and re-linking are replicated writes, so they work
 * offline; each written id goes in the sync outbox first, which is also how the list knows an
 * invitation is still "waiting to sync" (not on the server yet, so its link does not work yet).
 *
 * Link tokens (shared/domain/invitation.ts): the token of a link made here stays on this laptop in a
 * local document `invitation-link:<id>` (never replicated); the invitation carries only its SHA-256.
 * Another laptop has no token for it and offers "Get a link on this laptop" (newLinkHere).
 */
import { combineLatest, map, type Observable } from 'rxjs';
import type { RxDocument } from 'rxdb';
import {
  CreateInvitationRequest,
  Invitation,
  invitationState,
  joinUrl,
  type InvitationState,
  type InvitationType,
} from '../../shared/domain/invitation';
import { useAstralData, useObservable } from './context';
import type { AstralDatabase } from './database';
import { localNow, newId } from './ids';
import { newLinkToken, sha256Hex } from './linkToken';
import { readLocal, watchLocal } from './localDocs';
import { addToOutbox, outboxKey, watchPendingCount } from './syncStatus';
import { fieldErrorsOf, refused, written, type WriteResult } from './writeResult';

/** What the invite dialogs fill in; fields that do not apply to the type are ignored. */
export type InvitationDraft = {
  type: InvitationType;
  first_name?: string | null;
  email?: string | null;
  group_id?: string | null;
  training_plan_id?: string | null;
  plan_start_date?: string | null;
  max_uses?: number | null;
  expires_at?: string | null;
};

/** An invitation as the list shows it: 'waiting' while this laptop has not sent it (or a change of it). */
export type InvitationRowState = InvitationState | 'waiting';
export type InvitationRow = Invitation & { state: InvitationRowState };

type LinkDoc = { token: string };
const linkDocId = (id: string) => `invitation-link:${id}`;

const toInvitation = (doc: RxDocument<Invitation>): Invitation => doc.toJSON() as Invitation;

/** The request body the server's POST would take for this draft (the same rules as the API). */
function requestOf(draft: InvitationDraft): Record<string, unknown> {
  const plan = draft.training_plan_id || null;
  const applied = { group_id: draft.group_id || null, training_plan_id: plan, plan_start_date: plan ? draft.plan_start_date || null : null };
  return draft.type === 'single_use'
    ? { type: 'single_use', first_name: draft.first_name ?? '', email: draft.email ?? '', ...applied }
    : { type: 'multi_use', ...applied, max_uses: draft.max_uses ?? null, expires_at: draft.expires_at || null };
}

/** Checks a draft against the API's rules and this device's groups, plans and roster. */
async function checkDraft(db: AstralDatabase, draft: InvitationDraft, now: Date): Promise<WriteResult<CreateInvitationRequest>> {
  const parsed = CreateInvitationRequest.safeParse(requestOf(draft));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const first = Object.entries(fieldErrors)[0];
    return refused(first ? `${FIELD_NAMES[first[0]] ?? 'A field'} ${first[1]}.` : 'Please correct the highlighted fields.', fieldErrors);
  }
  const req = parsed.data;
  if (req.group_id && !(await db.groups.findOne(req.group_id).exec())) {
    return refused('This group no longer exists.', { group_id: 'This group no longer exists.' });
  }
  if (req.training_plan_id) {
    const plan = await db.training_plans.findOne(req.training_plan_id).exec();
    if (!plan) return refused('This plan no longer exists.', { training_plan_id: 'This plan no longer exists.' });
    if (plan.archived) return refused(`${plan.name} is archived: unarchive it first.`, { training_plan_id: `${plan.name} is archived.` });
  }
  if (req.type === 'multi_use' && req.expires_at && Date.parse(req.expires_at) <= now.getTime()) {
    return refused('The expiry must be in the future.', { expires_at: 'must be in the future' });
  }
  if (req.type === 'single_use') {
    const member = (await db.athletes.find().exec()).find((a) => a.email.toLowerCase() === req.email);
    if (member) return refused(`${req.email} is already in the organization.`, { email: 'This email is already in the organization.' });
    const open = (await db.invitations.find().exec()).find((i) => i.email === req.email && invitationState(i, now) === 'pending');
    if (open) return refused(`${req.email} already has a pending invitation: resend it instead.`, { email: 'This email already has a pending invitation: resend it instead.' });
  }
  return written(req);
}

const FIELD_NAMES: Record<string, string> = {
  first_name: 'First name',
  email: 'Email',
  group_id: 'Group',
  training_plan_id: 'Plan',
  plan_start_date: 'Start date',
  max_uses: 'Maximum uses',
  expires_at: 'Expiry',
};

/** Keeps a new link token on this laptop and returns its hash for the invitation. */
async function newLocalLink(db: AstralDatabase, id: string): Promise<{ token: string; hash: string }> {
  const token = newLinkToken();
  const hash = await sha256Hex(token);
  await db.upsertLocal<LinkDoc>(linkDocId(id), { token });
  return { token, hash };
}

/**
 * Creates an invitation locally (it syncs when it can). A single-use one asks the server for an
 * email (send_count 1); both get a link token kept on this laptop.
 */
export async function createInvitation(
  db: AstralDatabase,
  draft: InvitationDraft,
  coachId: string,
  now: Date = new Date(),
): Promise<WriteResult<{ invitation: Invitation; token: string }>> {
  const checked = await checkDraft(db, draft, now);
  if (!checked.ok) return checked;
  const req = checked.value;
  const id = newId();
  const { token, hash } = await newLocalLink(db, id);
  const stamp = localNow();
  const single = req.type === 'single_use';
  const invitation = Invitation.parse({
    id,
    type: req.type,
    first_name: single ? req.first_name : null,
    email: single ? req.email : null,
    group_id: req.group_id,
    training_plan_id: req.training_plan_id,
    plan_start_date: req.plan_start_date,
    max_uses: single ? null : req.max_uses,
    expires_at: single ? null : req.expires_at,
    status: 'pending',
    uses: 0,
    accepted_athlete_id: null,
    accepted_at: null,
    link_token_hash: hash,
    send_count: single ? 1 : 0,
    email_status: single ? 'queued' : 'none',
    email_error: null,
    last_sent_at: null,
    created_by: coachId,
    revoked_at: null,
    created_at: stamp,
    updated_at: stamp,
  });
  await addToOutbox(db, 'invitations', [id]);
  await db.invitations.insert(invitation);
  return written({ invitation, token });
}

/** The join link of an invitation when this laptop holds a token for it, else null. */
export async function linkFor(db: AstralDatabase, invitation: Pick<Invitation, 'id'>, serverUrl: string): Promise<string | null> {
  const local = await readLocal<LinkDoc>(db, linkDocId(invitation.id));
  return local ? joinUrl(serverUrl, local.token) : null;
}

/** linkFor, live (a link made here later shows up at once). */
export function watchLink(db: AstralDatabase, invitationId: string, serverUrl: string): Observable<string | null> {
  return watchLocal<LinkDoc>(db, linkDocId(invitationId)).pipe(map((local) => (local ? joinUrl(serverUrl, local.token) : null)));
}

async function pendingDoc(db: AstralDatabase, id: string): Promise<RxDocument<Invitation> | WriteResult<never>> {
  const doc = await db.invitations.findOne(id).exec();
  if (!doc) return refused('This invitation no longer exists.');
  const state = invitationState(doc);
  if (state !== 'pending') return refused(`This invitation is ${STATE_WORDS[state]}: nothing was changed.`);
  return doc;
}

const STATE_WORDS: Record<InvitationState, string> = {
  pending: 'pending',
  accepted: 'already accepted',
  used_up: 'used up',
  expired: 'expired',
  revoked: 'revoked',
};

const isResult = (x: RxDocument<Invitation> | WriteResult<never>): x is WriteResult<never> => 'ok' in x;

/** A link for this laptop: a new token kept here, its hash written to the invitation (older links keep working). */
export async function newLinkHere(db: AstralDatabase, id: string, serverUrl: string): Promise<WriteResult<string>> {
  const doc = await pendingDoc(db, id);
  if (isResult(doc)) return doc;
  const { token, hash } = await newLocalLink(db, id);
  await addToOutbox(db, 'invitations', [id]);
  await doc.incrementalPatch({ link_token_hash: hash });
  return written(joinUrl(serverUrl, token));
}

export async function revokeInvitation(db: AstralDatabase, id: string): Promise<WriteResult<Invitation>> {
  const doc = await pendingDoc(db, id);
  if (isResult(doc)) return doc;
  await addToOutbox(db, 'invitations', [id]);
  return written(toInvitation(await doc.incrementalPatch({ status: 'revoked', revoked_at: localNow() })));
}

export const MAX_SENDS = Invitation.shape.send_count.maxValue ?? 100;

/** Asks the server for another email with a fresh link (single use only). */
export async function resendInvitation(db: AstralDatabase, id: string): Promise<WriteResult<Invitation>> {
  const doc = await pendingDoc(db, id);
  if (isResult(doc)) return doc;
  if (doc.type !== 'single_use') return refused('Only an invitation to one person is sent by email.');
  if (doc.send_count >= MAX_SENDS) return refused(`This invitation was sent ${MAX_SENDS} times already.`);
  await addToOutbox(db, 'invitations', [id]);
  return written(toInvitation(await doc.incrementalModify((d) => ({ ...d, send_count: d.send_count + 1 }))));
}

/** The list's state of each invitation, newest first. */
export function invitationRows(invitations: readonly Invitation[], outbox: readonly string[], now: Date = new Date()): InvitationRow[] {
  const waiting = new Set(outbox);
  return invitations
    .map((i) => ({ ...i, state: waiting.has(outboxKey('invitations', i.id)) ? ('waiting' as const) : invitationState(i, now) }))
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
}

export function watchInvitations(db: AstralDatabase): Observable<InvitationRow[]> {
  return combineLatest([db.invitations.find().$, watchPendingCount(db)]).pipe(
    map(([docs, outbox]) => invitationRows(docs.map(toInvitation), outbox?.ids ?? [])),
  );
}

/** Every invitation with its state, live; `undefined` while loading. */
export function useInvitations(): InvitationRow[] | undefined {
  const { db } = useAstralData();
  return useObservable(() => watchInvitations(db), [db]);
}

/** The join link this laptop can show for an invitation (null: made elsewhere, or not loaded yet). */
export function useInvitationLink(invitationId: string, serverUrl: string): string | null {
  const { db } = useAstralData();
  return useObservable(() => watchLink(db, invitationId, serverUrl), [db, invitationId, serverUrl]) ?? null;
}
