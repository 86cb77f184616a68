import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership } from '../../shared/domain/organization';
import type { StreamChange } from '../../shared/sync/protocol';
import { COACH1, COACH2, FREE_AGENT, HEAD, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { openSse } from './sse';

type Doc = Athlete & { _deleted: boolean };
type Pull<T = Doc> = { documents: T[]; checkpoint: { seq: number } | null };
type Push<T = Doc> = { conflicts: T[]; rejections: { id: string; code: string; message: string; field?: string }[] };
type ErrorBody = { error: { code: string; message: string; field?: string } };

const ATHLETE_KEYS = [
  '_deleted', 'coach_ids', 'created_at', 'display_name', 'email', 'first_name', 'goal_race', 'group_ids', 'id', 'integrations', 'labels',
  'last_name', 'max_hr', 'member_level', 'private_notes', 'resting_hr', 'status', 'target_pace_s_per_km', 'updated_at', 'user_id',
];

describeOnBackends('sync endpoints', (server) => {
  let coach: Session;
  let head: Session;
  const base = () => `/sync/v2/orgs/${coach.orgId}`;
  const pull = <T = Doc>(collection: string, seq: number, limit = 200, token = coach.token) =>
    request<Pull<T>>(server(), 'GET', `${base()}/${collection}/pull?seq=${seq}&limit=${limit}`, { token });
  const push = <T = Doc>(collection: string, rows: unknown[], token = coach.token) => request<Push<T>>(server(), 'POST', `${base()}/${collection}/push`, { token, json: { rows } });
  const current = async (id: string): Promise<Doc> => {
    const all = (await pull('athletes', 0, 1000)).body.documents;
    return all.find((d) => d.id === id)!;
  };
  const findAthlete = async (predicate: (a: Doc) => boolean) => (await pull('athletes', 0, 1000)).body.documents.find(predicate)!;

  it('pulls by checkpoint in pages: every document once, in seq order, exactly the shared shape plus _deleted', async () => {
    coach = await login(server(), COACH1);
    head = await login(server(), HEAD);
    const seen: Doc[] = [];
    let seq = 0;
    for (let i = 0; i < 20; i++) {
      const res = await pull('athletes', seq, 10);
      expect(res.status).toBe(200);
      if (res.body.checkpoint === null) {
        expect(res.body.documents).toEqual([]);
        break;
      }
      expect(res.body.documents.length).toBeLessThanOrEqual(10);
      expect(res.body.checkpoint.seq).toBeGreaterThan(seq);
      seen.push(...res.body.documents);
      seq = res.body.checkpoint.seq;
    }
    expect(seen).toHaveLength(44);
    expect(new Set(seen.map((d) => d.id)).size).toBe(44);
    for (const d of seen) {
      expect(Object.keys(d).sort()).toEqual(ATHLETE_KEYS);
      expect(d._deleted).toBe(false);
    }
    const coaches = await pull<CoachMembership & { _deleted: boolean }>('coaches', 0);
    expect(coaches.body.documents.map((c) => c.email).sort()).toEqual(['coach1@demo.local', 'coach2@demo.local', 'headcoach@demo.local']);
    expect((await pull('groups', 0)).body.documents).toHaveLength(4);
  });

  it('accepts a push: server sets updated_at, keeps created_at, assigns a new seq; a retry is a no-op', async () => {
    const doc = await findAthlete((a) => a.first_name === 'José');
    const { checkpoint } = (await pull('athletes', 0, 1000)).body;
    const next = { ...doc, display_name: 'Pepito', updated_at: '1999-01-01T00:00:00.000Z', created_at: '1999-01-01T00:00:00.000Z' };
    const res = await push('athletes', [{ newDocumentState: next, assumedMasterState: doc }]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ conflicts: [], rejections: [] });
    const after = await pull('athletes', checkpoint!.seq);
    expect(after.body.documents).toHaveLength(1);
    const stored = after.body.documents[0]!;
    expect(stored).toMatchObject({ id: doc.id, display_name: 'Pepito', created_at: doc.created_at });
    expect(stored.updated_at > doc.updated_at).toBe(true);
    expect(after.body.checkpoint!.seq).toBeGreaterThan(checkpoint!.seq);

    // RxDB retries when an answer is lost: same rows again -> no conflict, no write.
    const before = await snapshot(server());
    const retry = await push('athletes', [{ newDocumentState: next, assumedMasterState: doc }]);
    expect(retry.body).toEqual({ conflicts: [], rejections: [] });
    expect(await snapshot(server())).toBe(before);
  });

  it('answers a stale assumed master with the server master as a conflict, writing nothing', async () => {
    const doc = await findAthlete((a) => a.first_name === 'Émile');
    const first = await push('athletes', [{ newDocumentState: { ...doc, member_level: 'national-squad' }, assumedMasterState: doc }]);
    expect(first.body).toEqual({ conflicts: [], rejections: [] });
    const master = await current(doc.id);
    const before = await snapshot(server());
    const stale = await push('athletes', [{ newDocumentState: { ...doc, status: 'inactive' }, assumedMasterState: doc }]);
    expect(stale.body).toEqual({ conflicts: [master], rejections: [] });
    const noAssumed = await push('athletes', [{ newDocumentState: { ...doc, status: 'inactive' } }]);
    expect(noAssumed.body).toEqual({ conflicts: [master], rejections: [] });
    expect(await snapshot(server())).toBe(before);
  });

  it('refuses what the role does not allow (coach changing assigned coaches) with the reason and the master', async () => {
    const doc = await findAthlete((a) => a.coach_ids.length === 0);
    const coachId = (await pull<CoachMembership>('coaches', 0)).body.documents.find((c) => c.email === COACH2)!.id;
    const before = await snapshot(server());
    const refused = await push('athletes', [{ newDocumentState: { ...doc, coach_ids: [coachId] }, assumedMasterState: doc }]);
    expect(refused.body).toEqual({
      conflicts: [doc],
      rejections: [{ id: doc.id, code: 'forbidden', field: 'coach_ids', message: 'Only the head coach can change assigned coaches.' }],
    });
    const account = await push('athletes', [{ newDocumentState: { ...doc, first_name: 'Mallory' }, assumedMasterState: doc }]);
    expect(account.body.rejections).toEqual([expect.objectContaining({ id: doc.id, code: 'forbidden', field: 'first_name' })]);
    expect(await snapshot(server())).toBe(before);
    // The head coach may assign coaches, but only coaches of this organization.
    const bogus = await push('athletes', [{ newDocumentState: { ...doc, coach_ids: [crypto.randomUUID()] }, assumedMasterState: doc }], head.token);
    expect(bogus.body.rejections).toEqual([expect.objectContaining({ code: 'invalid', field: 'coach_ids' })]);
    const ok = await push('athletes', [{ newDocumentState: { ...doc, coach_ids: [coachId] }, assumedMasterState: doc }], head.token);
    expect(ok.body).toEqual({ conflicts: [], rejections: [] });
    expect((await current(doc.id)).coach_ids).toEqual([coachId]);
  });

  it('refuses invalid rows with a readable message naming the field, returning the master', async () => {
    const doc = await findAthlete((a) => a.first_name === 'Siobhán');
    const before = await snapshot(server());
    const cases: [Record<string, unknown>, string][] = [
      [{ ...doc, status: 'retired' }, 'status'],
      [{ ...doc, labels: ['has space'] }, 'labels.0'],
      [{ ...doc, private_notes: 'x'.repeat(5001) }, 'private_notes'],
      [{ ...doc, is_admin: true }, 'is_admin'],
      [{ ...doc, _deleted: 'yes' }, '_deleted'],
      [{ ...doc, display_name: 42 }, 'display_name'],
    ];
    for (const [newDocumentState, field] of cases) {
      const res = await push('athletes', [{ newDocumentState, assumedMasterState: doc }]);
      expect(res.status).toBe(200);
      expect(res.body.rejections).toEqual([{ id: doc.id, code: 'invalid', field, message: expect.stringMatching(new RegExp(`^${field.replace('.', '\\.')}: `)) }]);
      expect(res.body.conflicts).toEqual([doc]);
    }
    const noId = await push('athletes', [{ newDocumentState: { first_name: 'x' } }]);
    expect(noId.body).toEqual({ conflicts: [], rejections: [expect.objectContaining({ id: '', code: 'invalid' })] });
    expect(await snapshot(server())).toBe(before);
  });

  it('refuses creating athletes, anything in coaches, a taken group name; another organization’s id is not found', async () => {
    const doc = await findAthlete((a) => a.first_name === 'Björn');
    const other = await createOtherOrganization(server());
    const before = await snapshot(server());
    const created = await push('athletes', [{ newDocumentState: { ...doc, id: crypto.randomUUID(), user_id: crypto.randomUUID(), email: 'new@x.test' } }]);
    expect(created.body.rejections).toEqual([expect.objectContaining({ code: 'forbidden', message: expect.stringMatching(/invitations/) })]);
    expect(created.body.conflicts).toEqual([]);
    // Removing an athlete by push is allowed to any coach: tests/server/members.test.ts.
    const theirs = { ...other.athlete, _deleted: false };
    const foreign = await push('athletes', [{ newDocumentState: { ...theirs, private_notes: 'pwned' }, assumedMasterState: theirs }]);
    expect(foreign.body).toEqual({ conflicts: [], rejections: [expect.objectContaining({ id: theirs.id, code: 'not_found' })] });
    const coachDoc = (await pull<CoachMembership & { _deleted: boolean }>('coaches', 0)).body.documents.find((c) => c.email === COACH1)!;
    const promote = await push('coaches', [{ newDocumentState: { ...coachDoc, role: 'head_coach' }, assumedMasterState: coachDoc }]);
    expect(promote.body).toEqual({ conflicts: [coachDoc], rejections: [expect.objectContaining({ code: 'forbidden' })] });
    // Groups are the coaches' to edit (sync-plans.test.ts), but a name another group has is refused.
    const [group, otherGroup] = (await pull<{ id: string; name: string; _deleted: boolean }>('groups', 0)).body.documents;
    const renamed = await push('groups', [{ newDocumentState: { ...group!, name: otherGroup!.name.toUpperCase() }, assumedMasterState: group }]);
    expect(renamed.body.rejections).toEqual([expect.objectContaining({ code: 'conflict', field: 'name' })]);
    // Through the other organization's URL: not a coach there.
    const cross = await request<ErrorBody>(server(), 'POST', `/sync/v2/orgs/${other.orgId}/athletes/push`, { token: coach.token, json: { rows: [] } });
    expect(cross.status).toBe(403);
    expect(await snapshot(server())).toBe(before);
    expect((await request<Athlete>(server(), 'GET', `/api/v1/organizations/${other.orgId}/athletes/${theirs.id}`, { token: other.token })).body.private_notes).toBe('other club notes');
  });

  it('writes the accepted rows of a mixed push and reports the others', async () => {
    const a = await findAthlete((x) => x.first_name === 'Chloé');
    const b = await findAthlete((x) => x.first_name === 'Renée');
    const res = await push('athletes', [
      { newDocumentState: { ...a, labels: [...a.labels, '@mixed'] }, assumedMasterState: a },
      { newDocumentState: { ...b, status: 'nope' }, assumedMasterState: b },
    ]);
    expect(res.body.rejections).toEqual([expect.objectContaining({ id: b.id, code: 'invalid', field: 'status' })]);
    expect(res.body.conflicts).toEqual([b]);
    expect((await current(a.id)).labels).toContain('@mixed');
  });

  it('refuses a row with a lone UTF-16 surrogate on its own; the other rows of the batch are written', async () => {
    const a = await findAthlete((x) => x.first_name === 'Chloé');
    const b = await findAthlete((x) => x.first_name === 'Renée');
    const res = await push('athletes', [
      { newDocumentState: { ...b, private_notes: 'broken \ud800 note' }, assumedMasterState: b },
      { newDocumentState: { ...a, private_notes: 'fine 🏃 note' }, assumedMasterState: a },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.rejections).toEqual([expect.objectContaining({ id: b.id, code: 'invalid', field: 'private_notes', message: expect.stringMatching(/valid Unicode/) })]);
    expect((await current(a.id)).private_notes).toBe('fine 🏃 note');
    expect((await current(b.id)).private_notes).toBe(b.private_notes);
  });

  it('refuses a pushed __proto__ key as an unknown field', async () => {
    const a = await findAthlete((x) => x.first_name === 'Chloé');
    const doc = JSON.stringify({ ...a, display_name: 'Proto' }).replace(/^\{/, '{"__proto__":{"display_name":"x"},');
    const body = `{"rows":[{"newDocumentState":${doc},"assumedMasterState":${JSON.stringify(a)}}]}`;
    const res = await request<Push>(server(), 'POST', `${base()}/athletes/push`, { token: coach.token, body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.body.rejections).toEqual([expect.objectContaining({ id: a.id, code: 'invalid', field: '__proto__' })]);
    expect((await current(a.id)).display_name).toBe(a.display_name);
  });

  it('answers bad requests with 4xx error bodies and changes nothing', async () => {
    const before = await snapshot(server());
    const free = await login(server(), FREE_AGENT);
    const cases: [string, string, Parameters<typeof request>[3], number, string][] = [
      ['GET', '/sync/v0/orgs/ORG/athletes/pull', { token: coach.token }, 426, 'client_outdated'],
      ['POST', '/sync/v3/orgs/ORG/athletes/push', { token: coach.token, json: { rows: [] } }, 426, 'client_outdated'],
      ['GET', '/sync/v3/orgs/ORG/stream', { token: coach.token }, 426, 'client_outdated'],
      ['GET', '/sync/v2/orgs/ORG/users/pull', { token: coach.token }, 404, 'not_found'],
      ['GET', '/sync/v2/orgs/not-a-uuid/athletes/pull', { token: coach.token }, 404, 'not_found'],
      ['GET', '/sync/v2/orgs/ORG/athletes/pull', {}, 401, 'unauthorized'],
      ['GET', '/sync/v2/orgs/ORG/athletes/pull', { token: free.token }, 403, 'forbidden'],
      ['GET', '/sync/v2/orgs/ORG/athletes/pull?seq=-1', { token: coach.token }, 400, 'invalid_request'],
      ['GET', '/sync/v2/orgs/ORG/athletes/pull?limit=100000', { token: coach.token }, 400, 'invalid_request'],
      ['GET', '/sync/v2/orgs/ORG/athletes/pull?seq=abc', { token: coach.token }, 400, 'invalid_request'],
      ['POST', '/sync/v2/orgs/ORG/athletes/push', { token: coach.token, body: '{"rows": [', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
      ['POST', '/sync/v2/orgs/ORG/athletes/push', { token: coach.token, json: { rows: 'all' } }, 400, 'invalid_request'],
      ['POST', '/sync/v2/orgs/ORG/athletes/push', { token: coach.token, json: { rows: [{ newDocumentState: 'x' }] } }, 400, 'invalid_request'],
      ['POST', '/sync/v2/orgs/ORG/athletes/push', { token: coach.token, json: { rows: Array.from({ length: 501 }, () => ({ newDocumentState: {} })) } }, 400, 'invalid_request'],
      ['POST', '/sync/v2/orgs/ORG/athletes/push', { token: coach.token, json: { rows: [], extra: 1 } }, 400, 'invalid_request'],
    ];
    for (const [method, path, options, status, code] of cases) {
      const res = await request<ErrorBody>(server(), method, path.replace('ORG', coach.orgId), options);
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.body.error.code, `${method} ${path}`).toBe(code);
    }
    const outdated = await request<ErrorBody>(server(), 'GET', `/sync/v0/orgs/${coach.orgId}/athletes/pull`, { token: coach.token });
    expect(outdated.body.error.message).toMatch(/older than the server.*update the app/);
    expect(await snapshot(server())).toBe(before);
  });

  it('streams committed changes live: a PATCH through the API reaches an open stream, in seq order', async () => {
    const stream = await openSse(`${server().url}${base()}/stream`, { authorization: `Bearer ${coach.token}` });
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready');
    const doc = await findAthlete((a) => a.first_name === 'Amara');
    const other = await login(server(), COACH2);
    const patched = await request<Athlete>(server(), 'PATCH', `/api/v1/organizations/${coach.orgId}/athletes/${doc.id}`, { token: other.token, json: { display_name: 'Live' } });
    expect(patched.status).toBe(200);
    const event = await stream.next((e) => e.event === 'change');
    const change = JSON.parse(event.data) as StreamChange<Doc>;
    expect(change.collection).toBe('athletes');
    expect(change.documents).toEqual([{ ...patched.body, _deleted: false }]);
    const seq = change.checkpoint.seq;
    const pulled = await pull('athletes', seq - 1);
    expect(pulled.body.documents.map((d) => d.id)).toEqual([doc.id]);

    // Many concurrent writes: each gets its own seq and the stream delivers them in seq order.
    const targets = (await pull('athletes', 0, 1000)).body.documents.slice(0, 12);
    await Promise.all(
      targets.map((t, i) => request(server(), 'PATCH', `/api/v1/organizations/${coach.orgId}/athletes/${t.id}`, { token: coach.token, json: { member_level: `level-${i}` } })),
    );
    const seqs: number[] = [];
    while (seqs.length < targets.length) {
      const e = await stream.next((x) => x.event === 'change');
      seqs.push((JSON.parse(e.data) as StreamChange).checkpoint.seq);
    }
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(targets.length);
    expect(seqs[0]).toBe(seq + 1);

    stream.close();
    await expect.poll(() => server().store.bus.listenerCount(coach.orgId)).toBe(0);
  });

  it('hands over the head-coach role live; the old head coach’s offline coach_ids edit is then refused', async () => {
    const coaches = (await pull<CoachMembership & { _deleted: boolean }>('coaches', 0)).body.documents;
    const coach1 = coaches.find((c) => c.email === COACH1)!;
    const headDoc = coaches.find((c) => c.email === HEAD)!;
    const doc = await findAthlete((a) => a.coach_ids.length === 0);
    // A coach cannot hand over the role; unknown targets are 404; bad bodies 400.
    const notHead = await request<ErrorBody>(server(), 'PATCH', `/api/v1/organizations/${coach.orgId}/coaches/${coach1.id}`, { token: coach.token, json: { role: 'head_coach' } });
    expect(notHead.status).toBe(403);
    expect((await request(server(), 'PATCH', `/api/v1/organizations/${coach.orgId}/coaches/${crypto.randomUUID()}`, { token: head.token, json: { role: 'head_coach' } })).status).toBe(404);
    expect((await request(server(), 'PATCH', `/api/v1/organizations/${coach.orgId}/coaches/${coach1.id}`, { token: head.token, json: { role: 'coach' } })).status).toBe(400);
    expect((await request(server(), 'PATCH', `/api/v1/organizations/${coach.orgId}/coaches/${coach1.id}`, { token: head.token, json: { role: 'head_coach', email: 'x@y.z' } })).status).toBe(400);
    const already = await request<CoachMembership>(server(), 'PATCH', `/api/v1/organizations/${coach.orgId}/coaches/${headDoc.id}`, { token: head.token, json: { role: 'head_coach' } });
    expect(already.status).toBe(200);
    expect(already.body.role).toBe('head_coach');

    const stream = await openSse(`${server().url}${base()}/stream`, { authorization: `Bearer ${coach.token}` });
    await stream.next((e) => e.event === 'ready');
    const handed = await request<CoachMembership>(server(), 'PATCH', `/api/v1/organizations/${coach.orgId}/coaches/${coach1.id}`, { token: head.token, json: { role: 'head_coach' } });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ id: coach1.id, role: 'head_coach' });
    const change = JSON.parse((await stream.next((e) => e.event === 'change')).data) as StreamChange<CoachMembership>;
    expect(change.collection).toBe('coaches');
    expect(change.documents.map((d) => [d.email, d.role]).sort()).toEqual([
      [COACH1, 'head_coach'],
      [HEAD, 'coach'],
    ]);
    stream.close();

    // The former head coach's session still works, but its role is read fresh: the edit is refused.
    const refused = await push('athletes', [{ newDocumentState: { ...doc, coach_ids: [coach1.id] }, assumedMasterState: doc }], head.token);
    expect(refused.body).toEqual({
      conflicts: [doc],
      rejections: [{ id: doc.id, code: 'forbidden', field: 'coach_ids', message: 'Only the head coach can change assigned coaches.' }],
    });
    const me = await request<{ organizations: { role: string }[] }>(server(), 'GET', '/api/v1/me', { token: head.token });
    expect(me.body.organizations[0]?.role).toBe('coach');
    // The new head coach can.
    const accepted = await push('athletes', [{ newDocumentState: { ...doc, coach_ids: [coach1.id] }, assumedMasterState: doc }], coach.token);
    expect(accepted.body).toEqual({ conflicts: [], rejections: [] });
  });
});
