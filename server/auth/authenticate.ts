/**
 * Who is calling. Two credentials:
 * - `Authorization: Bearer <session token>` everywhere a sign-in is needed (never `?token=`:
 *   tokens in URLs end up in logs and browser history);
 * - `X-API-Key: ak_...` (an organization key, coach rights) only on the organization routes of
 *   /api/v1: `acceptApiKeys` is mounted there (server/api/index.ts) and authenticates the key
 *   before the routes' own `requireCaller`. Everywhere else (sync, /me, logout) a key is a 401,
 *   so an API key can never open a live stream or act as a person.
 * Route code only sees `Caller` (and, on organization routes, `Member`).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { findActiveApiKey } from '../apikeys/keys';
import type { Db } from '../db/db';
import { HttpProblem } from '../http/errors';
import { findSession } from './sessions';

/** The user id of a caller that is not a person (an API key): matches no account and no membership. */
export const NO_USER = '00000000-0000-0000-0000-000000000000';

export type SessionCaller = { kind: 'session'; userId: string; tokenHash: string };
/** `tokenHash` is the key's SHA-256; `userId` is NO_USER, so a lookup of "the caller's membership" finds none. */
export type ApiKeyCaller = { kind: 'api_key'; userId: typeof NO_USER; tokenHash: string; apiKeyId: string; orgId: string };
export type Caller = SessionCaller | ApiKeyCaller;
export type AuthEnv = { Variables: { caller: Caller } };

function bearer(c: Context): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? '';
}

/**
 * On organization routes only: authenticates `X-API-Key` when one is sent (and no session token:
 * two credentials in one request is a 400, never a guess which one counts).
 */
export function acceptApiKeys(db: Db): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const key = c.req.header('x-api-key');
    if (key === undefined) return next();
    if (c.req.header('authorization') !== undefined) {
      throw new HttpProblem(400, 'invalid_request', 'Send either Authorization: Bearer <token> or X-API-Key, not both.');
    }
    const found = await findActiveApiKey(db, key.trim());
    if (!found) throw new HttpProblem(401, 'unauthorized', 'The API key is invalid, revoked or expired.');
    c.set('caller', { kind: 'api_key', userId: NO_USER, tokenHash: found.keyHash, apiKeyId: found.id, orgId: found.orgId });
    return next();
  };
}

/** Requires a valid caller; 401 otherwise. A caller already authenticated by `acceptApiKeys` passes. */
export function requireCaller(db: Db): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if ((c.get('caller') as Caller | undefined) !== undefined) return next();
    const token = bearer(c);
    if (token === null) {
      throw c.req.header('x-api-key') !== undefined
        ? new HttpProblem(401, 'unauthorized', 'API keys work only on the organization routes of /api/v1 (not on sync, sign-in or account routes); sign in for this one.')
        : new HttpProblem(401, 'unauthorized', 'Sign in first: send Authorization: Bearer <token>.');
    }
    const session = await findSession(db, token);
    if (!session) throw new HttpProblem(401, 'unauthorized', 'The session is invalid or has expired; sign in again.');
    c.set('caller', { kind: 'session', userId: session.userId, tokenHash: session.tokenHash });
    return next();
  };
}
