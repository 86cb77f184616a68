import { expect, it } from 'vitest';
import { COACH1, describeOnBackends, login, request, type Session, type TestServer } from './helpers';
import { demoIds, invitationDoc, invite, makeUser, recordMail, tokenOf, uniqueEmail } from './invitations-helpers';
import { headSession, orgPath } from './role-helpers';

type Page = { status: number; html: string; headers: Headers };

async function getPage(server: TestServer, token: string): Promise<Page> {
  const res = await fetch(`${server.url}/join/${token}`);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

async function postForm(server: TestServer, token: string, fields: Record<string, string>): Promise<Page> {
  const res = await fetch(`${server.url}/join/${token}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

describeOnBackends('join page', (server) => {
  let head: Session;
  let ids: { groupId: string; planId: string };

  it('GET shows the organization, the inviting coach and both forms, with strict headers; single use prefills and fixes the email', async () => {
    head = await headSession(server());
    ids = await demoIds(server(), head);
    recordMail(server());
    const coach = await login(server(), COACH1);
    const email = uniqueEmail('ada');
    const inv = await invite(server(), coach, { type: 'single_use', first_name: 'Ada', email });
    const p = await getPage(server(), tokenOf(inv.url));
    expect(p.status).toBe(200);
    expect(p.headers.get('content-type')).toMatch(/^text\/html/);
    expect(p.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    expect(p.headers.get('referrer-policy')).toBe('no-referrer');
    expect(p.headers.get('cache-control')).toBe('no-store');
    expect(p.html).toContain('Coach Marcus Okafor invites you to join Demo Running Club');
    expect(p.html).toContain('name="viewport"');
    expect(p.html).not.toContain('<script');
    expect(p.html).toMatch(/id="first_name"[^>]*value="Ada"/);
    expect(p.html).toMatch(/id="email"[^>]*value="[^"]*"[^>]*readonly/);
    expect(p.html).toContain('I already have an account');
  });

  it('POST new: creates the account and joins with group and plan; the account signs in; the link is then used up', async () => {
    const email = uniqueEmail('neo');
    const inv = await invite(server(), head, { type: 'single_use', first_name: 'Neo', email, group_id: ids.groupId, training_plan_id: ids.planId });
    const token = tokenOf(inv.url);
    const p = await postForm(server(), token, { mode: 'new', first_name: 'Neo', last_name: 'Ander', email: 'ignored@example.test', password: 'long-enough-pw', password_confirm: 'long-enough-pw' });
    expect(p.status).toBe(200);
    expect(p.html).toContain("You're in.");
    expect(p.html).toContain('Your coach will see you in the roster.');
    expect(p.html).toContain(`Sign in to Astral with <strong>${email}</strong>`);
    const doc = await invitationDoc(server(), head.orgId, inv.id);
    expect(doc).toMatchObject({ status: 'accepted', uses: 1 });
    const athlete = await request<{ group_ids: string[]; first_name: string }>(server(), 'GET', orgPath(head.orgId, `/athletes/${doc.accepted_athlete_id}`), { token: head.token });
    expect(athlete.body).toMatchObject({ first_name: 'Neo', group_ids: [ids.groupId] });
    const plans = await request<{ data: { training_plan_id: string }[] }>(server(), 'GET', orgPath(head.orgId, `/athletes/${doc.accepted_athlete_id}/plans`), { token: head.token });
    expect(plans.body.data.map((a) => a.training_plan_id)).toEqual([ids.planId]);
    await login(server(), email, 'long-enough-pw');
    const again = await getPage(server(), token);
    expect(again.status).toBe(404);
  });

  it('POST new with mistakes re-renders the form with errors next to the fields and the values, never the password', async () => {
    const inv = await invite(server(), head, { type: 'multi_use' });
    const p = await postForm(server(), tokenOf(inv.url), { mode: 'new', first_name: 'Kim', last_name: '', email: 'not-an-email', password: 'secret-pw-123', password_confirm: 'other-pw-123' });
    expect(p.status).toBe(400);
    expect(p.html).toMatch(/id="first_name"[^>]*value="Kim"/);
    expect(p.html).toMatch(/id="last_name"[^>]*aria-invalid="true"/);
    expect(p.html).toMatch(/id="email"[^>]*value="not-an-email"[^>]*aria-invalid="true"/);
    expect(p.html).toContain('The two passwords differ.');
    expect(p.html).not.toContain('secret-pw-123');
    expect(p.html).not.toContain('other-pw-123');
  });

  it('POST existing: right password joins, wrong password is an error on the form, a second time is already a member', async () => {
    const inv = await invite(server(), head, { type: 'multi_use' });
    const token = tokenOf(inv.url);
    const user = await makeUser(server());
    const wrong = await postForm(server(), token, { mode: 'existing', email: user.email, password: 'not-the-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Wrong email or password.');
    expect(wrong.html).toMatch(new RegExp(`id="existing_email"[^>]*value="${user.email}"`));
    expect(wrong.html).not.toContain('not-the-password');
    // An email the database could not even compare (a NUL, a lone surrogate) is refused on the form, before any lookup.
    for (const email of [`${user.email}\u0000`, `a\uDFFF@example.test`]) {
      const bad = await postForm(server(), token, { mode: 'existing', email, password: 'long-enough-pw' });
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('This email must be a valid email address.');
    }
    const ok = await postForm(server(), token, { mode: 'existing', email: user.email, password: 'long-enough-pw' });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain(user.email);
    const twice = await postForm(server(), token, { mode: 'existing', email: user.email, password: 'long-enough-pw' });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('already a member of Demo Running Club');
    expect((await invitationDoc(server(), head.orgId, inv.id)).uses).toBe(1);
  });

  it('POST new with an email that has an account says to sign in instead', async () => {
    const inv = await invite(server(), head, { type: 'multi_use' });
    const user = await makeUser(server());
    const p = await postForm(server(), tokenOf(inv.url), { mode: 'new', first_name: 'A', last_name: 'B', email: user.email, password: 'long-enough-pw', password_confirm: 'long-enough-pw' });
    expect(p.status).toBe(409);
    expect(p.html).toContain('already exists');
  });

  it('unknown, used, expired and revoked links all get the same page', async () => {
    const revoked = await invite(server(), head, { type: 'multi_use' });
    await request(server(), 'DELETE', orgPath(head.orgId, `/invitations/${revoked.id}`), { token: head.token });
    const expiring = await invite(server(), head, { type: 'multi_use', expires_at: new Date(Date.now() + 1500).toISOString() });
    await new Promise((r) => setTimeout(r, 1600));
    const unknown = await getPage(server(), 'A'.repeat(43));
    const garbage = await getPage(server(), '%3Cscript%3E');
    const pages = [unknown, garbage, await getPage(server(), tokenOf(revoked.url)), await getPage(server(), tokenOf(expiring.url))];
    for (const p of pages) {
      expect(p.status).toBe(404);
      expect(p.html).toBe(unknown.html);
      expect(p.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const posted = await postForm(server(), tokenOf(revoked.url), { mode: 'existing', email: 'x@example.test', password: 'whatever-pw' });
    expect(posted.status).toBe(404);
    expect(posted.html).toBe(unknown.html);
  });

  it('names are escaped: a script in the organization, coach or invitee name is text', async () => {
    const evil = '<script>alert(1)</script>"\'&';
    await server().db.query('UPDATE organizations SET name = $2 WHERE id = $1', [head.orgId, `Club ${evil}`]);
    try {
      const inv = await invite(server(), head, { type: 'single_use', first_name: `Eve ${evil}`, email: uniqueEmail('eve') });
      const p = await getPage(server(), tokenOf(inv.url));
      expect(p.html).not.toContain('<script>');
      expect(p.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
      const bad = await postForm(server(), tokenOf(inv.url), { mode: 'new', first_name: evil, last_name: '', password: 'x', password_confirm: 'x' });
      expect(bad.html).not.toContain('<script>');
    } finally {
      await server().db.query("UPDATE organizations SET name = 'Demo Running Club' WHERE id = $1", [head.orgId]);
    }
  });
});
