import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import { COACH1, COACH2, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session } from './helpers';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Sized = Group & { athlete_count: number };
type Pull<T> = { documents: (T & { _deleted: boolean })[]; checkpoint: { seq: number } | null };

describeOnBackends('groups API', (server) => {
  let s: Session;
  const org = (p: string) => `/api/v1/organizations/${s.orgId}${p}`;
  const call = <T = Sized>(method: string, p: string, json?: unknown, token = s.token) => request<T>(server(), method, org(`/groups${p}`), { token, json });
  const groups = async () => (await call<{ data: Group[] }>('GET', '')).body.data;
  const inGroup = async (groupId: string) => (await request<{ data: Athlete[] }>(server(), 'GET', org(`/athletes?group_id=${groupId}&limit=200`), { token: s.token })).body.data;
  const pull = async <T>(collection: string, seq: number) =>
    (await request<Pull<T>>(server(), 'GET', `/sync/v2/orgs/${s.orgId}/${collection}/pull?seq=${seq}&limit=1000`, { token: s.token })).body;
  const lastSeq = async () => Number((await server().db.query<{ seq: string }>('SELECT seq FROM organizations WHERE id = $1', [s.orgId])).rows[0]!.seq);

  it('creates a group (201, no athletes yet): listed, and pulled by open apps', async () => {
    s = await login(server(), COACH1);
    const seq = await lastSeq();
    const res = await call('POST', '', { name: '  Hill repeaters ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Hill repeaters', athlete_count: 0 });
    expect(res.body.created_at).toBe(res.body.updated_at);
    expect((await groups()).map((g) => g.name)).toContain('Hill repeaters');
    const { athlete_count: _, ...doc } = res.body;
    expect((await pull<Group>('groups', seq)).documents).toEqual([{ ...doc, _deleted: false }]);
  });

  it('puts an athlete in a group through PATCH athletes, and refuses a group id that is not a group of the organization', async () => {
    const athlete = (await request<{ data: Athlete[] }>(server(), 'GET', org('/athletes?limit=1'), { token: s.token })).body.data[0]!;
    const hill = (await groups()).find((g) => g.name === 'Hill repeaters')!;
    const added = await request<Athlete>(server(), 'PATCH', org(`/athletes/${athlete.id}`), { token: s.token, json: { group_ids: [...athlete.group_ids, hill.id] } });
    expect(added.status).toBe(200);
    expect(added.body.group_ids).toContain(hill.id);
    expect((await inGroup(hill.id)).map((a) => a.id)).toContain(athlete.id);

    const before = await snapshot(server());
    const stranger = crypto.randomUUID();
    const refused = await request<ErrorBody>(server(), 'PATCH', org(`/athletes/${athlete.id}`), { token: s.token, json: { group_ids: [hill.id, stranger] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_request', field: 'group_ids' });
    expect(refused.body.error.message).toContain(stranger);
    expect(await snapshot(server())).toBe(before);
  });

  it('keeps names unique ignoring case: 409 conflict naming `name`, nothing written', async () => {
    const before = await snapshot(server());
    for (const name of ['Marathon squad', 'MARATHON SQUAD', ' marathon squad ', 'hill REPEATERS']) {
      const res = await call<ErrorBody>('POST', '', { name });
      expect(res.status, name).toBe(409);
      expect(res.body.error).toEqual({ code: 'conflict', field: 'name', message: `A group named ${name.trim()} already exists.` });
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('refuses bad names and bodies with a 400 naming the field', async () => {
    const before = await snapshot(server());
    const cases: [unknown, string][] = [
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ name: 'line\nbreak' }, 'name'],
      [{ name: 'nul\u0000' }, 'name'],
      [{ name: 42 }, 'name'],
      [{}, 'name'],
      [{ name: 'Fine', colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await call<ErrorBody>('POST', '', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    const g = (await groups())[0]!;
    for (const [body, field] of cases) {
      const res = await call<ErrorBody>('PATCH', `/${g.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await request<ErrorBody>(server(), 'PATCH', org(`/groups/${g.id}`), { token: s.token })).status).toBe(400);
    expect(await snapshot(server())).toBe(before);
  });

  it('renames a group (with its size); another group’s name is a 409; a change of case is fine; the same name writes nothing', async () => {
    const squad = (await groups()).find((g) => g.name === 'Marathon squad')!;
    const members = await inGroup(squad.id);
    expect(members.length).toBeGreaterThan(0);
    const renamed = await call('PATCH', `/${squad.id}`, { name: 'Marathon crew' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: squad.id, name: 'Marathon crew', athlete_count: members.length, created_at: squad.created_at });
    const taken = await call<ErrorBody>('PATCH', `/${squad.id}`, { name: 'trail CREW' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('conflict');
    expect((await call('PATCH', `/${squad.id}`, { name: 'MARATHON CREW' })).body.name).toBe('MARATHON CREW');
    const before = await snapshot(server());
    expect((await call('PATCH', `/${squad.id}`, { name: ' MARATHON CREW ' })).status).toBe(200);
    expect(await snapshot(server())).toBe(before);
    // Another coach sees the rename.
    const other = await login(server(), COACH2);
    expect((await call<{ data: Group[] }>('GET', '', undefined, other.token)).body.data.map((g) => g.name)).toContain('MARATHON CREW');
  });

  it('deletes a group: each of its athletes loses it in the same write (new seqs, pulled by open apps); the name is free again', async () => {
    const trail = (await groups()).find((g) => g.name === 'Trail crew')!;
    const members = await inGroup(trail.id);
    expect(members.length).toBeGreaterThan(0);
    const seq = await lastSeq();
    const res = await call<{ group_id: string; removed_from_athlete_ids: string[] }>('DELETE', `/${trail.id}`);
    expect(res.status).toBe(200);
    expect(res.body.group_id).toBe(trail.id);
    expect(res.body.removed_from_athlete_ids.sort()).toEqual(members.map((a) => a.id).sort());
    expect(await inGroup(trail.id)).toEqual([]);
    expect((await groups()).map((g) => g.id)).not.toContain(trail.id);

    const pulledAthletes = (await pull<Athlete>('athletes', seq)).documents;
    expect(pulledAthletes.map((a) => a.id).sort()).toEqual(members.map((a) => a.id).sort());
    for (const a of pulledAthletes) {
      const was = members.find((m) => m.id === a.id)!;
      expect(a.group_ids).toEqual(was.group_ids.filter((id) => id !== trail.id));
      expect({ ...a, group_ids: was.group_ids, updated_at: was.updated_at, _deleted: undefined }).toEqual({ ...was, _deleted: undefined });
    }
    expect((await pull<Group>('groups', seq)).documents).toEqual([expect.objectContaining({ id: trail.id, _deleted: true })]);

    for (const [method, body] of [['DELETE'], ['PATCH', { name: 'Back' }]] as const) {
      const again = await call<ErrorBody>(method, `/${trail.id}`, body);
      expect(again.status, method).toBe(404);
      expect(again.body.error.code).toBe('not_found');
    }
    expect((await call('POST', '', { name: 'Trail crew' })).status).toBe(201);
  });

  it('answers 404 for unknown, malformed and other organizations’ groups; their coach gets 403 here', async () => {
    const other = await createOtherOrganization(server());
    const theirs = await request<Sized>(server(), 'POST', `/api/v1/organizations/${other.orgId}/groups`, { token: other.token, json: { name: 'Marathon squad' } });
    expect(theirs.status).toBe(201); // names are unique per organization only
    const before = await snapshot(server());
    for (const id of [theirs.body.id, crypto.randomUUID(), 'nope', 'a%00b']) {
      for (const [method, body] of [['PATCH', { name: 'Ours now' }], ['DELETE']] as const) {
        const res = await call<ErrorBody>(method, `/${id}`, body);
        expect(res.status, `${method} ${id}`).toBe(404);
      }
    }
    const ours = (await groups())[0]!;
    expect((await call<ErrorBody>('PATCH', `/${ours.id}`, { name: 'Taken over' }, other.token)).status).toBe(403);
    expect((await call<ErrorBody>('DELETE', `/${ours.id}`, undefined, other.token)).status).toBe(403);
    expect((await call<ErrorBody>('POST', '', { name: 'Intruders' }, other.token)).status).toBe(403);
    expect(await snapshot(server())).toBe(before);
  });
});
