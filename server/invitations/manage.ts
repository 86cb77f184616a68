/**
 * Invitations through the REST API: create (the server makes the link token and answers its URL
 * once), list, read, revoke (idempotent) and resend. Every write runs the sync push rules of
 * server/sync/rules/invitations.ts inside DocumentStore.write, so the API and the apps decide alike
 * and open apps see the change live.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { invitationState, joinUrl, type CreateInvitationRequest, type Invitation, type InvitationState } from '../../shared/domain/invitation';
import type { Services } from '../api/deps';
import { currentRole, type Member } from '../auth/membership';
import type { Db } from '../db/db';
import { HttpProblem, notFound } from '../http/errors';
import { refusalProblem } from '../plans/assignments';
import { afterInvitationWrite, invitationReferences, refuseInvitationChange, refuseInvitationCreate, type RuleContext } from '../sync/rules/invitations';
import type { Refusal } from '../sync/references';
import type { DocumentStore, OrgWriter } from '../sync/store';
import { hashToken, newToken } from './tokens';

export type InvitationView = Invitation & { state: InvitationState };
export const viewOf = (inv: Invitation, now = new Date()): InvitationView => ({ ...inv, state: invitationState(inv, now) });

function problem(r: Refusal): HttpProblem {
  if (r.code === 'forbidden') return new HttpProblem(403, 'forbidden', r.message, r.field);
  if (r.code === 'invalid') return new HttpProblem(400, 'invalid_request', r.message, r.field);
  if (r.code === 'conflict') return new HttpProblem(409, 'conflict', r.message, r.field);
  return refusalProblem(r);
}

async function ruleContext(w: OrgWriter, member: Member, services: Services): Promise<RuleContext> {
  const role = await currentRole(w, member);
  return { role, coachId: member.coachId, now: new Date().toISOString(), services };
}

export async function createInvitation(store: DocumentStore, services: Services, member: Member, req: CreateInvitationRequest): Promise<InvitationView & { url: string }> {
  const token = newToken();
  const doc = await store.write(member.orgId, async (w) => {
    const ctx = await ruleContext(w, member, services);
    const single = req.type === 'single_use';
    const inv: Invitation = {
      id: randomUUID(),
      type: req.type,
      first_name: single ? req.first_name : null,
      email: single ? req.email : null,
      group_id: req.group_id,
      training_plan_id: req.training_plan_id,
      plan_start_date: req.plan_start_date,
      max_uses: single ? null : req.max_uses,
      expires_at: single || req.expires_at === null ? null : new Date(req.expires_at).toISOString(),
      status: 'pending',
      uses: 0,
      accepted_athlete_id: null,
      accepted_at: null,
      link_token_hash: hashToken(token),
      send_count: single ? 1 : 0,
      email_status: single ? 'queued' : 'none',
      email_error: null,
      last_sent_at: null,
      created_by: member.coachId,
      revoked_at: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    const refusal = refuseInvitationCreate(inv, ctx) ?? (await invitationReferences(w, inv, false, null));
    if (refusal) throw problem(refusal);
    await w.put('invitations', inv);
    await afterInvitationWrite(w, inv, null, ctx);
    return inv;
  });
  return { ...viewOf(doc), url: joinUrl(services.publicUrl, token) };
}

/** A change through the same rules as a pushed row; returns the stored document. */
async function change(store: DocumentStore, services: Services, member: Member, id: string, edit: (inv: Invitation, now: string) => Invitation | null): Promise<Invitation> {
  return store.write(member.orgId, async (w) => {
    const ctx = await ruleContext(w, member, services);
    const stored = await w.read('invitations', id);
    if (!stored || stored.deleted) throw notFound('Invitation');
    const before = stored.data as Invitation;
    const next = edit(before, ctx.now);
    if (!next) return before;
    // The coach's part of the change goes through the push rules; email_status is the server's own.
    const asPushed = { ...next, email_status: before.email_status };
    const refusal = refuseInvitationChange(stored, asPushed, false, ctx) ?? (await invitationReferences(w, next, false, stored));
    if (refusal) throw problem(refusal);
    const doc = { ...next, updated_at: ctx.now };
    await w.put('invitations', doc);
    await afterInvitationWrite(w, doc, stored, ctx);
    return doc;
  });
}

