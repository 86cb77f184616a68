/**
 * Invitations (product docs, "Inviting athletes"), replicated as collection `invitations` so every
 * coach sees the same list, live, and a coach can create one offline.
 *
 * Tokens: the secret in a join link (`{PUBLIC_URL}/join/{token}`) is never stored in this document
 * nor on the server. A link token is >= 128 random bits (CSPRNG); the server keeps only its
 * SHA-256 (server/invitations). The app that creates an invitation offline makes its own link
 * token, keeps the token on that laptop (local document, never replicated) and puts only its hash
 * in `link_token_hash`; the server registers that hash when the invitation arrives, so the copied
 * link works as soon as the app has synced. The email of a single-use invitation carries another
 * token that the server makes when it sends the email (and again on every resend: `send_count`).
 * A coach on another laptop gets a link of their own by writing a new `link_token_hash`: every
 * registered token of an invitation keeps working until the invitation is used up, expires or is
 * revoked.
 *
 * Single use: the first acceptance consumes the invitation (status `accepted`), atomically.
 * Multi use: every acceptance adds one to `uses`; never more than `max_uses`.
 */
import { z } from 'zod';
import { IsoDate } from '../schedule/dates';
import { Email, Id, Timestamp, lineText } from './common';
import { Password } from './organization';

export const INVITATION_TYPES = ['single_use', 'multi_use'] as const;
export const InvitationType = z.enum(INVITATION_TYPES);
export type InvitationType = z.infer<typeof InvitationType>;

/** Stored status. `expired` and `used_up` are read from `expires_at` / `uses` (invitationState). */
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked'] as const;
export const InvitationStatus = z.enum(INVITATION_STATUSES);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const EMAIL_STATUSES = ['none', 'queued', 'sent', 'failed'] as const;
export const EmailStatus = z.enum(EMAIL_STATUSES);

/** sha256 of a link token, lower-case hex. */
export const TokenHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 written as 64 lower-case hex digits');

export const MAX_INVITATION_USES = 10_000;

export const Invitation = z.object({
  id: Id,
  type: InvitationType,
  /** Single use: who is invited. Multi use: null. */
  first_name: lineText(80).nullable(),
  email: Email.nullable(),
  /** Applied when accepted: the group the athlete joins, the plan assigned from `plan_start_date` (the day of acceptance when null). */
  group_id: Id.nullable(),
  training_plan_id: Id.nullable(),
  plan_start_date: IsoDate.nullable(),
  /** Multi use: at most this many acceptances (null: no limit). Single use: null. */
  max_uses: z.number().int().min(1).max(MAX_INVITATION_USES).nullable(),
  expires_at: Timestamp.nullable(),
  status: InvitationStatus,
  /** Acceptances so far (written by the server). */
  uses: z.number().int().min(0),
  /** The athlete created by the (last) acceptance (written by the server). */
  accepted_athlete_id: Id.nullable(),
  accepted_at: Timestamp.nullable(),
  /** Hash of the newest link token an app made for this invitation (see the header). */
  link_token_hash: TokenHash.nullable(),
  /** Single use: how many emails were asked for; the app adds one to resend. */
  send_count: z.number().int().min(0).max(100),
  /** Written by the server: the state of the newest email. */
  email_status: EmailStatus,
  email_error: lineText(300).nullable(),
  last_sent_at: Timestamp.nullable(),
  /** Coach id of whoever created it. */
  created_by: Id,
  revoked_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Invitation = z.infer<typeof Invitation>;

/** Fields the app may set when it creates an invitation; the server fills the rest. */
export const INVITATION_CREATE_FIELDS = [
  'id', 'type', 'first_name', 'email', 'group_id', 'training_plan_id', 'plan_start_date', 'max_uses', 'expires_at',
  'link_token_hash', 'send_count', 'created_by',
] as const;
/** Fields a coach may change later: revoke (status + revoked_at), resend (send_count + 1), a new link (link_token_hash). */
export const INVITATION_COACH_FIELDS = ['status', 'revoked_at', 'send_count', 'link_token_hash'] as const;

/** What a coach reads in the list ("waiting to sync" is the app's own: not yet on the server). */
export type InvitationState = 'pending' | 'accepted' | 'used_up' | 'expired' | 'revoked';
export const INVITATION_STATE_LABELS: Record<InvitationState | 'waiting', string> = {
  waiting: 'Waiting to sync',
  pending: 'Pending',
  accepted: 'Accepted',
  used_up: 'Used up',
  expired: 'Expired',
  revoked: 'Revoked',
};

export function invitationState(inv: Pick<Invitation, 'status' | 'type' | 'uses' | 'max_uses' | 'expires_at'>, now: Date = new Date()): InvitationState {
  if (inv.status === 'revoked') return 'revoked';
  if (inv.status === 'accepted') return 'accepted';
  if (inv.type === 'multi_use' && inv.max_uses !== null && inv.uses >= inv.max_uses) return 'used_up';
  if (inv.expires_at !== null && Date.parse(inv.expires_at) <= now.getTime()) return 'expired';
  return 'pending';
}

/** Can someone still join through it? */
export const invitationUsable = (inv: Parameters<typeof invitationState>[0], now?: Date): boolean => invitationState(inv, now) === 'pending';

const applied = {
  group_id: Id.nullable().default(null),
  training_plan_id: Id.nullable().default(null),
  plan_start_date: IsoDate.nullable().default(null),
};

/** Body of POST /api/v1/organizations/{org_id}/invitations. */
export const CreateInvitationRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single_use'), first_name: lineText(80).refine((s) => s.length > 0, 'required'), email: Email, ...applied }),
  z.strictObject({
    type: z.literal('multi_use'),
    ...applied,
    max_uses: z.number().int().min(1).max(MAX_INVITATION_USES).nullable().default(null),
    expires_at: Timestamp.nullable().default(null),
  }),
]);
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

/** Body of POST /api/v1/invitations/{token}/accept for a new account (no body with a Bearer token of an existing user). */
export const AcceptNewAccountRequest = z.strictObject({
  first_name: lineText(80).refine((s) => s.length > 0, 'required'),
  last_name: lineText(80).refine((s) => s.length > 0, 'required'),
  email: Email,
  password: Password,
});
export type AcceptNewAccountRequest = z.infer<typeof AcceptNewAccountRequest>;

/** Body of POST .../athletes: add an existing Astral user directly. */
export const AddExistingAthleteRequest = z.strictObject({
  email: Email,
  group_id: Id.nullable().default(null),
  training_plan_id: Id.nullable().default(null),
  plan_start_date: IsoDate.nullable().default(null),
});
export type AddExistingAthleteRequest = z.infer<typeof AddExistingAthleteRequest>;

/** The join link of a token. */
export const joinUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/join/${token}`;
