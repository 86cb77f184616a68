/**
 * Client of the server-only Settings actions: coaching staff (add, invite by email, remove, hand
 * over the head-coach role), coach invitations (server-only, never on the device) and organization
 * API keys. These are not replicated writes (the server is the only writer of
 * coach memberships, and API keys never reach the device), so each one needs the server: offline or
 * unreachable, it fails with code `offline` and a message saying so, and nothing is changed locally.
 * The coaches list itself comes from RxDB (renderer/data/coaches.ts), which the server's write
 * reaches through sync.
 */
import type { CoachMembership } from '../../shared/domain/organization';
import type { ApiKey, CreatedApiKey } from '../../shared/domain/api-key';
import { CoachInvitation, CoachInvitationPage } from '../../shared/domain/coach-invitation';
import type { z } from 'zod';
import { ApiRequestError, request } from '../session/api';

/** Where and as whom to call: the session's server, token and open organization. */
export type ServerContext = { serverUrl: string; token: string; orgId: string };

export type ApiKeyInfo = ApiKey;
export type { CreatedApiKey };

export type RemovedCoach = { coach_id: string; unassigned_athlete_ids: string[] };

export const OFFLINE = 'offline';

export const isOffline = (err: unknown): boolean => err instanceof ApiRequestError && err.code === OFFLINE;

/** `action` starts the sentence: "Adding a coach needs a connection to the server. …" */
export function needsConnection(action: string): ApiRequestError {
  return new ApiRequestError(0, OFFLINE, `${action} needs a connection to the server. You are offline or the server cannot be reached; nothing was changed.`);
}

const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

async function call<T>(ctx: ServerContext, action: string, path: string, init: RequestInit = {}): Promise<T> {
  if (browserOffline()) throw needsConnection(action);
  try {
    return await request<T>(ctx.serverUrl, `/organizations/${encodeURIComponent(ctx.orgId)}${path}`, { ...init, token: ctx.token });
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === 'unreachable') throw needsConnection(action);
    throw err;
  }
}

export const NO_ACCOUNT_MESSAGE = 'No Astral account uses this email yet.';
export const NO_ACCOUNT = 'user_not_found';

export type { CoachInvitation };

/** The server's answer checked against its schema: a malformed answer is a clear error, not a crash later. */
function parsed<T>(schema: z.ZodType<T>, answer: unknown, what: string): T {
  const r = schema.safeParse(answer);
  if (r.success) return r.data;
  throw new ApiRequestError(502, 'bad_answer', `The server sent ${what} this app cannot read (${r.error.issues[0]?.path.join('.') || 'answer'}: ${r.error.issues[0]?.message ?? 'invalid'}).`);
}

/**
 * Adds an existing Astral account as a coach (head coach only). An email without an account is
 * refused with code `user_not_found` (nothing is sent): the form then offers an invitation.
 */
export async function addCoach(ctx: ServerContext, email: string): Promise<CoachMembership> {
  try {
    return await call<CoachMembership>(ctx, 'Adding a coach', '/coaches', { method: 'POST', body: JSON.stringify({ email: email.trim(), invite: false }) });
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === NO_ACCOUNT) throw new ApiRequestError(err.status, err.code, NO_ACCOUNT_MESSAGE, 'email');
    throw err;
  }
}

export type InviteResult = { kind: 'invited'; invitation: CoachInvitation } | { kind: 'added'; coach: CoachMembership };

/** Invites an email to the coaching staff (an account made meanwhile is added at once). */
export async function inviteCoach(ctx: ServerContext, email: string, firstName: string): Promise<InviteResult> {
  const body = { email: email.trim(), ...(firstName.trim() ? { first_name: firstName.trim() } : {}) };
  const answer = await call<{ invitation: unknown } | CoachMembership>(ctx, 'Sending an invitation', '/coaches', { method: 'POST', body: JSON.stringify(body) });
  return answer && typeof answer === 'object' && 'invitation' in answer
    ? { kind: 'invited', invitation: parsed(CoachInvitation, answer.invitation, 'an invitation') }
    : { kind: 'added', coach: answer };
}

/** Coach invitations still open (pending, or expired and not yet resent), newest first. */
export async function listOpenCoachInvitations(ctx: ServerContext): Promise<CoachInvitation[]> {
  const answer = await call<unknown>(ctx, 'Listing the coach invitations', '/coach-invitations?limit=200');
  const page = parsed(CoachInvitationPage, answer, 'a list of invitations');
  return page.data.filter((i) => i.status === 'pending' || i.status === 'expired');
}

export async function resendCoachInvitation(ctx: ServerContext, id: string): Promise<CoachInvitation> {
  return parsed(CoachInvitation, await call<unknown>(ctx, 'Resending an invitation', `/coach-invitations/${encodeURIComponent(id)}/resend`, { method: 'POST' }), 'an invitation');
}

export async function revokeCoachInvitation(ctx: ServerContext, id: string): Promise<CoachInvitation> {
  return parsed(CoachInvitation, await call<unknown>(ctx, 'Revoking an invitation', `/coach-invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }), 'an invitation');
}

/** Removes a coach: their athletes lose them as coach, nothing else changes (head coach only). */
export function removeCoach(ctx: ServerContext, coachId: string): Promise<RemovedCoach> {
  return call<RemovedCoach>(ctx, 'Removing a coach', `/coaches/${encodeURIComponent(coachId)}`, { method: 'DELETE' });
}

/** Makes another coach the head coach; the caller becomes a coach. */
export function handOverHeadCoach(ctx: ServerContext, coachId: string): Promise<CoachMembership> {
  return call<CoachMembership>(ctx, 'Handing over the head-coach role', `/coaches/${encodeURIComponent(coachId)}`, {
    method: 'PATCH',
    body: JSON.stringify({ role: 'head_coach' }),
  });
}

export async function listApiKeys(ctx: ServerContext): Promise<ApiKeyInfo[]> {
  return (await call<{ data: ApiKeyInfo[] }>(ctx, 'Listing the API keys', '/api-keys')).data;
}

export function createApiKey(ctx: ServerContext, input: { name: string; expires_at: string | null }): Promise<CreatedApiKey> {
  return call<CreatedApiKey>(ctx, 'Creating an API key', '/api-keys', { method: 'POST', body: JSON.stringify({ name: input.name.trim(), expires_at: input.expires_at }) });
}

export function revokeApiKey(ctx: ServerContext, keyId: string): Promise<void> {
  return call<void>(ctx, 'Revoking an API key', `/api-keys/${encodeURIComponent(keyId)}`, { method: 'DELETE' });
}

/** The message to show for a failed action. */
export const errorMessage = (err: unknown): string =>
  err instanceof ApiRequestError ? err.message : err instanceof Error ? err.message : 'Something went wrong.';
