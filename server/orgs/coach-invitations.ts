/**
 * Coach invitations (issue 9): the head coach invites someone without an Astral account to the
 * coaching staff. They live in the server-only table `coach_invitations` (migration 005), not in a
 * replicated collection: only the head coach reads them, through the API. Their join-link tokens
 * share `invitation_tokens` with the athletes' (kind 'coach'), so /join/{token} and the accept API
 * find both with one lookup (server/orgs/coach-join.ts accepts them).
 *
 * Every change runs inside the organization's DocumentStore write (row lock), so the head-coach
 * check, "already a coach" and "one pending invitation per email" are decided against what is
 * committed. The email goes out after the commit; its outcome is written back to the row, only for
 * the newest send (send_count), like athlete invitations.
 */
import { randomUUID } from 'node:crypto';
import type { CoachInvitation, CoachInvitationState } from '../../shared/domain/coach-invitation';
import { joinUrl } from '../../shared/domain/invitation';
import type { Services } from '../api/deps';
import { currentRole, requireHeadCoach, type Member } from '../auth/membership';
import type { Db } from '../db/db';
import { HttpProblem, forbidden, notFound } from '../http/errors';
import { hashToken, newToken, registerTokenHash } from '../invitations/tokens';
import { invitationParties } from '../invitations/who';
import { oneLine } from '../mail/mailer';
import { coachInvitationEmail } from '../mail/templates';
import type { DocumentStore, OrgWriter } from '../sync/store';

/** How long a coach's join link works (a resend starts the period again). */
export const COACH_INVITATION_DAYS = 14;
/** Emails per invitation: a resend loop must not turn the server into a mail cannon. */
export const MAX_COACH_INVITATION_SENDS = 20;

/** The server's database (email outcomes are written after the commit) and mail services. */
export type InviteContext = { db: Db; services: Services };

/** What the API answers for a coach invitation: one schema in shared/domain/coachInvitation.ts. */
export type { CoachInvitation, CoachInvitationState };

export type CoachInvitationRow = Omit<CoachInvitation, 'status' | 'invited_by_name'> & { org_id: string; status: string };

const iso = (v: unknown): string => new Date(v as string).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

const COLUMNS = `id, org_id, email, first_name, status, invited_by, expires_at, send_count, email_status, email_error,
  last_sent_at, accepted_at, accepted_coach_id, revoked_at, created_at, updated_at`;

function toRow(r: Record<string, unknown>): CoachInvitationRow {
  return {
    id: String(r.id),
    org_id: String(r.org_id),
    email: String(r.email),
    first_name: (r.first_name as string | null) ?? null,
    status: String(r.status),
    invited_by: String(r.invited_by),
    expires_at: iso(r.expires_at),
    send_count: Number(r.send_count),
    email_status: r.email_status as CoachInvitation['email_status'],
    email_error: (r.email_error as string | null) ?? null,
    last_sent_at: isoOrNull(r.last_sent_at),
    accepted_at: isoOrNull(r.accepted_at),
    accepted_coach_id: (r.accepted_coach_id as string | null) ?? null,
    revoked_at: isoOrNull(r.revoked_at),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}

/** The state a person reads: a pending invitation past its expiry is expired. */
export function coachInvitationState(row: Pick<CoachInvitationRow, 'status' | 'expires_at'>, now = new Date()): CoachInvitationState {
  if (row.status === 'pending' && Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return row.status as CoachInvitationState;
}

async function coachNames(db: Db, orgId: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; first: string | null; last: string | null }>(
    `SELECT id, data->>'first_name' AS first, data->>'last_name' AS last FROM documents WHERE org_id = $1 AND collection = 'coaches'`,
    [orgId],
  );
  return new Map(rows.map((r) => [r.id, `${r.first ?? ''} ${r.last ?? ''}`.trim()]));
}

function view(row: CoachInvitationRow, names: Map<string, string>, now = new Date()): CoachInvitation {
  const { org_id: _org, ...rest } = row;
  return { ...rest, status: coachInvitationState(row, now), invited_by_name: names.get(row.invited_by) || null };
}

export async function readCoachInvitation(db: Db, orgId: string, id: string, lock = false): Promise<CoachInvitationRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM coach_invitations WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [orgId, id]);
  return rows[0] ? toRow(rows[0]) : null;
}

