/**
 * Private notes and labels (coach-only fields, DESIGN.md "Security baseline") never reach an
 * athlete. A unique marker is planted in an athlete's private notes and labels; then everything an
 * athlete can reach is read and searched for it: /me and /config with their token, every route of
 * the OpenAPI document and every sync endpoint called with their token, the join page (GET, and the
 * POST of its "I already have an account" form), the accept answer (already a member, a new
 * account, joining another organization), and what the other organization's coach then sees of
 * them. A control read by the head coach proves the marker is there to be found.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import { SYNC_COLLECTIONS, syncBasePath } from '../../shared/sync/protocol';
import { DEMO_PASSWORD, HEAD, createOtherOrganization, describeOnBackends, login, request, type Session, type TestServer } from './helpers';
import { accept, invite, newAccount, tokenOf, uniqueEmail } from './invitations-helpers';
import { athleteSession, orgPath, streamStatus } from './role-helpers';

type Seen = { what: string; text: string };

/** Every documented route, called with `token` (ids: the marked athlete, others unknown; body {}). */
async function everyRoute(server: TestServer, token: string, orgId: string, athleteId: string): Promise<Seen[]> {
  const doc = await request<{ paths: Record<string, Record<string, unknown>> }>(server, 'GET', '/api/v1/openapi.json');
  const seen: Seen[] = [];
  for (const [template, ops] of Object.entries(doc.body.paths)) {
    for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
      if (template === '/auth/logout' || template.endsWith('/auth/logout')) continue; // would end the session being tested
      const fill: Record<string, string> = { org_id: orgId, athlete_id: athleteId, token: 'x'.repeat(43), provider: 'strava' };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => fill[name] ?? randomUUID());
      const res = await request(server, method, path.startsWith('/api/v1') ? path : `/api/v1${path}`, { token, ...(['POST', 'PATCH', 'PUT'].includes(method) ? { json: {} } : {}) });
      seen.push({ what: `${method} ${template} (${res.status})`, text: res.text });
    }
  }
  const base = syncBasePath(orgId);
  for (const c of SYNC_COLLECTIONS) {
    const pull = await request(server, 'GET', `${base}/${c}/pull?seq=0&limit=1000`, { token });
    const push = await request(server, 'POST', `${base}/${c}/push`, { token, json: { rows: [] } });
    seen.push({ what: `pull ${c} (${pull.status})`, text: pull.text }, { what: `push ${c} (${push.status})`, text: push.text });
  }
  const stream = await streamStatus(server, `${base}/stream`, { token });
  seen.push({ what: `stream (${stream.status})`, text: stream.text });
  return seen;
}

const leaks = (seen: Seen[], markers: string[]) => seen.filter((s) => markers.some((m) => s.text.includes(m))).map((s) => s.what);

describeOnBackends('private notes never reach an athlete', (server) => {
  it('no athlete-facing answer or page carries private notes or coach labels', async () => {
    const head = await login(server(), HEAD);
    const marker = `pn${randomBytes(8).toString('hex')}`;
    const label = `@${marker}`;
    const plant = async (athleteId: string) => {
      const res = await request<Athlete>(server(), 'PATCH', orgPath(head.orgId, `/athletes/${athleteId}`), {
        token: head.token,
        json: { private_notes: `Knee injury, do not tell: ${marker}`, labels: [label] },
      });
      expect(res.status, res.text).toBe(200);
    };
    const athlete = await athleteSession(server(), head, 3);
    await plant(athlete.athlete.id);

    // Control: a coach's answer has the marker, so a search that finds nothing below means something.
    const control = await request(server(), 'GET', orgPath(head.orgId, `/athletes/${athlete.athlete.id}`), { token: head.token });
    expect(control.text).toContain(marker);
    expect(control.text).toContain(label);

    const seen: Seen[] = [];
    const note = (what: string, res: { status: number; text: string }) => seen.push({ what: `${what} (${res.status})`, text: res.text });
    note('GET /me', await request(server(), 'GET', '/api/v1/me', { token: athlete.token }));
    note('GET /config', await request(server(), 'GET', '/api/v1/config', { token: athlete.token }));
    seen.push(...(await everyRoute(server(), athlete.token, head.orgId, athlete.athlete.id)));

    // The join page and the accept answers of an athlete who is already a member.
    const multi = await invite(server(), head, { type: 'multi_use', max_uses: 5 });
    const link = tokenOf(multi.url);
    note('GET /join (multi use)', await request(server(), 'GET', `/join/${link}`));
    note('accept with a session, already a member', await accept(server(), link, undefined, athlete.token));
    note('accept with credentials, already a member', await accept(server(), link, { email: athlete.athlete.email, password: DEMO_PASSWORD }));
    const form = new URLSearchParams({ mode: 'existing', email: athlete.athlete.email, password: DEMO_PASSWORD });
    const posted = await fetch(`${server().url}/join/${link}`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    note('POST /join existing account', { status: posted.status, text: await posted.text() });
    const single = await invite(server(), head, { type: 'single_use', first_name: 'Nia', email: uniqueEmail('single') });
    note('GET /join (single use)', await request(server(), 'GET', `/join/${tokenOf(single.url)}`));

    // A new athlete joins, a coach writes notes about them, and they read everything they can.
    const email = uniqueEmail('joiner');
    const joined = await accept(server(), link, newAccount(email));
    expect(joined.status, joined.text).toBe(201);
    note('accept answer, new account', joined);
    await plant(joined.body.athlete_id);
    const joiner: Session = await login(server(), email, 'long-enough-pw');
    note('GET /me (joined)', await request(server(), 'GET', '/api/v1/me', { token: joiner.token }));
    note('accept again (joined)', await accept(server(), link, undefined, joiner.token));
    seen.push(...(await everyRoute(server(), joiner.token, head.orgId, joined.body.athlete_id)).map((s) => ({ ...s, what: `joined: ${s.what}` })));

    // The athlete joins another organization: nothing of this one's notes travels with them.
    const other = await createOtherOrganization(server());
    const otherHead = { token: other.token, orgId: other.orgId, userId: '', role: 'head_coach' };
    const otherInvite = await invite(server(), otherHead, { type: 'multi_use', max_uses: 1 });
    const crossed = await accept(server(), tokenOf(otherInvite.url), undefined, athlete.token);
    expect(crossed.status, crossed.text).toBe(201);
    note('accept into another organization', crossed);
    note('other organization reads the athlete', await request(server(), 'GET', orgPath(other.orgId, `/athletes/${crossed.body.athlete_id}`), { token: other.token }));
    note('other organization pulls athletes', await request(server(), 'GET', `${syncBasePath(other.orgId)}/athletes/pull?seq=0&limit=1000`, { token: other.token }));

    expect(leaks(seen, [marker, label])).toEqual([]);
    expect(seen.length).toBeGreaterThan(100);
    console.info(`[permissions-private] ${server().backend}: ${seen.length} athlete-facing answers and pages searched, 0 carry the marker`);
  });
});
