import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import { COACH1, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { coaches, createKey, headSession, orgPath, withKey, type ErrorBody, type Page } from './role-helpers';

type Result = { athlete_id: string; outcome: 'updated' | 'unchanged' | 'refused'; error?: { code: string; message: string; field?: string } };
type Bulk = { results: Result[]; updated: number; unchanged: number; refused: number };

describeOnBackends('bulk athlete actions', (server) => {
  let head: Session;
  let roster: Athlete[];
  const bulk = (json: unknown, token = head.token) => request<Bulk & ErrorBody>(server(), 'POST', orgPath(head.orgId, '/athletes/bulk'), { token, json });
  const fresh = async () => (await request<Page>(server(), 'GET', orgPath(head.orgId, '/athletes?limit=200'), { token: head.token })).body.data;
  const byId = async () => new Map((await fresh()).map((a) => [a.id, a]));
  const orgSeq = async () => Number((await server().db.query<{ seq: string }>('SELECT seq FROM organizations WHERE id = $1', [head.orgId])).rows[0]?.seq);

  it('adds a label to many athletes in one write, with an outcome per athlete', async () => {
    head = await headSession(server());
    roster = await fresh();
    const has = roster.find((a) => a.labels.includes('@marathon')) as Athlete;
    const lacking = roster.filter((a) => !a.labels.includes('@marathon')).slice(0, 3);
    const ids = [lacking[0]!.id, has.id, lacking[1]!.id, lacking[2]!.id];
    const seq = await orgSeq();
    const res = await bulk({ action: 'add_label', label: ' Marathon ', athlete_ids: ids });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { athlete_id: ids[0], outcome: 'updated' },
      { athlete_id: ids[1], outcome: 'unchanged' },
      { athlete_id: ids[2], outcome: 'updated' },
      { athlete_id: ids[3], outcome: 'updated' },
    ]);
    expect(res.body).toMatchObject({ updated: 3, unchanged: 1, refused: 0 });
    expect(await orgSeq()).toBe(seq + 3); // one write, three documents
    const now = await byId();
    for (const id of ids) expect(now.get(id)?.labels).toContain('@marathon');
    expect(now.get(has.id)).toEqual(has);

    const undo = await bulk({ action: 'remove_label', label: '@marathon', athlete_ids: [ids[0], ids[2], ids[3]] });
    expect(undo.body).toMatchObject({ updated: 3, unchanged: 0, refused: 0 });
    const undone = await byId();
    for (const a of lacking) expect(undone.get(a.id)?.labels).toEqual(a.labels);
  });

  it('sets status and member level; a normal coach may', async () => {
    const coach = await login(server(), COACH1);
    const ids = roster.slice(5, 9).map((a) => a.id);
    const res = await bulk({ action: 'set_status', status: 'suspended', athlete_ids: ids }, coach.token);
    expect(res.status).toBe(200);
    expect(res.body.updated + res.body.unchanged).toBe(4);
    const level = await bulk({ action: 'set_member_level', member_level: 'Squad A', athlete_ids: ids }, coach.token);
    expect(level.body.refused).toBe(0);
    const now = await byId();
    for (const id of ids) expect(now.get(id)).toMatchObject({ status: 'suspended', member_level: 'Squad A' });
    const cleared = await bulk({ action: 'set_member_level', member_level: '', athlete_ids: ids });
    expect(cleared.body.updated).toBe(4);
    expect((await byId()).get(ids[0]!)?.member_level).toBeNull();
  });

  it('refuses per athlete what cannot be done (unknown, other organization, a 31st label) and still does the rest', async () => {
    const full = roster[10] as Athlete;
    const labels = Array.from({ length: 30 }, (_, i) => `@l${i}`);
    await request(server(), 'PATCH', orgPath(head.orgId, `/athletes/${full.id}`), { token: head.token, json: { labels } });
    const other = await createOtherOrganization(server());
    const unknown = crypto.randomUUID();
    const ok = roster[11] as Athlete;
    const res = await bulk({ action: 'add_label', label: '@new', athlete_ids: [full.id, unknown, other.athlete.id, ok.id] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { athlete_id: full.id, outcome: 'refused', error: { code: 'invalid', field: 'labels', message: 'labels: at most 30 labels' } },
      { athlete_id: unknown, outcome: 'refused', error: { code: 'not_found', message: 'Athlete not found.' } },
      { athlete_id: other.athlete.id, outcome: 'refused', error: { code: 'not_found', message: 'Athlete not found.' } },
      { athlete_id: ok.id, outcome: 'updated' },
    ]);
    expect(res.body).toMatchObject({ updated: 1, unchanged: 0, refused: 3 });
    expect((await byId()).get(full.id)?.labels).toEqual(labels);
  });

  it('coach actions are the head coach’s: set, add and remove a coach', async () => {
    const list = await coaches(server(), head);
    const c1 = list.find((c) => c.email === COACH1)?.id as string;
    const ids = roster.slice(12, 16).map((a) => a.id);
    const set = await bulk({ action: 'set_coaches', coach_ids: [c1], athlete_ids: ids });
    expect(set.status).toBe(200);
    expect(set.body.refused).toBe(0);
    const other = list.find((c) => c.id !== c1)?.id as string;
    const add = await bulk({ action: 'add_coach', coach_id: other, athlete_ids: ids });
    expect(add.body.updated).toBe(4);
    const added = await byId();
    for (const id of ids) expect(added.get(id)?.coach_ids).toEqual([c1, other]);
    expect((await bulk({ action: 'add_coach', coach_id: other, athlete_ids: ids })).body.unchanged).toBe(4);
    const remove = await bulk({ action: 'remove_coach', coach_id: c1, athlete_ids: ids });
    expect(remove.body.updated).toBe(4);
    const removed = await byId();
    for (const id of ids) expect(removed.get(id)?.coach_ids).toEqual([other]);

    const before = await snapshot(server());
    const coach = await login(server(), COACH1);
    for (const json of [
      { action: 'set_coaches', coach_ids: [c1], athlete_ids: ids },
      { action: 'add_coach', coach_id: c1, athlete_ids: ids },
      { action: 'remove_coach', coach_id: other, athlete_ids: ids },
    ]) {
      const res = await bulk(json, coach.token);
      expect(res.status, json.action).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'forbidden', message: 'Only the head coach can assign athletes to coaches.' });
    }
    const unknown = crypto.randomUUID();
    const bad = await bulk({ action: 'set_coaches', coach_ids: [c1, unknown], athlete_ids: ids });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'coach_ids', message: `coach_ids: ${unknown} is not a coach of this organization` });
    expect((await bulk({ action: 'add_coach', coach_id: unknown, athlete_ids: ids })).body.error.field).toBe('coach_id');
    const { key } = await createKey(server(), head, 'Bulk key');
    const snap = await snapshot(server());
    const byKey = await request<ErrorBody>(server(), 'POST', orgPath(head.orgId, '/athletes/bulk'), withKey(key, { action: 'add_coach', coach_id: c1, athlete_ids: ids }));
    expect(byKey.status).toBe(403);
    expect(await snapshot(server())).toBe(snap);
    expect(snap).toBe(before); // none of the refused requests wrote anything (keys are not in the snapshot)
  });

  it('refuses bad requests as a whole with a 400 naming the field, and changes nothing', async () => {
    const id = roster[0]!.id;
    const many = Array.from({ length: 501 }, () => crypto.randomUUID());
    const before = await snapshot(server());
    for (const [json, field] of [
      [{ action: 'add_label', label: '@x', athlete_ids: [] }, 'athlete_ids'],
      [{ action: 'add_label', label: '@x', athlete_ids: many }, 'athlete_ids'],
      [{ action: 'add_label', label: '@x', athlete_ids: [id, id] }, 'athlete_ids'],
      [{ action: 'add_label', label: '@x', athlete_ids: ['nope'] }, 'athlete_ids.0'],
      [{ action: 'add_label', label: 'not ok!', athlete_ids: [id] }, 'label'],
      [{ action: 'add_label', athlete_ids: [id] }, 'label'],
      [{ action: 'set_status', status: 'retired', athlete_ids: [id] }, 'status'],
      [{ action: 'set_status', status: 'active', athlete_ids: [id], label: '@x' }, 'label'],
      [{ action: 'delete', athlete_ids: [id] }, 'action'],
      [{ athlete_ids: [id] }, 'action'],
      [{ action: 'set_coaches', coach_ids: 'all', athlete_ids: [id] }, 'coach_ids'],
    ] as const) {
      const res = await bulk(json);
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(400);
      expect(res.body.error.field, JSON.stringify(json).slice(0, 80)).toBe(field);
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
    expect((await request(server(), 'POST', orgPath(head.orgId, '/athletes/bulk'), { token: head.token })).status).toBe(400);
    expect(await snapshot(server())).toBe(before);
  });

  it('handles 500 athletes at once', async () => {
    const ids = [...roster.map((a) => a.id), ...Array.from({ length: 500 - roster.length }, () => crypto.randomUUID())];
    const res = await bulk({ action: 'add_label', label: '@season-2027', athlete_ids: ids });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(500);
    // Unknown ids are refused, and so is roster[10], which already has 30 labels.
    expect(res.body.refused).toBe(500 - roster.length + 1);
    expect(res.body.updated).toBe(roster.length - 1);
  });

  it('random input to the bulk, coach, filter and API-key routes never yields a 5xx', async () => {
    const check = (res: { status: number; body: unknown; text: string }, what: string) => {
      expect(res.status, what).toBeLessThan(500);
      expect(res.text, what).not.toContain('cannot store or compare');
      if (res.status >= 400) expect(res.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    };
    const id = roster[0]!.id;
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        { action: fc.oneof(fc.constantFrom('add_label', 'remove_label', 'set_status', 'set_member_level', 'set_coaches', 'add_coach', 'remove_coach'), fc.anything()), athlete_ids: fc.oneof(fc.constant([id]), fc.anything()), label: fc.anything(), status: fc.anything(), member_level: fc.anything(), coach_ids: fc.anything(), coach_id: fc.anything() },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.string({ unit: 'binary', maxLength: 40 }), async (value, text) => {
        const q = encodeURIComponent(text);
        const base = orgPath(head.orgId);
        const opts = { token: head.token, json: value };
        check(await request(server(), 'POST', `${base}/athletes/bulk`, opts), `bulk ${JSON.stringify(value)}`);
        check(await request(server(), 'PUT', `${base}/athletes/${id}/coaches`, opts), `put coaches ${JSON.stringify(value)}`);
        check(await request(server(), 'PUT', `${base}/athletes/${q || 'x'}/coaches`, { token: head.token, json: { coach_ids: [] } }), `put coaches id ${text}`);
        check(await request(server(), 'POST', `${base}/coaches`, opts), `add coach ${JSON.stringify(value)}`);
        check(await request(server(), 'POST', `${base}/coaches`, { token: head.token, json: { email: text } }), `add coach email ${text}`);
        check(await request(server(), 'DELETE', `${base}/coaches/${q || 'x'}`, { token: head.token }), `remove coach ${text}`);
        check(await request(server(), 'GET', `${base}/athletes?coach_id=${q}&group_id=${q}&include_profile_status=${q}`, { token: head.token }), `filters ${text}`);
        check(await request(server(), 'POST', `${base}/api-keys`, { token: head.token, json: { name: text, expires_at: value } }), `key ${text}`);
        check(await request(server(), 'DELETE', `${base}/api-keys/${q || 'x'}`, { token: head.token }), `revoke ${text}`);
        check(await request(server(), 'GET', `${base}/athletes?limit=1`, { headers: { 'x-api-key': q } }), `x-api-key ${text}`);
      }),
      { numRuns: 30 },
    );
  });
});