/** Revokes a pending invitation; revoking a revoked one changes nothing; an accepted one is a 409. */
export async function revokeInvitation(store: DocumentStore, services: Services, member: Member, id: string): Promise<InvitationView> {
  const doc = await change(store, services, member, id, (inv, now) => {
    if (inv.status === 'revoked') return null;
    if (inv.status === 'accepted') throw new HttpProblem(409, 'not_pending', 'This invitation was already accepted: remove the athlete instead.');
    return { ...inv, status: 'revoked', revoked_at: now };
  });
  return viewOf(doc);
}

/** Sends the email of a pending single-use invitation again (with a new token; older ones keep working). */
export async function resendInvitation(store: DocumentStore, services: Services, member: Member, id: string): Promise<InvitationView> {
  const doc = await change(store, services, member, id, (inv) => {
    if (inv.type !== 'single_use') throw new HttpProblem(409, 'not_single_use', 'Only a single-use invitation is emailed; share the link of a multi-use one.');
    if (inv.status !== 'pending') throw new HttpProblem(409, 'not_pending', `This invitation was ${inv.status}: it cannot be sent again.`);
    if (inv.send_count >= 100) throw new HttpProblem(409, 'too_many_emails', 'This invitation was sent 100 times; create a new one.');
    return { ...inv, send_count: inv.send_count + 1, email_status: 'queued' };
  });
  return viewOf(doc);
}

export async function getInvitation(store: DocumentStore, orgId: string, id: string): Promise<InvitationView> {
  const stored = await store.get(orgId, 'invitations', id);
  if (!stored || stored.deleted) throw notFound('Invitation');
  return viewOf(stored.data as Invitation);
}

export const InvitationListQuery = z.strictObject({
  status: z.enum(['pending', 'accepted', 'used_up', 'expired', 'revoked']).optional(),
  type: z.enum(['single_use', 'multi_use']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type InvitationListQuery = z.infer<typeof InvitationListQuery>;

const CursorShape = z.tuple([z.literal(1), z.string().max(100), z.string().min(1).max(100)]);
const encodeCursor = (createdAt: string, id: string) => Buffer.from(JSON.stringify([1, createdAt, id]), 'utf8').toString('base64url');
function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) return null;
  try {
    const parsed = CursorShape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: parsed.data[1], id: parsed.data[2] } : null;
  } catch {
    return null;
  }
}

/**
 * Newest first (created_at, then id, descending). `status` filters by the state a coach reads
 * (expired and used_up are derived), so it is applied in SQL from the stored fields and the clock.
 */
export async function listInvitations(db: Db, orgId: string, query: InvitationListQuery): Promise<{ data: InvitationView[]; next_cursor: string | null }> {
  const params: unknown[] = [orgId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`org_id = $1`, `collection = 'invitations'`, `NOT deleted`];
  if (query.type) where.push(`data->>'type' = ${param(query.type)}`);
  const usedUp = `(data->>'type' = 'multi_use' AND data->'max_uses' <> 'null'::jsonb AND (data->>'uses')::int >= (data->>'max_uses')::int)`;
  const expired = `(data->'expires_at' <> 'null'::jsonb AND (data->>'expires_at')::timestamptz <= now())`;
  if (query.status === 'revoked' || query.status === 'accepted') where.push(`data->>'status' = ${param(query.status)}`);
  if (query.status === 'used_up') where.push(`data->>'status' = 'pending' AND ${usedUp}`);
  if (query.status === 'expired') where.push(`data->>'status' = 'pending' AND NOT ${usedUp} AND ${expired}`);
  if (query.status === 'pending') where.push(`data->>'status' = 'pending' AND NOT ${usedUp} AND NOT ${expired}`);
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor);
    if (!key) throw new HttpProblem(400, 'invalid_request', 'cursor: not a cursor returned by this API', 'cursor');
    where.push(`(data->>'created_at', id) < (${param(key.createdAt)}, ${param(key.id)})`);
  }
  const limit = param(query.limit + 1);
  const { rows } = await db.query<{ data: Invitation; id: string }>(
    `SELECT data, id FROM documents WHERE ${where.join(' AND ')} ORDER BY data->>'created_at' DESC, id DESC LIMIT ${limit}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const now = new Date();
  return { data: page.map((r) => viewOf(r.data, now)), next_cursor: rows.length > query.limit && last ? encodeCursor(last.data.created_at, last.id) : null };
}
