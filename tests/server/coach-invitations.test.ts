/**
 * Coach invitations (issue 9): the head coach invites an email without an account; the email
 * (loopback SMTP) carries a personal /join/ link; the join page and the accept API make a coach in
 * one write that open apps see live; single use under racing accepts; revoked, expired and unknown
 * links answer alike; only the signed-in head coach manages them; bad input is a 400 naming the field.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMailer } from '../../server/mail/mailer';
import { COACH1, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session, type TestServer } from './helpers';
import { makeUser, recordMail, uniqueEmail } from './invitations-helpers';
import { coaches, createKey, headSession, orgPath, withKey, type ErrorBody } from './role-helpers';
import { start, type LoopbackSmtp } from './smtp';
import { openSse } from './sse';

type CoachInvitation = { id: string; email: string; first_name: string | null; status: string; email_status: string; send_count: number; expires_at: string; invited_by_name: string | null };
type Accepted = { organization_id: string; coach_id?: string; athlete_id?: string } & Partial<ErrorBody>;

let smtp: LoopbackSmtp;
let outbox: string;
beforeAll(async () => {
  smtp = await start();
  outbox = await mkdtemp(join(tmpdir(), 'astral-coach-mail-'));
});
afterAll(async () => {
  await smtp.stop();
  await rm(outbox, { recursive: true, force: true });
});

const linkIn = (text: string): string => {
  const link = text.match(/https?:\/\/\S+\/join\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`no join link in: ${text}`);
  return link;
};
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

async function postForm(server: TestServer, token: string, fields: Record<string, string>) {
  const res = await fetch(`${server.url}/join/${token}`, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: res.status, html: await res.text() };
}

describeOnBackends('coach invitations', (server) => {
  let head: Session;
  let orgName: string;
  let mails: ReturnType<typeof recordMail>;
  const path = (p: string) => orgPath(head.orgId, p);
  const post = (json: unknown, token = head.token) => request<CoachInvitation & { invitation: CoachInvitation } & ErrorBody>(server(), 'POST', path('/coaches'), { token, json });
  const accept = (token: string, body?: unknown, session?: string) => request<Accepted>(server(), 'POST', `/api/v1/invitations/${token}/accept`, { json: body, token: session });
  const list = async (q = '') => (await request<{ data: CoachInvitation[]; next_cursor: string | null }>(server(), 'GET', path(`/coach-invitations${q}`), { token: head.token })).body;
  /** Invites through the recording mailer; returns the invitation and the token of its email. */
  const invite = async (email: string, firstName?: string) => {
    const res = await post({ email, ...(firstName ? { first_name: firstName } : {}) });
    expect(res.status, res.text).toBe(202);
    await expect.poll(() => mails.sent.filter((m) => m.to === email).length).toBe(res.body.invitation.send_count);
    const mail = mails.sent.filter((m) => m.to === email).at(-1);
    return { invitation: res.body.invitation, token: tokenOf(linkIn(mail?.text ?? '')) };
  };

  it('an email without an account gets an invitation: 202, an email on SMTP with a personal link, the join page names the head coach', async () => {
    head = await headSession(server());
    const { rows } = await server().db.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [head.orgId]);
    orgName = rows[0]?.name ?? '';
    server().services.mailer = createMailer({ smtpUrl: smtp.url, outboxDir: outbox, from: 'Astral <no-reply@astral.test>' });
    const email = uniqueEmail('ada');
    const res = await post({ email: ` ${email.toUpperCase()} `, first_name: 'Ada' });
    expect(res.status).toBe(202);
    const inv = res.body.invitation;
    expect(inv).toMatchObject({ email, first_name: 'Ada', status: 'pending', send_count: 1, invited_by_name: 'Helen Hartley' });
    expect(JSON.stringify(res.body)).not.toMatch(/token|\/join\//);
    const days = (Date.parse(inv.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe(`Helen Hartley invited you to coach with ${orgName} on Astral Coach`);
    expect(mail.text).toContain('Hi Ada,');
    const link = linkIn(mail.text);
    expect(link.startsWith(`${server().url}/join/`)).toBe(true);
    expect(tokenOf(link).length).toBeGreaterThanOrEqual(22); // >= 128 bits as base64url
    const { rows: stored } = await server().db.query<{ token_hash: string; kind: string }>('SELECT token_hash, kind FROM invitation_tokens WHERE invitation_id = $1', [inv.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.kind).toBe('coach');
    expect(stored[0]?.token_hash).not.toContain(tokenOf(link));

    await expect.poll(async () => (await list()).data.find((i) => i.id === inv.id)?.email_status).toBe('sent');
    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`Helen Hartley invites you to coach at ${orgName}`);
    expect(html).toMatch(new RegExp(`id="email"[^>]*value="${email}"[^>]*readonly`));
    expect(html).toMatch(new RegExp(`id="existing_email"[^>]*value="${email}"[^>]*readonly`));
    await server().services.mailer.close();
    mails = recordMail(server());
  });

  it('accepting with a new account makes a coach in one write, seen live on a coach stream; the link is then used', async () => {
    const email = uniqueEmail('nia');
    const { invitation, token } = await invite(email, 'Nia');
    const c1 = await login(server(), COACH1);
    const stream = await openSse(`${server().url}/sync/v2/orgs/${head.orgId}/stream`, { authorization: `Bearer ${c1.token}` });
    try {
      await stream.next((e) => e.event === 'ready');
      const res = await accept(token, { first_name: 'Nia', last_name: 'Okoro', email, password: 'long-enough-pw' });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toEqual({ organization_id: head.orgId, coach_id: expect.any(String) });
      const event = await stream.next((e) => e.data.includes('"coaches"') && e.data.includes(res.body.coach_id ?? '?'));
      expect(event.data).toContain(email);
    } finally {
      stream.close();
    }
    const nia = await login(server(), email, 'long-enough-pw');
    expect(nia).toMatchObject({ orgId: head.orgId, role: 'coach' });
    expect((await coaches(server(), head)).find((c) => c.email === email)).toMatchObject({ role: 'coach', first_name: 'Nia', last_name: 'Okoro' });
    expect((await list('?status=accepted')).data.find((i) => i.id === invitation.id)).toMatchObject({ status: 'accepted' });
    const again = await accept(token, { first_name: 'Nia', last_name: 'Okoro', email, password: 'long-enough-pw' });
    expect(again.status).toBe(404);
    expect(again.body.error?.code).toBe('invitation_invalid');
  });

  it('an existing account of that email accepts signed in (API) or by the join page; another email is refused and changes nothing', async () => {
    const email = uniqueEmail('existing');
    const { token } = await invite(email);
    const stranger = await makeUser(server());
    const before = await snapshot(server());
    const wrong = await accept(token, undefined, stranger.token);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'email_mismatch', field: 'email' });
    expect(await snapshot(server())).toBe(before);
    const user = await makeUser(server(), email);
    const res = await accept(token, undefined, user.token);
    expect(res.status, res.text).toBe(201);
    expect((await coaches(server(), head)).find((c) => c.email === email)?.id).toBe(res.body.coach_id);

    const email2 = uniqueEmail('page');
    const second = await invite(email2, 'Pat');
    await makeUser(server(), email2, 'page-password-1');
    const bad = await postForm(server(), second.token, { mode: 'existing', email: email2, password: 'not-it-at-all' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Wrong email or password.');
    const ok = await postForm(server(), second.token, { mode: 'existing', email: email2, password: 'page-password-1' });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain(`you now coach ${orgName}`);
    expect((await coaches(server(), head)).map((c) => c.email)).toContain(email2);
  });

  it('already a coach or an athlete of the organization: clear 409s, the invitation stays pending', async () => {
    const email = uniqueEmail('both');
    const { invitation, token } = await invite(email);
    const user = await makeUser(server(), email);
    expect((await post({ email })).status).toBe(201); // the account exists now: added at once
    const res = await accept(token, undefined, user.token);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('already_coach');

    const athleteEmail = uniqueEmail('athlete');
    const inv2 = await invite(athleteEmail);
    const athleteUser = await makeUser(server(), athleteEmail);
    expect((await request(server(), 'POST', path('/athletes'), { token: head.token, json: { email: athleteEmail } })).status).toBe(201);
    const before = await snapshot(server());
    const refused = await accept(inv2.token, undefined, athleteUser.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('already_athlete');
    expect(await snapshot(server())).toBe(before);
    expect((await post({ email: athleteEmail })).body.error?.code).toBe('already_athlete');
    expect((await list('?status=pending')).data.map((i) => i.id)).toEqual(expect.arrayContaining([invitation.id, inv2.invitation.id]));
  });

  it('racing accepts of one link: exactly one wins', async () => {
    const email = uniqueEmail('race');
    const { token } = await invite(email);
    const user = await makeUser(server(), email);
    const results = await Promise.all(Array.from({ length: 12 }, () => accept(token, undefined, user.token)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expect(['invitation_invalid', 'already_coach']).toContain(r.body.error?.code);
    expect((await coaches(server(), head)).filter((c) => c.email === email)).toHaveLength(1);

    const fresh = uniqueEmail('race-new');
    const two = await invite(fresh);
    const account = { first_name: 'R', last_name: 'Acer', email: fresh, password: 'long-enough-pw' };
    const pair = await Promise.all([accept(two.token, account), accept(two.token, account)]);
    expect(pair.map((r) => r.status).sort()).toEqual([201, 404]);
    const { rows } = await server().db.query('SELECT id FROM users WHERE email = $1', [fresh]);
    expect(rows).toHaveLength(1);
  });

  it('resend: a new email and link, older links keep working; inviting the same email again is a resend; revoke stops every link', async () => {
    const email = uniqueEmail('resend');
    const first = await invite(email, 'Rae');
    const res = await request<CoachInvitation>(server(), 'POST', path(`/coach-invitations/${first.invitation.id}/resend`), { token: head.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: first.invitation.id, send_count: 2, email_status: 'queued' });
    await expect.poll(() => mails.sent.filter((m) => m.to === email).length).toBe(2);
    const again = await invite(email);
    expect(again.invitation).toMatchObject({ id: first.invitation.id, send_count: 3, first_name: 'Rae' });
    const tokens = mails.sent.filter((m) => m.to === email).map((m) => tokenOf(linkIn(m.text)));
    expect(new Set(tokens).size).toBe(3);
    for (const t of tokens) expect((await fetch(`${server().url}/join/${t}`)).status).toBe(200);

    const revoked = await request<CoachInvitation>(server(), 'DELETE', path(`/coach-invitations/${first.invitation.id}`), { token: head.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await request(server(), 'DELETE', path(`/coach-invitations/${first.invitation.id}`), { token: head.token })).status).toBe(200);
    const resendRevoked = await request<ErrorBody>(server(), 'POST', path(`/coach-invitations/${first.invitation.id}/resend`), { token: head.token });
    expect(resendRevoked.status).toBe(409);
    expect(resendRevoked.body.error.code).toBe('not_pending');
    for (const t of tokens) expect((await fetch(`${server().url}/join/${t}`)).status).toBe(404);
  });

  it('revoked, expired, used and unknown links get one answer on the API and one page', async () => {
    const revokedInv = await invite(uniqueEmail('rev'));
    await request(server(), 'DELETE', path(`/coach-invitations/${revokedInv.invitation.id}`), { token: head.token });
    const expiredInv = await invite(uniqueEmail('exp'));
    await server().db.query(`UPDATE coach_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expiredInv.invitation.id]);
    expect((await list('?status=expired')).data.map((i) => i.id)).toContain(expiredInv.invitation.id);
    const unknown = 'A'.repeat(43);
    const answers = await Promise.all([revokedInv.token, expiredInv.token, unknown].map((t) => accept(t, { first_name: 'X', last_name: 'Y', email: 'x@y.test', password: 'long-enough-pw' })));
    expect(new Set(answers.map((a) => `${a.status} ${a.text}`)).size).toBe(1);
    expect(answers[0]?.status).toBe(404);
    const pages = await Promise.all([revokedInv.token, expiredInv.token, unknown].map(async (t) => {
      const r = await fetch(`${server().url}/join/${t}`);
      return `${r.status} ${await r.text()}`;
    }));
    expect(new Set(pages).size).toBe(1);
    // Inviting the expired email again makes a new pending invitation (the expired one is closed).
    const renewed = await post({ email: expiredInv.invitation.email });
    expect(renewed.status).toBe(202);
    expect(renewed.body.invitation.id).not.toBe(expiredInv.invitation.id);
  });

  it('only the signed-in head coach: a coach and an API key get 403, another organization 403, and nothing changes', async () => {
    const { invitation } = await invite(uniqueEmail('perm'));
    const c1 = await login(server(), COACH1);
    const key = await createKey(server(), head, 'Coach invitations');
    const other = await createOtherOrganization(server());
    const before = await snapshot(server());
    const calls: [string, string, unknown?][] = [
      ['POST', '/coaches', { email: uniqueEmail('no') }],
      ['GET', '/coach-invitations'],
      ['DELETE', `/coach-invitations/${invitation.id}`],
      ['POST', `/coach-invitations/${invitation.id}/resend`],
    ];
    for (const [method, p, json] of calls) {
      const byCoach = await request<ErrorBody>(server(), method, path(p), { token: c1.token, json });
      expect(byCoach.status, `${method} ${p}`).toBe(403);
      expect(byCoach.body.error.code).toBe('forbidden');
      expect((await request(server(), method, path(p), withKey(key.key, json))).status, `key ${method} ${p}`).toBe(403);
      expect((await request(server(), method, path(p), { json })).status).toBe(401);
      expect((await request(server(), method, path(p), { token: other.token, json })).status, `other org ${method} ${p}`).toBe(403);
    }
    expect(await snapshot(server())).toBe(before);
    expect((await list()).data.find((i) => i.id === invitation.id)?.status).toBe('pending');
    expect((await request(server(), 'DELETE', path(`/coach-invitations/${crypto.randomUUID()}`), { token: head.token })).status).toBe(404);
    expect((await request(server(), 'DELETE', path('/coach-invitations/not-a-uuid'), { token: head.token })).status).toBe(404);
  });

  it('bad input is a 400 naming the field and invites nobody; invite: false asks first (404 user_not_found)', async () => {
    const before = (await list('?limit=200')).data.length;
    for (const [json, field] of [
      [{}, 'email'],
      [{ email: 'not-an-email' }, 'email'],
      [{ email: uniqueEmail(), first_name: 'A\nB' }, 'first_name'],
      [{ email: uniqueEmail(), first_name: 'x'.repeat(81) }, 'first_name'],
      [{ email: uniqueEmail(), invite: 'yes' }, 'invite'],
      [{ email: uniqueEmail(), token: 'x' }, 'token'],
    ] as const) {
      const res = await post(json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.field, JSON.stringify(json)).toBe(field);
    }
    for (const [q, field] of [['?status=bogus', 'status'], ['?limit=0', 'limit'], ['?cursor=%21%21', 'cursor'], ['?cursor=WzFd', 'cursor']] as const) {
      const res = await request<ErrorBody>(server(), 'GET', path(`/coach-invitations${q}`), { token: head.token });
      expect(res.status, q).toBe(400);
      expect(res.body.error.field, q).toBe(field);
    }
    const ask = await post({ email: 'nobody@nowhere.test', invite: false });
    expect(ask.status).toBe(404);
    expect(ask.body.error).toMatchObject({ code: 'user_not_found', field: 'email' });
    expect((await list('?limit=200')).data.length).toBe(before);
    const page = await list('?limit=2');
    expect(page.data).toHaveLength(2);
    const next = await list(`?limit=2&cursor=${page.next_cursor ?? ''}`);
    expect(next.data[0]?.id).not.toBe(page.data[1]?.id);
  });

  it('accepting is rate limited like athlete invitations: past 10 typing failures on one link, 429', async () => {
    const { token } = await invite(uniqueEmail('limit'));
    for (let i = 0; i < 10; i += 1) {
      const res = await accept(token, { first_name: 'A', last_name: 'B', email: uniqueEmail('wrong'), password: 'long-enough-pw' });
      expect(res.body.error?.code).toBe('email_mismatch');
    }
    const limited = await accept(token, { first_name: 'A', last_name: 'B', email: uniqueEmail('wrong'), password: 'long-enough-pw' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    const page = await postForm(server(), token, { mode: 'existing', email: 'x@y.test', password: 'whatever-1' });
    expect(page.status).toBe(429);
  });
});