/** The head coach's newest-first list (all states, or one). */
export async function listCoachInvitations(
  db: Db,
  orgId: string,
  query: { status?: CoachInvitationState; limit: number; cursor?: string },
): Promise<{ data: CoachInvitation[]; next_cursor: string | null }> {
  const params: unknown[] = [orgId];
  const where = ['org_id = $1'];
  const add = (v: unknown) => `$${params.push(v)}`;
  if (query.status === 'pending') where.push(`status = 'pending' AND expires_at > now()`);
  else if (query.status === 'expired') where.push(`(status = 'expired' OR (status = 'pending' AND expires_at <= now()))`);
  else if (query.status) where.push(`status = ${add(query.status)}`);
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor);
    if (!key) throw new HttpProblem(400, 'invalid_request', 'cursor: not a cursor returned by this API', 'cursor');
    where.push(`(created_at, id) < (${add(key.createdAt)}::timestamptz, ${add(key.id)}::uuid)`);
  }
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM coach_invitations WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${add(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit).map(toRow);
  const names = await coachNames(db, orgId);
  const last = page[page.length - 1];
  return { data: page.map((r) => view(r, names)), next_cursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null };
}

const encodeCursor = (createdAt: string, id: string) => Buffer.from(JSON.stringify([createdAt, id]), 'utf8').toString('base64url');
function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 2) return null;
    const [createdAt, id] = v as unknown[];
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

const expiryFrom = (now: Date) => new Date(now.getTime() + COACH_INVITATION_DAYS * 86_400_000).toISOString();

/**
 * In the caller's write: a new pending invitation for `email`, or (one is pending already) the
 * same one sent again. Expired pending rows of that email are closed first so the new one may be
 * pending. Returns the row; the email goes out after the commit.
 */
