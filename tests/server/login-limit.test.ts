import { expect, it } from 'vitest';
import { COACH1, COACH2, DEMO_PASSWORD, HEAD, describeOnBackends, login, request } from './helpers';

type ErrorBody = { error: { code: string; message: string } };
const attempt = (server: { url: string }, email: string, password: string) => request<ErrorBody>(server, 'POST', '/api/v1/auth/login', { json: { email, password } });

describeOnBackends('login rate limit', (server) => {
  it('does not count successful logins', async () => {
    for (let i = 0; i < 15; i++) await login(server(), COACH2);
  });

  it('after 10 failures for one email in 15 minutes answers 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 10; i++) expect((await attempt(server(), HEAD, 'wrong-password')).status).toBe(401);
    const blocked = await attempt(server(), HEAD.toUpperCase(), DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toEqual({ code: 'rate_limited', message: 'Too many sign-in attempts; try again in 15 minutes' });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    // Another account from the same address is not affected (yet).
    await login(server(), COACH1);
  });

  it('after 30 failures from one address in 15 minutes refuses every email from it', async () => {
    // 10 failures are already counted for this address; 20 more on unknown emails.
    for (let i = 0; i < 20; i++) expect((await attempt(server(), `nobody${i}@example.com`, 'wrong-password')).status).toBe(401);
    const blocked = await attempt(server(), COACH1, DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
  });
});
