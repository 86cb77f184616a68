import { expect, it } from 'vitest';
import { hashToken } from '../../server/invitations/tokens';
import type { Invitation } from '../../shared/domain/invitation';
import { COACH1, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { accept, demoIds, invitationDoc, invite, newAccount, recordMail, tokenOf, uniqueEmail, type CreatedInvitation } from './invitations-helpers';
import { headSession, orgPath, type ErrorBody } from './role-helpers';

type List = { data: (Invitation & { state: string })[]; next_cursor: string | null };

describeOnBackends('invitations REST', (server) => {
  let head: Session;
  let coach: Session;
  let ids: { groupId: string; planId: string };
  const path = (p = '') => orgPath(head.orgId, `/invitations${p}`);

  it('a coach creates a single-use invitation: 201 with its link once, only a hash stored, the email sent and recorded', async () => {
    head = await headSession(server());
    coach = await login(server(), COACH1);
    ids = await demoIds(server(), head);
    const mail = recordMail(server());
    const email = uniqueEmail('ada');
    const inv = await invite(server(), coach, { type: 'single_use', first_name: 'Ada', email, group_id: ids.groupId, training_plan_id: ids.planId });
    expect(inv).toMatchObject({ type: 'single_use', status: 'pending', state: 'pending', uses: 0, first_name: 'Ada', email, send_count: 1, email_status: 'queued' });
    expect(inv.url).toMatch(new RegExp(`^${server().url}/join/[A-Za-z0-9_-]{43}$`));
    expect(inv.link_token_hash).toBe(hashToken(tokenOf(inv.url)));
    const { rows } = await server().db.query<{ token_hash: string; kind: string }>('SELECT token_hash, kind FROM invitation_tokens WHERE invitation_id = $1 ORDER BY kind', [inv.id]);
    expect(rows.map((r) => r.kind)).toEqual(['email', 'link']);
    expect(JSON.stringify(rows)).not.toContain(tokenOf(inv.url));
    await expect.poll(() => mail.sent.length).toBe(1);
    expect(mail.sent[0]?.to).toBe(email);
    const emailed = /\/join\/([A-Za-z0-9_-]+)/.exec(mail.sent[0]?.text ?? '')?.[1];
    expect(emailed && rows.some((r) => r.token_hash === hashToken(emailed))).toBe(true);
    await expect.poll(async () => (await invitationDoc(server(), head.orgId, inv.id)).email_status).toBe('sent');
    expect((await invitationDoc(server(), head.orgId, inv.id)).last_sent_at).not.toBeNull();
  });

  it('a failing mailer leaves the invitation in place with email_status failed and the reason', async () => {
    recordMail(server(), 'SMTP 550 mailbox unavailable');
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'Bo', email: uniqueEmail('bo') });
    await expect.poll(async () => (await invitationDoc(server(), head.orgId, inv.id)).email_status).toBe('failed');
    const doc = await invitationDoc(server(), head.orgId, inv.id);
    expect(doc.email_error).toContain('550');
    expect(doc.status).toBe('pending');
    recordMail(server());
  });

  it('a multi-use link: no email, limit and expiry kept, listed and filtered', async () => {
    const expires = new Date(Date.now() + 86_400_000).toISOString();
    const inv = await invite(server(), head, { type: 'multi_use', group_id: ids.groupId, max_uses: 5, expires_at: expires });
    expect(inv).toMatchObject({ type: 'multi_use', email: null, first_name: null, max_uses: 5, expires_at: expires, email_status: 'none', send_count: 0 });
    const all = await request<List>(server(), 'GET', path(), { token: coach.token });
    expect(all.status).toBe(200);
    expect(all.body.data[0]?.id).toBe(inv.id);
    expect(all.text).not.toContain(tokenOf(inv.url));
    const multi = await request<List>(server(), 'GET', path('?type=multi_use'), { token: coach.token });
    expect(multi.body.data.every((i) => i.type === 'multi_use')).toBe(true);
    const page1 = await request<List>(server(), 'GET', path('?limit=1'), { token: coach.token });
    expect(page1.body.data).toHaveLength(1);
    const page2 = await request<List>(server(), 'GET', path(`?limit=1&cursor=${page1.body.next_cursor}`), { token: coach.token });
    expect(page2.body.data[0]?.id).not.toBe(page1.body.data[0]?.id);
    expect((await request<ErrorBody>(server(), 'GET', path('?cursor=nope!'), { token: coach.token })).status).toBe(400);
    expect((await request<ErrorBody>(server(), 'GET', path('?status=bogus'), { token: coach.token })).status).toBe(400);
    const one = await request<Invitation>(server(), 'GET', path(`/${inv.id}`), { token: coach.token });
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(inv.id);
    expect((await request(server(), 'GET', path(`/${crypto.randomUUID()}`), { token: coach.token })).status).toBe(404);
    expect((await request(server(), 'GET', path('/not-a-uuid'), { token: coach.token })).status).toBe(404);
  });

  it('bad input is a 400 naming the field and changes nothing', async () => {
    const before = await snapshot(server());
    const bad: [Record<string, unknown>, number, string][] = [
      [{ type: 'single_use', email: uniqueEmail() }, 400, 'first_name'],
      [{ type: 'single_use', first_name: 'X', email: 'not-an-email' }, 400, 'email'],
      [{ type: 'single_use', first_name: 'X', email: uniqueEmail(), max_uses: 3 }, 400, 'max_uses'],
      [{ type: 'multi_use', email: uniqueEmail() }, 400, 'email'],
      [{ type: 'multi_use', max_uses: 0 }, 400, 'max_uses'],
      [{ type: 'multi_use', expires_at: new Date(Date.now() - 1000).toISOString() }, 400, 'expires_at'],
      [{ type: 'multi_use', group_id: crypto.randomUUID() }, 404, 'group_id'],
      [{ type: 'multi_use', training_plan_id: crypto.randomUUID() }, 404, 'training_plan_id'],
      [{ type: 'triple_use' }, 400, 'type'],
    ];
    for (const [body, status, field] of bad) {
      const res = await request<ErrorBody>(server(), 'POST', path(), { token: head.token, json: body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const form = await request<ErrorBody>(server(), 'POST', path(), { token: head.token, body: 'type=multi_use', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(await snapshot(server())).toBe(before);
  });

  it('an archived plan cannot be attached: 409 plan_archived', async () => {
    const archived = await request<{ data: { id: string }[] }>(server(), 'GET', orgPath(head.orgId, '/training-plans?archived=true'), { token: head.token });
    const plan = { body: { id: archived.body.data[0]?.id ?? '' } };
    const res = await request<ErrorBody>(server(), 'POST', path(), { token: head.token, json: { type: 'multi_use', training_plan_id: plan.body.id } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('plan_archived');
  });

  it('revoke: 200 with the revoked document, twice is fine, its link stops working, unknown is 404', async () => {
    const inv = await invite(server(), head, { type: 'multi_use' });
    const res = await request<CreatedInvitation>(server(), 'DELETE', path(`/${inv.id}`), { token: coach.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', state: 'revoked' });
    expect(res.body.revoked_at).not.toBeNull();
    const again = await request<CreatedInvitation>(server(), 'DELETE', path(`/${inv.id}`), { token: coach.token });
    expect(again.status).toBe(200);
    expect(again.body.revoked_at).toBe(res.body.revoked_at);
    expect((await request(server(), 'DELETE', path(`/${crypto.randomUUID()}`), { token: coach.token })).status).toBe(404);
    const tried = await accept(server(), tokenOf(inv.url), newAccount(uniqueEmail()));
    expect(tried.status).toBe(404);
    expect(tried.body.error?.code).toBe('invitation_invalid');
    const revoked = await request<List>(server(), 'GET', path('?status=revoked'), { token: coach.token });
    expect(revoked.body.data.map((i) => i.id)).toContain(inv.id);
  });

  it('resend: a pending single-use invitation gets one more email with a new working link; others are 409', async () => {
    const mail = recordMail(server());
    const email = uniqueEmail('cy');
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'Cy', email });
    await expect.poll(() => mail.sent.length).toBe(1);
    const res = await request<CreatedInvitation>(server(), 'POST', path(`/${inv.id}/resend`), { token: coach.token });
    expect(res.status).toBe(200);
    expect(res.body.send_count).toBe(2);
    await expect.poll(() => mail.sent.length).toBe(2);
    const first = /\/join\/([A-Za-z0-9_-]+)/.exec(mail.sent[0]?.text ?? '')?.[1];
    const second = /\/join\/([A-Za-z0-9_-]+)/.exec(mail.sent[1]?.text ?? '')?.[1];
    expect(first).not.toBe(second);
    await expect.poll(async () => (await invitationDoc(server(), head.orgId, inv.id)).email_status).toBe('sent');
    const multi = await invite(server(), head, { type: 'multi_use' });
    const notSingle = await request<ErrorBody>(server(), 'POST', path(`/${multi.id}/resend`), { token: coach.token });
    expect(notSingle.status).toBe(409);
    expect(notSingle.body.error.code).toBe('not_single_use');
    const joined = await accept(server(), second ?? '', newAccount(email));
    expect(joined.status).toBe(201);
    const used = await request<ErrorBody>(server(), 'POST', path(`/${inv.id}/resend`), { token: coach.token });
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe('not_pending');
    const revokeAccepted = await request<ErrorBody>(server(), 'DELETE', path(`/${inv.id}`), { token: coach.token });
    expect(revokeAccepted.status).toBe(409);
  });

  it('only coaches of the organization: no session 401, an athlete 403, another organization 403/404', async () => {
    expect((await request(server(), 'GET', path())).status).toBe(401);
    const email = uniqueEmail('ath');
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'Ath', email });
    expect((await accept(server(), tokenOf(inv.url), newAccount(email))).status).toBe(201);
    const athlete = await login(server(), email, 'long-enough-pw');
    expect(athlete.orgId).toBe('');
    for (const [method, p] of [['GET', path()], ['POST', path()], ['GET', orgPath(head.orgId, '/athletes')], ['GET', orgPath(head.orgId, '/groups')], ['GET', orgPath(head.orgId, '/training-plans')]] as const) {
      const res = await request<ErrorBody>(server(), method, p, { token: athlete.token, json: method === 'POST' ? { type: 'multi_use' } : undefined });
      expect(res.status, `${method} ${p}`).toBe(403);
    }
  });

  it('the OpenAPI document lists the invitation routes', async () => {
    const doc = await request<{ paths: Record<string, Record<string, unknown>> }>(server(), 'GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths['/api/v1/organizations/{org_id}/invitations'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths['/api/v1/organizations/{org_id}/invitations/{invitation_id}'] ?? {}).sort()).toEqual(['delete', 'get']);
    expect(doc.body.paths['/api/v1/organizations/{org_id}/invitations/{invitation_id}/resend']?.post).toBeDefined();
    expect(doc.body.paths['/api/v1/invitations/{token}/accept']?.post).toBeDefined();
  });
});
