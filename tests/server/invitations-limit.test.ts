import { expect, it } from 'vitest';
import { AcceptRateLimit } from '../../server/invitations/limit';
import { describeOnBackends, type Session } from './helpers';
import { accept, invite, makeUser, newAccount, tokenOf, uniqueEmail } from './invitations-helpers';
import { headSession } from './role-helpers';

it('the accept limiter counts failures per IP and credential failures per token, in a sliding window', () => {
  let now = 0;
  const limit = new AcceptRateLimit(() => now, { ip: { limit: 3, windowMs: 1000 }, token: { limit: 2, windowMs: 1000 } });
  limit.fail('1.1.1.1', 't1', true);
  limit.fail('2.2.2.2', 't1', true);
  expect(limit.retryAfterMs('3.3.3.3', 't1')).toBeGreaterThan(0);
  expect(limit.retryAfterMs('3.3.3.3', 't2')).toBe(0);
  limit.fail('1.1.1.1', 'x', false);
  limit.fail('1.1.1.1', 'y', false);
  expect(limit.retryAfterMs('1.1.1.1', 'z')).toBe(1000);
  now = 1001;
  expect(limit.retryAfterMs('1.1.1.1', 'z')).toBe(0);
  expect(limit.retryAfterMs('3.3.3.3', 't1')).toBe(0);
});

describeOnBackends('accept rate limit', (server) => {
  let head: Session;

  it('wrong credentials on one token: after 10 failures the token answers 429 with Retry-After, even for the right password', async () => {
    head = await headSession(server());
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'Lim', email: uniqueEmail('lim') });
    const token = tokenOf(inv.url);
    for (let i = 0; i < 10; i++) {
      const res = await accept(server(), token, newAccount(uniqueEmail('wrong')));
      expect(res.status).toBe(400);
    }
    const blocked = await accept(server(), token, newAccount(inv.email ?? ''));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await fetch(`${server().url}/join/${token}`, { method: 'POST', body: new URLSearchParams({ mode: 'existing', email: 'a@b.test', password: 'whatever-pw' }) });
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).not.toBeNull();
  });

  it('guessing tokens from one IP: after 100 failures in the window every accept from it is 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 101 && statuses.at(-1) !== 429; i++) {
      statuses.push((await accept(server(), `${'x'.repeat(40)}${String(i).padStart(3, '0')}`, undefined, 'some-session')).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401 || s === 404)).toBe(true);
    const real = await invite(server(), head, { type: 'multi_use' });
    const user = await makeUser(server());
    const res = await accept(server(), tokenOf(real.url), undefined, user.token);
    expect(res.status).toBe(429);
  });
});
