/**
 * Who is calling. Today: `Authorization: Bearer <session token>` only (never `?token=`: tokens in
 * URLs end up in logs and browser history). API keys (`X-API-Key`) will be a second
 * Authenticator in this list; route code only sees `Caller`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/db';
import { HttpProblem } from '../http/errors';
import { findSession } from './sessions';

export type Caller = { kind: 'session'; userId: string; tokenHash: string };
export type AuthEnv = { Variables: { caller: Caller } };

type Authenticator = (c: Context, db: Db) => Promise<Caller | null | undefined>;

function bearer(c: Context): string | null {
  const header = c.req.header('authorization');
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? '';
}

const sessionAuthenticator: Authenticator = async (c, db) => {
  const token = bearer(c);
  if (token === null) return undefined;
  const session = await findSession(db, token);
  return session ? { kind: 'session', userId: session.userId, tokenHash: session.tokenHash } : null;
};

/** Requires a valid caller; 401 otherwise. */
export function requireCaller(db: Db): MiddlewareHandler<AuthEnv> {
  const authenticators: Authenticator[] = [sessionAuthenticator];
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
