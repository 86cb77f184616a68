/**
 * Sign-in throttling: failed logins are counted per email and per client IP in a sliding window
 * (in memory, per server instance). Past the limit the login answers 429 before the password is
 * even checked, so guessing passwords costs hours instead of seconds. Successful logins are not
 * counted. Keys whose failures have all left the window are dropped, so memory stays bounded by
 * the failures of the last window.
 */

export type RateRule = { limit: number; windowMs: number };

export const LOGIN_RULES = {
  email: { limit: 10, windowMs: 15 * 60_000 },
  ip: { limit: 30, windowMs: 15 * 60_000 },
} as const satisfies Record<string, RateRule>;

/** Failure timestamps per key, oldest first, within one rule's window. */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly rule: RateRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until one more attempt is allowed for `key`, or 0 when it is allowed now. */
  retryAfterMs(key: string): number {
    const times = this.recent(key);
    if (times.length < this.rule.limit) return 0;
    // The attempt that must leave the window for the count to drop below the limit.
    const oldest = times[times.length - this.rule.limit]!;
    return Math.max(1, oldest + this.rule.windowMs - this.now());
  }

  record(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    this.hits.set(key, times);
    this.sweep();
  }

  size(): number {
    return this.hits.size;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.rule.windowMs;
    const times = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.hits.delete(key);
    else this.hits.set(key, times);
    return times;
  }

  /** Drops keys with nothing left in the window, at most once per window. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < this.rule.windowMs) return;
    this.lastSweep = now;
    for (const key of [...this.hits.keys()]) this.recent(key);
  }
}

export class LoginRateLimit {
  private readonly byEmail: SlidingWindow;
  private readonly byIp: SlidingWindow;

  constructor(now: () => number = Date.now, rules: { email: RateRule; ip: RateRule } = LOGIN_RULES) {
    this.byEmail = new SlidingWindow(rules.email, now);
    this.byIp = new SlidingWindow(rules.ip, now);
  }

  /** Milliseconds to wait before this email may be tried from this IP, or 0. */
  retryAfterMs(email: string, ip: string): number {
    return Math.max(this.byEmail.retryAfterMs(email.toLowerCase()), this.byIp.retryAfterMs(ip));
  }

  fail(email: string, ip: string): void {
    this.byEmail.record(email.toLowerCase());
    this.byIp.record(ip);
  }
}
