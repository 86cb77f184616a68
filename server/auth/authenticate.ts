/**
 * Who is calling. Today: `Authorization: Bearer <session token>` (and `?token=` where a header
 * cannot be sent, i.e. EventSource on the live stream). API keys (`X-API-Key`) will be a second
 * Authenticator in this list; route code only sees `Caller`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/db';
import { HttpProblem } from '../http/errors';
import { findSession } from './sessions';

export type Caller = { kind: 'session'; userId: string; tokenHash: string };
export type AuthEnv = { Variables: { caller: Caller } };

type Authenticator = (c: Context, db: Db) => Promise<Caller | null | undefined>;

function bearer(c: Context, allowQuery: boolean): string | null {
  const header = c.req.header('authorization');
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m?.[1] ?? '';
  }
  if (allowQuery) return c.req.query('token') ?? null;
  return null;
}

const sessionAuthenticator =
  (allowQuery: boolean): Authenticator =>
  async (c, db) => {
    const token = bearer(c, allowQuery);
    if (token === null) return undefined;
    const session = await findSession(db, token);
    return session ? { kind: 'session', userId: session.userId, tokenHash: session.tokenHash } : null;
  };

/** Requires a valid caller; 401 otherwise. `allowQueryToken` only for the SSE stream. */
export function requireCaller(db: Db, options: { allowQueryToken?: boolean } = {}): MiddlewareHandler<AuthEnv> {
  const authenticators: Authenticator[] = [sessionAuthenticator(options.allowQueryToken ?? false)];
  return async (c, next) => {
    let presented = false;
    for (const authenticate of authenticators) {
      const caller = await authenticate(c, db);
      if (caller) {
        c.set('caller', caller);
        return next();
      }
      if (caller === null) presented = true;
    }
    throw presented
      ? new HttpProblem(401, 'unauthorized', 'The session is invalid or has expired; sign in again.')
      : new HttpProblem(401, 'unauthorized', 'Sign in first: send Authorization: Bearer <token>.');
  };
}