export async function inviteCoachInWrite(
  w: OrgWriter,
  ctx: InviteContext,
  member: Member,
  input: { email: string; firstName: string | null },
): Promise<CoachInvitationRow> {
  const now = new Date();
  const email = input.email.trim().toLowerCase();
  await w.tx.query(
    `UPDATE coach_invitations SET status = 'expired', updated_at = $3 WHERE org_id = $1 AND email = $2 AND status = 'pending' AND expires_at <= $3`,
    [w.orgId, email, now.toISOString()],
  );
  const { rows } = await w.tx.query(`SELECT ${COLUMNS} FROM coach_invitations WHERE org_id = $1 AND email = $2 AND status = 'pending' FOR UPDATE`, [w.orgId, email]);
  const open = rows[0] ? toRow(rows[0]) : null;
  if (open) return sendAgain(w, ctx, open, input.firstName ?? open.first_name);
  const row: CoachInvitationRow = {
    id: randomUUID(),
    org_id: w.orgId,
    email,
    first_name: input.firstName,
    status: 'pending',
    invited_by: member.coachId,
    expires_at: expiryFrom(now),
    send_count: 1,
    email_status: 'queued',
    email_error: null,
    last_sent_at: null,
    accepted_at: null,
    accepted_coach_id: null,
    revoked_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await w.tx.query(
    `INSERT INTO coach_invitations (id, org_id, email, first_name, status, invited_by, expires_at, send_count, email_status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'pending', $5, $6, 1, 'queued', $7, $7)`,
    [row.id, w.orgId, email, row.first_name, row.invited_by, row.expires_at, row.created_at],
  );
  await queueEmail(w, ctx, row);
  return row;
}

/** A new token and email for a pending (or expired-but-open) invitation; the link works for another 14 days. */
async function sendAgain(w: OrgWriter, ctx: InviteContext, row: CoachInvitationRow, firstName: string | null): Promise<CoachInvitationRow> {
  if (row.send_count >= MAX_COACH_INVITATION_SENDS) {
    throw new HttpProblem(409, 'too_many_emails', `This invitation was emailed ${MAX_COACH_INVITATION_SENDS} times; revoke it and invite again later.`);
  }
  const now = new Date().toISOString();
  const next: CoachInvitationRow = {
    ...row,
    first_name: firstName,
    send_count: row.send_count + 1,
    email_status: 'queued',
    email_error: null,
    expires_at: expiryFrom(new Date(now)),
    updated_at: now,
  };
  await w.tx.query(
    `UPDATE coach_invitations SET first_name = $3, send_count = $4, email_status = 'queued', email_error = NULL, expires_at = $5, updated_at = $6
      WHERE org_id = $1 AND id = $2`,
    [w.orgId, row.id, next.first_name, next.send_count, next.expires_at, now],
  );
  await queueEmail(w, ctx, next);
  return next;
}

/** Registers a fresh token (only its hash is stored) and sends the email once the write committed. */
async function queueEmail(w: OrgWriter, ctx: InviteContext, row: CoachInvitationRow): Promise<void> {
  const token = newToken();
  await registerTokenHash(w.tx, hashToken(token), { orgId: w.orgId, invitationId: row.id, kind: 'coach' });
  const parties = await invitationParties(w.tx, w.orgId, row.invited_by);
  const mail = coachInvitationEmail({
    to: row.email,
    firstName: row.first_name,
    organizationName: parties.orgName,
    inviterName: parties.inviter ?? 'The head coach',
    url: joinUrl(ctx.services.publicUrl, token),
    expiresAt: row.expires_at,
  });
  const orgId = w.orgId;
  w.afterCommit(async () => {
    let status: 'sent' | 'failed' = 'sent';
    let error: string | null = null;
    try {
      await ctx.services.mailer.send(mail);
    } catch (err) {
      status = 'failed';
      const message = err instanceof Error ? err.message : String(err);
      error = oneLine(Array.from(message, (ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch)).join(''), 300) || 'sending failed';
    }
    // Only the newest send's outcome is written (a resend made meanwhile wins).
    await ctx.db.query(
      `UPDATE coach_invitations SET email_status = $4, email_error = $5, last_sent_at = CASE WHEN $4 = 'sent' THEN now() ELSE last_sent_at END, updated_at = now()
        WHERE org_id = $1 AND id = $2 AND send_count = $3`,
      [orgId, row.id, row.send_count, status, error],
    );
  });
}

/** Refuses anyone but the signed-in head coach, checked again inside the write (a hand-over may have happened since sign-in). */
export async function requireHeadCoachNow(w: OrgWriter, member: Member, action: string): Promise<void> {
  requireHeadCoach(member, action);
  if ((await currentRole(w, member)) !== 'head_coach') throw forbidden(`Only the head coach can ${action}.`);
}

async function headCoachChange<T>(store: DocumentStore, member: Member, id: string, action: string, fn: (w: OrgWriter, row: CoachInvitationRow) => Promise<T>): Promise<T> {
  return store.write(member.orgId, async (w) => {
    await requireHeadCoachNow(w, member, action);
    const row = await readCoachInvitation(w.tx, w.orgId, id, true);
    if (!row) throw notFound('Coach invitation');
    return fn(w, row);
  });
}

/** Revokes a pending (or expired) invitation: its links stop working at once. Revoking twice is fine; an accepted one is a 409. */
export async function revokeCoachInvitation(store: DocumentStore, member: Member, id: string): Promise<CoachInvitation> {
  const row = await headCoachChange(store, member, id, 'revoke coach invitations', async (w, row) => {
    if (row.status === 'accepted') throw new HttpProblem(409, 'not_pending', 'This invitation was already accepted: remove the coach from the staff instead.');
    if (row.status !== 'pending') return row;
    const now = new Date().toISOString();
    await w.tx.query(`UPDATE coach_invitations SET status = 'revoked', revoked_at = $3, updated_at = $3 WHERE org_id = $1 AND id = $2`, [w.orgId, id, now]);
    return { ...row, status: 'revoked', revoked_at: now, updated_at: now };
  });
  return view(row, await coachNames(store.db, member.orgId));
}

/** Emails a pending (or expired) invitation again with a new link, valid for another 14 days; older links keep working until then. */
export async function resendCoachInvitation(store: DocumentStore, services: Services, member: Member, id: string): Promise<CoachInvitation> {
  const row = await headCoachChange(store, member, id, 'resend coach invitations', async (w, row) => {
    if (row.status !== 'pending') throw new HttpProblem(409, 'not_pending', `This invitation was ${row.status}: it cannot be sent again. Invite them again instead.`);
    return sendAgain(w, { db: store.db, services }, row, row.first_name);
  });
  return view(row, await coachNames(store.db, member.orgId));
}

export async function coachInvitationView(db: Db, row: CoachInvitationRow): Promise<CoachInvitation> {
  return view(row, await coachNames(db, row.org_id));
}
