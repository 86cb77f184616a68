import { describe, expect, it } from 'vitest';
import { LoginRateLimit, SlidingWindow } from './rate-limit';

const MIN = 60_000;

describe('SlidingWindow', () => {
  it('allows up to the limit in the window, then says how long to wait; old failures slide out', () => {
    let now = 0;
    const w = new SlidingWindow({ limit: 3, windowMs: 10 * MIN }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(w.retryAfterMs('k')).toBe(0);
      w.record('k');
      now += MIN;
    }
    // Failures at 0, 1, 2 min; now 3 min: blocked until the first one is 10 min old.
    expect(w.retryAfterMs('k')).toBe(7 * MIN);
    expect(w.retryAfterMs('other')).toBe(0);
    now = 10 * MIN + 1;
    expect(w.retryAfterMs('k')).toBe(0);
    now = 30 * MIN;
    expect(w.retryAfterMs('k')).toBe(0);
    expect(w.size()).toBe(0);
  });

  it('forgets keys whose failures all left the window', () => {
    let now = 0;
    const w = new SlidingWindow({ limit: 3, windowMs: MIN }, () => now);
    for (let i = 0; i < 100; i++) w.record(`ip-${i}`);
    now = 2 * MIN;
    w.record('late');
    expect(w.size()).toBe(1);
  });
});

describe('LoginRateLimit', () => {
  it('limits failures per email (any case) and per IP independently', () => {
    let now = 0;
    const limit = new LoginRateLimit(() => now);
    for (let i = 0; i < 10; i++) limit.fail('Coach@Example.com', `10.0.0.${i}`);
    expect(limit.retryAfterMs('coach@example.com', '10.0.0.99')).toBe(15 * MIN);
    expect(limit.retryAfterMs('someone@example.com', '10.0.0.1')).toBe(0);
    for (let i = 0; i < 30; i++) limit.fail(`user${i}@example.com`, '192.0.2.1');
    expect(limit.retryAfterMs('fresh@example.com', '192.0.2.1')).toBe(15 * MIN);
    now = 15 * MIN + 1;
    expect(limit.retryAfterMs('coach@example.com', '10.0.0.99')).toBe(0);
    expect(limit.retryAfterMs('fresh@example.com', '192.0.2.1')).toBe(0);
  });
});
