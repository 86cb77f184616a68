import { expect, it } from 'vitest';
import type { Invitation } from '../../shared/domain/invitation';
import { COACH1, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { accept, demoIds, invitationDoc, invite, makeUser, newAccount, recordMail, tokenOf, uniqueEmail } from './invitations-helpers';
import { headSession, orgPath } from './role-helpers';

/** Accepting through the API: new accounts, existing users, every refusal, and races on one link. */
describeOnBackends('accepting invitations', (server) => {
  let head: Session;
  let ids: { groupId: string; planId: string };

  it('a new account joins a single-use invitation with its group and plan; the account signs in and coaches see the athlete', async () => {
    head = await headSession(server());
    ids = await demoIds(server(), head);
    recordMail(server());
    const email = uniqueEmail('new');
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'New', email, group_id: ids.groupId, training_plan_id: ids.planId, plan_start_date: '2030-01-07' });
    const res = await accept(server(), tokenOf(inv.url), newAccount(email.toUpperCase()));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ organization_id: head.orgId, athlete_id: expect.any(String) });
    const athlete = await request<{ email: string; group_ids: string[]; status: string; coach_ids: string[] }>(server(), 'GET', orgPath(head.orgId, `/athletes/${res.body.athlete_id}`), { token: head.token });
    expect(athlete.body).toMatchObject({ email, group_ids: [ids.groupId], status: 'active', coach_ids: [] });
    const plans = await request<{ data: { training_plan_id: string; start_date: string }[] }>(server(), 'GET', orgPath(head.orgId, `/athletes/${res.body.athlete_id}/plans`), { token: head.token });
    expect(plans.body.data).toMatchObject([{ training_plan_id: ids.planId, start_date: '2030-01-07' }]);
    const doc = await invitationDoc(server(), head.orgId, inv.id);
    expect(doc).toMatchObject({ status: 'accepted', uses: 1, accepted_athlete_id: res.body.athlete_id });
    expect(doc.accepted_at).not.toBeNull();
    const signedIn = await login(server(), email, 'long-enough-pw');
    expect(signedIn.orgId).toBe('');
    const again = await accept(server(), tokenOf(inv.url), newAccount(email));
    expect(again.status).toBe(404);
    expect(again.body.error?.code).toBe('invitation_invalid');
  });

  it('refusals change nothing: wrong email, an account that has a password, already a member, bad bodies', async () => {
    const email = uniqueEmail('ref');
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'Ref', email });
    const token = tokenOf(inv.url);
    const spare = await makeUser(server());
    await expect.poll(async () => (await invitationDoc(server(), head.orgId, inv.id)).email_status).not.toBe('queued');
    const before = await snapshot(server());
    const wrong = await accept(server(), token, newAccount(uniqueEmail('other')));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.code).toBe('email_mismatch');
    expect((await accept(server(), token, { ...newAccount(email), password: 'short' })).status).toBe(400);
    expect((await accept(server(), token, { ...newAccount(email), extra: 1 })).status).toBe(400);
    expect((await accept(server(), token)).status).toBe(400);
    const both = await accept(server(), token, newAccount(email), spare.token);
    expect(both.status).toBe(400);
    expect((await accept(server(), token, undefined, 'not-a-session')).status).toBe(401);
    const form = await request(server(), 'POST', `/api/v1/invitations/${token}/accept`, { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(await snapshot(server())).toBe(before);
    const multi = await invite(server(), head, { type: 'multi_use' });
    const existing = await makeUser(server());
    const exists = await accept(server(), tokenOf(multi.url), newAccount(existing.email));
    expect(exists.status).toBe(409);
    expect(exists.body.error).toMatchObject({ code: 'account_exists', message: expect.stringMatching(/sign in instead/) });
    const coach = await login(server(), COACH1);
    const member = await accept(server(), tokenOf(multi.url), undefined, coach.token);
    expect(member.status).toBe(201);
    const twice = await accept(server(), tokenOf(multi.url), undefined, coach.token);
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe('already_member');
    expect((await invitationDoc(server(), head.orgId, multi.id)).uses).toBe(1);
    const { rows } = await server().db.query('SELECT 1 FROM users WHERE email = $1', [email]);
    expect(rows).toHaveLength(0);
  });

  it('a refused new-account accept leaves no account behind (already a member through a passwordless account)', async () => {
    const passwordless = await makeUser(server(), uniqueEmail('nopw'), null);
    const inv1 = await invite(server(), head, { type: 'multi_use' });
    const first = await accept(server(), tokenOf(inv1.url), undefined, passwordless.token);
    expect(first.status).toBe(201);
    const before = await snapshot(server());
    const res = await accept(server(), tokenOf(inv1.url), newAccount(passwordless.email));
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('already_member');
    expect(await snapshot(server())).toBe(before);
    const { rows } = await server().db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [passwordless.id]);
    expect(rows[0]?.password_hash).toBeNull();
  });

  it('an account made without a password gets its password when accepting as a new account', async () => {
    const user = await makeUser(server(), uniqueEmail('pending'), null);
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'Pen', email: user.email });
    const res = await accept(server(), tokenOf(inv.url), newAccount(user.email, { first_name: 'Penny', last_name: 'Lane' }));
    expect(res.status).toBe(201);
    const session = await login(server(), user.email, 'long-enough-pw');
    expect(session.userId).toBe(user.id);
  });

  it('expiry: a multi-use link works until expires_at, then answers invitation_invalid', async () => {
    const inv = await invite(server(), head, { type: 'multi_use', expires_at: new Date(Date.now() + 1500).toISOString() });
    const u1 = await makeUser(server());
    expect((await accept(server(), tokenOf(inv.url), undefined, u1.token)).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1600));
    const u2 = await makeUser(server());
    const late = await accept(server(), tokenOf(inv.url), undefined, u2.token);
    expect(late.status).toBe(404);
    expect(late.body.error?.code).toBe('invitation_invalid');
    const expired = await request<{ data: Invitation[] }>(server(), 'GET', orgPath(head.orgId, '/invitations?status=expired'), { token: head.token });
    expect(expired.body.data.map((i) => i.id)).toContain(inv.id);
  });

  it('a plan archived after the invitation was made is skipped: the athlete still joins', async () => {
    const plan = await request<{ data: { id: string }[] }>(server(), 'GET', orgPath(head.orgId, '/training-plans?archived=false'), { token: head.token });
    const planId = plan.body.data[plan.body.data.length - 1]?.id ?? '';
    const inv = await invite(server(), head, { type: 'multi_use', training_plan_id: planId });
    await request(server(), 'PATCH', orgPath(head.orgId, `/training-plans/${planId}`), { token: head.token, json: { archived: true } });
    try {
      const user = await makeUser(server());
      const res = await accept(server(), tokenOf(inv.url), undefined, user.token);
      expect(res.status).toBe(201);
      const plans = await request<{ data: unknown[] }>(server(), 'GET', orgPath(head.orgId, `/athletes/${res.body.athlete_id}/plans`), { token: head.token });
      expect(plans.body.data).toEqual([]);
    } finally {
      await request(server(), 'PATCH', orgPath(head.orgId, `/training-plans/${planId}`), { token: head.token, json: { archived: false } });
    }
  });

  it('50 concurrent accepts of one single-use link: exactly one wins, the others get invitation_invalid', async () => {
    const email = uniqueEmail('race');
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'Race', email });
    const users = await Promise.all(Array.from({ length: 50 }, () => makeUser(server())));
    const results = await Promise.all(users.map((u) => accept(server(), tokenOf(inv.url), undefined, u.token)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 404 && r.body.error?.code === 'invitation_invalid')).toHaveLength(49);
    const { rows } = await server().db.query('SELECT 1 FROM invitation_acceptances WHERE invitation_id = $1', [inv.id]);
    expect(rows).toHaveLength(1);
    expect((await invitationDoc(server(), head.orgId, inv.id)).uses).toBe(1);
  });

  it('a multi-use link with max_uses 5 under 30 concurrent accepts: exactly 5 join', async () => {
    const inv = await invite(server(), head, { type: 'multi_use', max_uses: 5, group_id: ids.groupId });
    const users = await Promise.all(Array.from({ length: 30 }, () => makeUser(server())));
    const results = await Promise.all(users.map((u) => accept(server(), tokenOf(inv.url), undefined, u.token)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 404 && r.body.error?.code === 'invitation_invalid')).toHaveLength(25);
    const doc = await invitationDoc(server(), head.orgId, inv.id);
    expect(doc.uses).toBe(5);
    const used = await request<{ data: Invitation[] }>(server(), 'GET', orgPath(head.orgId, '/invitations?status=used_up'), { token: head.token });
    expect(used.body.data.map((i) => i.id)).toContain(inv.id);
  });
});
