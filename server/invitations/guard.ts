/**
 * The rate-limited frame around every acceptance attempt (API and join page): refuse with 429
 * while the client IP or the token is over its limit, and count a failed attempt.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { HttpProblem } from '../http/errors';
import { CREDENTIAL_FAILURES, type AcceptRateLimit } from './limit';
import { hashToken } from './tokens';

/** The TCP peer; X-Forwarded-For is not trusted (no proxy is configured), as for sign-in. */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export class RateLimited extends Error {
  constructor(readonly retryAfterS: number) {
    super('rate limited');
  }
}

/** Runs `attempt` unless over the limit (throws RateLimited); counts it when it fails with an HttpProblem. */
export async function limitedAttempt<T>(limit: AcceptRateLimit, ip: string, token: string, attempt: () => Promise<T>): Promise<T> {
  const tokenHash = hashToken(token);
  const waitMs = limit.retryAfterMs(ip, tokenHash);
  if (waitMs > 0) throw new RateLimited(Math.ceil(waitMs / 1000));
  try {
    return await attempt();
  } catch (err) {
    if (err instanceof HttpProblem) limit.fail(ip, tokenHash, CREDENTIAL_FAILURES.has(err.code));
    throw err;
  }
}
