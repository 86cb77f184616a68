import { expect, it } from 'vitest';
import { hashToken, newToken } from '../../server/invitations/tokens';
import type { Invitation } from '../../shared/domain/invitation';
import type { CoachMembership } from '../../shared/domain/organization';
import { COACH1, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { accept, demoIds, invite, makeUser, newAccount, recordMail, uniqueEmail } from './invitations-helpers';
import { openSse } from './sse';

type D<T> = T & { _deleted: boolean };
type Push = { conflicts: D<Invitation>[]; rejections: { id: string; code: string; message: string; field?: string }[] };
const stamp = '1999-01-01T00:00:00.000Z';

describeOnBackends('invitations through sync', (server) => {
  let s: Session;
  let coachId: string;
  let otherCoachId: string;
  let ids: { groupId: string; planId: string };
  const base = () => `/sync/v2/orgs/${s.orgId}`;
  const pull = async () => (await request<{ documents: D<Invitation>[] }>(server(), 'GET', `${base()}/invitations/pull?seq=0&limit=1000`, { token: s.token })).body.documents;
  const one = async (id: string) => (await pull()).find((d) => d.id === id)!;
  const push = (rows: { newDocumentState: unknown; assumedMasterState?: unknown }[]) => request<Push>(server(), 'POST', `${base()}/invitations/push`, { token: s.token, json: { rows } });
  const change = async (id: string, edit: Partial<D<Invitation>>) => {
    const master = await one(id);
    return push([{ newDocumentState: { ...master, ...edit }, assumedMasterState: master }]);
  };
  const fresh = (over: Partial<D<Invitation>> = {}): { doc: D<Invitation>; token: string } => {
    const token = newToken();
    const doc: D<Invitation> = {
      id: crypto.randomUUID(), type: 'multi_use', first_name: null, email: null, group_id: null, training_plan_id: null, plan_start_date: null,
      max_uses: null, expires_at: null, status: 'pending', uses: 0, accepted_athlete_id: null, accepted_at: null, link_token_hash: hashToken(token),
      send_count: 0, email_status: 'none', email_error: null, last_sent_at: null, created_by: coachId, revoked_at: null,
      created_at: stamp, updated_at: stamp, _deleted: false, ...over,
    };
    return { doc, token };
  };
  const single = (over: Partial<D<Invitation>> = {}) => fresh({ type: 'single_use', first_name: 'Offline', email: uniqueEmail('off'), send_count: 1, email_status: 'queued', ...over });

  it('an invitation made offline is stored on push; its link works once synced; the email goes out and "sent" replicates', async () => {
    s = await login(server(), COACH1);
    const coaches = (await request<{ documents: D<CoachMembership>[] }>(server(), 'GET', `${base()}/coaches/pull?seq=0&limit=100`, { token: s.token })).body.documents;
    coachId = coaches.find((c) => c.user_id === s.userId)!.id;
    otherCoachId = coaches.find((c) => c.user_id !== s.userId)!.id;
    ids = await demoIds(server(), s);
    const mail = recordMail(server());
    const { doc, token } = single({ group_id: ids.groupId, training_plan_id: ids.planId });
    expect((await fetch(`${server().url}/join/${token}`)).status).toBe(404);
    const res = await push([{ newDocumentState: doc }]);
    expect(res.body).toEqual({ conflicts: [], rejections: [] });
    expect((await fetch(`${server().url}/join/${token}`)).status).toBe(200);
    await expect.poll(() => mail.sent.length).toBe(1);
    expect(mail.sent[0]?.to).toBe(doc.email);
    await expect.poll(async () => (await one(doc.id)).email_status).toBe('sent');
    const joined = await accept(server(), token, newAccount(doc.email ?? ''));
    expect(joined.status).toBe(201);
    expect((await one(doc.id)).status).toBe('accepted');
  });

  it('forged server fields and broken type rules are refused with the field named, and nothing is stored', async () => {
    const before = await snapshot(server());
    const cases: [Partial<D<Invitation>>, string][] = [
      [{ status: 'accepted' }, 'status'],
      [{ uses: 3 }, 'uses'],
      [{ email_status: 'sent' }, 'email_status'],
      [{ accepted_athlete_id: crypto.randomUUID() }, 'accepted_athlete_id'],
      [{ revoked_at: stamp }, 'revoked_at'],
      [{ created_by: otherCoachId }, 'created_by'],
      [{ email: uniqueEmail() }, 'email'],
      [{ send_count: 1 }, 'send_count'],
      [{ expires_at: '2000-01-01T00:00:00.000Z' }, 'expires_at'],
      [{ group_id: crypto.randomUUID() }, 'group_id'],
      [{ training_plan_id: crypto.randomUUID() }, 'training_plan_id'],
      [{ link_token_hash: 'abc' }, 'link_token_hash'],
    ];
    for (const [over, field] of cases) {
      const { doc } = fresh(over);
      const res = await push([{ newDocumentState: doc }]);
      expect(res.body.rejections, field).toHaveLength(1);
      expect(res.body.rejections[0]?.field, JSON.stringify(over)).toBe(field);
    }
    const noEmail = single({ email: null });
    expect((await push([{ newDocumentState: noEmail.doc }])).body.rejections[0]?.field).toBe('email');
    const limited = single({ max_uses: 2 });
    expect((await push([{ newDocumentState: limited.doc }])).body.rejections[0]?.field).toBe('max_uses');
    expect(await snapshot(server())).toBe(before);
  });

  it('changes: revoke, resend +1, a new link (old ones keep working); everything else is refused; no deletes', async () => {
    recordMail(server());
    const { doc, token } = single();
    await push([{ newDocumentState: doc }]);
    // Each email's outcome is written back (email_status, last_sent_at) after the commit; wait for
    // it before the next change, or that change races the write and comes back as a conflict.
    await expect.poll(async () => (await one(doc.id)).email_status).toBe('sent');
    const firstSent = (await one(doc.id)).last_sent_at;
    const resent = await change(doc.id, { send_count: 2 });
    expect(resent.body).toEqual({ conflicts: [], rejections: [] });
    await expect.poll(async () => (await one(doc.id)).last_sent_at).not.toBe(firstSent);
    expect((await change(doc.id, { send_count: 4 })).body.rejections[0]?.field).toBe('send_count');
    for (const [edit, field] of [[{ email: uniqueEmail() }, 'email'], [{ uses: 1 }, 'uses'], [{ group_id: ids.groupId }, 'group_id'], [{ status: 'accepted' }, 'status'], [{ email_status: 'failed' }, 'email_status']] as const) {
      const res = await change(doc.id, edit as Partial<D<Invitation>>);
      expect(res.body.rejections[0]?.field, field).toBe(field);
      expect(res.body.conflicts).toHaveLength(1);
    }
    const deleted = await change(doc.id, { _deleted: true });
    expect(deleted.body.rejections[0]?.message).toMatch(/revoke it instead/);
    const second = newToken();
    expect((await change(doc.id, { link_token_hash: hashToken(second) })).body.rejections).toEqual([]);
    expect((await fetch(`${server().url}/join/${second}`)).status).toBe(200);
    expect((await fetch(`${server().url}/join/${token}`)).status).toBe(200);
    const other = fresh();
    await push([{ newDocumentState: other.doc }]);
    const stolen = await change(doc.id, { link_token_hash: other.doc.link_token_hash });
    expect(stolen.body.rejections[0]).toMatchObject({ code: 'conflict', field: 'link_token_hash' });
    const revoked = await change(doc.id, { status: 'revoked', revoked_at: new Date().toISOString() });
    expect(revoked.body.rejections).toEqual([]);
    expect((await fetch(`${server().url}/join/${second}`)).status).toBe(404);
    expect((await change(doc.id, { send_count: 3 })).body.rejections[0]?.field).toBe('status');
    expect((await change(doc.id, { status: 'pending', revoked_at: null })).body.rejections[0]?.field).toBe('status');
  });

  it('live: a coach stream sees the invitation, then the new athlete with group and plan the moment they accept', async () => {
    const stream = await openSse(`${server().url}${base()}/stream`, { authorization: `Bearer ${s.token}` });
    try {
      await stream.next((e) => e.event === 'ready');
      const inv = await invite(server(), s, { type: 'multi_use', group_id: ids.groupId, training_plan_id: ids.planId });
      await stream.next((e) => e.data.includes(inv.id));
      const user = await makeUser(server());
      const res = await accept(server(), inv.url.slice(inv.url.lastIndexOf('/') + 1), undefined, user.token);
      expect(res.status).toBe(201);
      const athleteEvent = await stream.next((e) => e.data.includes('"athletes"') && e.data.includes(res.body.athlete_id));
      expect(athleteEvent.data).toContain(ids.groupId);
      await stream.next((e) => e.data.includes('"plan_assignments"') && e.data.includes(res.body.athlete_id));
    } finally {
      stream.close();
    }
  });
});
