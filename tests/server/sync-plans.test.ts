import { expect, it } from 'vitest';
import { assignmentId, type PlanAssignment } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import type { TrainingPlan } from '../../shared/domain/plan';
import type { StreamChange } from '../../shared/sync/protocol';
import { COACH1, COACH2, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { openSse } from './sse';

type D<T> = T & { _deleted: boolean };
type Push<T> = { conflicts: D<T>[]; rejections: { id: string; code: string; message: string; field?: string }[] };
const OK = { conflicts: [], rejections: [] };
const stamp = '1999-01-01T00:00:00.000Z';

describeOnBackends('sync push rules of groups, plans and assignments', (server) => {
  let s: Session;
  const base = () => `/sync/v2/orgs/${s.orgId}`;
  const all = async <T>(collection: string) =>
    (await request<{ documents: D<T>[] }>(server(), 'GET', `${base()}/${collection}/pull?seq=0&limit=1000`, { token: s.token })).body.documents;
  const one = async <T extends { id: string }>(collection: string, id: string) => (await all<T>(collection)).find((d) => d.id === id)!;
  const push = <T>(collection: string, rows: { newDocumentState: unknown; assumedMasterState?: unknown }[], token = s.token) =>
    request<Push<T>>(server(), 'POST', `${base()}/${collection}/push`, { token, json: { rows } });
  /** A change to a stored document, assuming the current master. */
  const change = async <T extends { id: string }>(collection: string, id: string, edit: Partial<D<T>>) => {
    const master = await one<T>(collection, id);
    return push<T>(collection, [{ newDocumentState: { ...master, ...edit }, assumedMasterState: master }]);
  };
  const newGroup = (name: string): D<Group> => ({ id: crypto.randomUUID(), name, created_at: stamp, updated_at: stamp, _deleted: false });
  const newPlan = (name: string): D<TrainingPlan> => ({
    id: crypto.randomUUID(),
    name,
    description: '',
    level: 'beginner',
    weeks: 4,
    sessions: [{ week: 1, day: 2, kind: 'easy', distance_m: 4000, duration_s: null, target_pace_s_per_km: null, effort_rpe: 3, note: '' }],
    archived: false,
    created_at: stamp,
    updated_at: stamp,
    _deleted: false,
  });
  const newAssignment = (athleteId: string, planId: string, start: string): D<PlanAssignment> => ({
    id: assignmentId(athleteId, planId, start),
    athlete_id: athleteId,
    training_plan_id: planId,
    start_date: start,
    ended_on: null,
    created_at: stamp,
    updated_at: stamp,
    _deleted: false,
  });

  it('groups: any coach creates (server timestamps) and renames; names stay unique ignoring case; a retry is a no-op', async () => {
    s = await login(server(), COACH1);
    const g = newGroup('Sunday long run');
    expect((await push('groups', [{ newDocumentState: g }])).body).toEqual(OK);
    const stored = await one<Group>('groups', g.id);
    expect(stored.created_at).not.toBe(stamp);
    const before = await snapshot(server());
    expect((await push('groups', [{ newDocumentState: g }])).body).toEqual(OK);
    expect(await snapshot(server())).toBe(before);

    const dupe = newGroup('SUNDAY LONG RUN');
    expect((await push('groups', [{ newDocumentState: dupe }])).body).toEqual({
      conflicts: [],
      rejections: [{ id: dupe.id, code: 'conflict', field: 'name', message: 'A group named SUNDAY LONG RUN already exists.' }],
    });
    const taken = await change<Group>('groups', g.id, { name: 'marathon squad' });
    expect(taken.body.rejections).toEqual([expect.objectContaining({ id: g.id, code: 'conflict', field: 'name' })]);
    expect(taken.body.conflicts).toEqual([stored]);
    expect((await change<Group>('groups', g.id, { name: 'Sunday Long Run' })).body).toEqual(OK);
    expect(await snapshot(server())).not.toBe(before);
  });

  it('athletes: newly added group_ids must be groups of the organization; removing any is fine', async () => {
    const athlete = (await all<Athlete>('athletes')).find((a) => a.group_ids.length === 0)!;
    const groups = await all<Group>('groups');
    const bogus = crypto.randomUUID();
    const refused = await change<Athlete>('athletes', athlete.id, { group_ids: [groups[0]!.id, bogus] });
    expect(refused.body.rejections).toEqual([{ id: athlete.id, code: 'invalid', field: 'group_ids', message: 'group_ids: a group added here no longer exists (it was deleted on another device)' }]);
    expect(refused.body.conflicts).toEqual([athlete]);
    expect((await change<Athlete>('athletes', athlete.id, { group_ids: [groups[0]!.id, groups[1]!.id] })).body).toEqual(OK);
    expect((await one<Athlete>('athletes', athlete.id)).group_ids).toEqual([groups[0]!.id, groups[1]!.id]);
    expect((await change<Athlete>('athletes', athlete.id, { group_ids: [groups[1]!.id] })).body).toEqual(OK);
  });

  it('deleting a group removes it from its athletes in the same write: new seqs, on the live stream; a deleted group stays deleted', async () => {
    const squad = (await all<Group>('groups')).find((g) => g.name === 'Marathon squad')!;
    const members = (await all<Athlete>('athletes')).filter((a) => a.group_ids.includes(squad.id));
    expect(members.length).toBeGreaterThan(0);
    const stream = await openSse(`${server().url}${base()}/stream`, { authorization: `Bearer ${(await login(server(), COACH2)).token}` });
    await stream.next((e) => e.event === 'ready');
    expect((await push('groups', [{ newDocumentState: { ...squad, _deleted: true }, assumedMasterState: squad }])).body).toEqual(OK);
    const athletesEvent = await stream.next((e) => e.event === 'change' && (JSON.parse(e.data) as StreamChange).collection === 'athletes');
    const streamed = (JSON.parse(athletesEvent.data) as StreamChange<D<Athlete>>).documents;
    stream.close();
    expect(streamed.map((a) => a.id).sort()).toEqual(members.map((a) => a.id).sort());
    for (const a of streamed) expect(a.group_ids).not.toContain(squad.id);
    const after = await all<Athlete>('athletes');
    for (const m of members) expect(after.find((a) => a.id === m.id)!.group_ids).toEqual(m.group_ids.filter((id) => id !== squad.id));
    const tomb = await one<Group>('groups', squad.id);
    expect(tomb._deleted).toBe(true);

    const revive = await push('groups', [{ newDocumentState: { ...tomb, _deleted: false }, assumedMasterState: tomb }]);
    expect(revive.body.rejections).toEqual([expect.objectContaining({ code: 'forbidden' })]);
    // An offline app that still adds the deleted group to an athlete is refused; one that removes it is not.
    const athlete = after.find((a) => a.group_ids.length === 0)!;
    expect((await change<Athlete>('athletes', athlete.id, { group_ids: [squad.id] })).body.rejections).toEqual([expect.objectContaining({ field: 'group_ids' })]);
  });

  it('training plans: create, edit, archive; an assigned plan is not deleted (in_use), an unassigned one is', async () => {
    const p = newPlan('Pushed plan');
    expect((await push('training_plans', [{ newDocumentState: p }])).body).toEqual(OK);
    expect((await change<TrainingPlan>('training_plans', p.id, { name: 'Pushed plan v2', weeks: 5 })).body).toEqual(OK);
    const bad = await change<TrainingPlan>('training_plans', p.id, { weeks: 0 });
    expect(bad.body.rejections).toEqual([expect.objectContaining({ code: 'invalid', field: 'weeks' })]);
    const marathon = (await all<TrainingPlan>('training_plans')).find((x) => x.name === 'Marathon base')!;
    const inUse = await change<TrainingPlan>('training_plans', marathon.id, { _deleted: true });
    expect(inUse.body).toEqual({ conflicts: [marathon], rejections: [{ id: marathon.id, code: 'in_use', message: 'Marathon base is assigned to 4 athletes: archive it instead.' }] });
    expect((await change<TrainingPlan>('training_plans', marathon.id, { archived: true })).body).toEqual(OK);
    expect((await change<TrainingPlan>('training_plans', marathon.id, { archived: false })).body).toEqual(OK);
    expect((await change<TrainingPlan>('training_plans', p.id, { _deleted: true })).body).toEqual(OK);
    expect((await change<TrainingPlan>('training_plans', p.id, { _deleted: false })).body.rejections).toEqual([expect.objectContaining({ code: 'forbidden' })]);
  });

  it('plan assignments: derived id, current athlete, assignable plan; fixed fields; end, remove, revive; two offline coaches converge', async () => {
    const athletes = await all<Athlete>('athletes');
    const athlete = athletes.find((a) => a.status === 'active')!;
    const plan = newPlan('Assignable');
    await push('training_plans', [{ newDocumentState: plan }]);
    const archived = (await all<TrainingPlan>('training_plans')).find((x) => x.archived)!;
    const before = await snapshot(server());
    const a = newAssignment(athlete.id, plan.id, '2030-03-06');
    const refusals: [D<PlanAssignment>, string, string][] = [
      [{ ...a, id: crypto.randomUUID() }, 'invalid', 'id'],
      [{ ...a, start_date: '2030-03-07' }, 'invalid', 'id'],
      [newAssignment(crypto.randomUUID(), plan.id, '2030-03-06'), 'not_found', 'athlete_id'],
      [newAssignment(athlete.id, crypto.randomUUID(), '2030-03-06'), 'not_found', 'training_plan_id'],
      [newAssignment(athlete.id, archived.id, '2030-03-06'), 'plan_archived', 'training_plan_id'],
      [{ ...a, start_date: '2030-02-31' }, 'invalid', 'start_date'],
    ];
    for (const [doc, code, field] of refusals) {
      const res = await push('plan_assignments', [{ newDocumentState: doc }]);
      expect(res.body, `${code} ${field}`).toEqual({ conflicts: [], rejections: [expect.objectContaining({ id: doc.id, code, field })] });
    }
    expect(await snapshot(server())).toBe(before);

    // Two coaches assign the same plan from the same day offline: the same document, written once.
    expect((await push('plan_assignments', [{ newDocumentState: a }])).body).toEqual(OK);
    const second = await push('plan_assignments', [{ newDocumentState: a }], (await login(server(), COACH2)).token);
    expect(second.body).toEqual(OK);
    expect((await all<PlanAssignment>('plan_assignments')).filter((x) => x.id === a.id)).toHaveLength(1);

    for (const [field, value] of [['start_date', '2030-03-13'], ['training_plan_id', archived.id], ['athlete_id', athletes[1]!.id]] as const) {
      const res = await change<PlanAssignment>('plan_assignments', a.id, { [field]: value });
      expect(res.body.rejections, field).toEqual([expect.objectContaining({ code: 'forbidden', field })]);
    }
    expect((await change<PlanAssignment>('plan_assignments', a.id, { ended_on: '2030-03-20' })).body).toEqual(OK);
    expect((await change<PlanAssignment>('plan_assignments', a.id, { ended_on: null })).body).toEqual(OK);
    // Archiving the plan does not stop it; removing it is allowed; reviving needs an assignable plan.
    expect((await change<TrainingPlan>('training_plans', plan.id, { archived: true })).body).toEqual(OK);
    expect((await change<PlanAssignment>('plan_assignments', a.id, { ended_on: '2030-03-27' })).body).toEqual(OK);
    expect((await change<PlanAssignment>('plan_assignments', a.id, { _deleted: true })).body).toEqual(OK);
    const revive = await change<PlanAssignment>('plan_assignments', a.id, { _deleted: false, ended_on: null });
    expect(revive.body.rejections).toEqual([expect.objectContaining({ code: 'plan_archived', field: 'training_plan_id' })]);
    expect((await change<TrainingPlan>('training_plans', plan.id, { archived: false })).body).toEqual(OK);
    expect((await change<PlanAssignment>('plan_assignments', a.id, { _deleted: false, ended_on: null })).body).toEqual(OK);
    const revived = await one<PlanAssignment>('plan_assignments', a.id);
    expect(revived).toMatchObject({ _deleted: false, ended_on: null });
    // Now the plan is in use.
    expect((await change<TrainingPlan>('training_plans', plan.id, { _deleted: true })).body.rejections).toEqual([expect.objectContaining({ code: 'in_use' })]);
  });
});
