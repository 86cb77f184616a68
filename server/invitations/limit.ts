/**
 * Throttling of invitation acceptance (API and join page share one instance per server): failed
 * attempts are counted per client IP (guessing tokens, racing a used link) and per token (wrong
 * passwords, a wrong email, an existing account) in sliding windows, like sign-in. Past a limit the
 * answer is 429 with Retry-After before the token is even looked up.
 */
import { SlidingWindow, type RateRule } from '../auth/rate-limit';
import type { DocumentStore } from '../sync/store';

export const ACCEPT_RULES = {
  ip: { limit: 100, windowMs: 15 * 60_000 },
  token: { limit: 10, windowMs: 15 * 60_000 },
} as const satisfies Record<string, RateRule>;

export class AcceptRateLimit {
  private readonly byIp: SlidingWindow;
  private readonly byToken: SlidingWindow;

  constructor(now: () => number = Date.now, rules: { ip: RateRule; token: RateRule } = ACCEPT_RULES) {
    this.byIp = new SlidingWindow(rules.ip, now);
    this.byToken = new SlidingWindow(rules.token, now);
  }

  /** Milliseconds to wait before this IP may try this token (by its hash), or 0. */
  retryAfterMs(ip: string, tokenHash: string): number {
    return Math.max(this.byIp.retryAfterMs(ip), this.byToken.retryAfterMs(tokenHash));
  }

  /** A failed attempt; `credentials` when it failed on what the person typed for a real token. */
  fail(ip: string, tokenHash: string, credentials: boolean): void {
    this.byIp.record(ip);
    if (credentials) this.byToken.record(tokenHash);
  }
}

const limits = new WeakMap<DocumentStore, AcceptRateLimit>();

/** The one limiter of a server (keyed by its document store). */
export function acceptLimitFor(store: DocumentStore): AcceptRateLimit {
  let limit = limits.get(store);
  if (!limit) {
    limit = new AcceptRateLimit();
    limits.set(store, limit);
  }
  return limit;
}

/** Failures that are about what the person typed for a real invitation (counted per token too). */
export const CREDENTIAL_FAILURES = new Set(['invalid_credentials', 'email_mismatch', 'account_exists']);
