/**
 * Client of the server-only Settings actions: coaching staff (add, remove, hand over the head-coach
 * role) and organization API keys. These are not replicated writes (the server is the only writer of
 * coach memberships, and API keys never reach the device), so each one needs the server: offline or
 * unreachable, it fails with code `offline` and a message saying so, and nothing is changed locally.
 * The coaches list itself comes from RxDB (renderer/data/coaches.ts), which the server's write
 * reaches through sync.
 */
import type { CoachMembership } from '../../shared/domain/organization';
import type { ApiKey, CreatedApiKey } from '../../shared/domain/api-key';
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

export const NO_ACCOUNT_MESSAGE = 'No account with this email. Inviting new coaches by email comes with invitations.';

/** Adds an existing Astral account as a coach (head coach only). */
export async function addCoach(ctx: ServerContext, email: string): Promise<CoachMembership> {
  try {
    return await call<CoachMembership>(ctx, 'Adding a coach', '/coaches', { method: 'POST', body: JSON.stringify({ email: email.trim() }) });
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === 'user_not_found') throw new ApiRequestError(err.status, err.code, NO_ACCOUNT_MESSAGE, 'email');
    throw err;
  }
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
