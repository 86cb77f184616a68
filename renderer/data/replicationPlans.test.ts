/** Replication of groups, training plans and assignments against the fake server: push order, merges, refusals. */
import { describe, expect, it } from 'vitest';
import { assignmentId } from '../../shared/domain/assignment';
import { assignPlan, endAssignment, removeAssignment } from './assignments';
import { addToGroup, createGroup } from './groups';
import { createPlan, deletePlan, updatePlan } from './plans';
import { readOutbox } from './syncStatus';
import { sampleContent, sampleGroup, samplePlan, uuid } from './testDb';
import { serverWithRoster, settle, setup } from './testSync';

describe('replication of groups, plans and assignments', () => {
  it('pushes a group, a plan and an assignment made offline, in an order the server accepts, and empties the outbox', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    server.offline = true;
    const group = await createGroup(data.db, 'Marathon squad');
    const plan = await createPlan(data.db, sampleContent({ name: 'Spring 10K' }));
    if (!group.ok || !plan.ok) throw new Error('setup');
    await addToGroup(data.db, group.value.id, [uuid(1)]);
    expect((await assignPlan(data.db, { athleteId: uuid(1), planId: plan.value.id, startDate: '2026-12-07' })).outcome).toBe('assigned');
    expect(await readOutbox(data.db)).toHaveLength(4);
    server.offline = false;
    await settle(data, sync);
    expect(data.notices).toEqual([]);
    expect(server.get('groups', group.value.id)).toMatchObject({ name: 'Marathon squad', _deleted: false });
    expect(server.get('training_plans', plan.value.id)).toMatchObject({ name: 'Spring 10K', sessions: plan.value.sessions });
    expect(server.get('athletes', uuid(1))?.group_ids).toEqual([group.value.id]);
    expect(server.get('plan_assignments', assignmentId(uuid(1), plan.value.id, '2026-12-07'))).toMatchObject({ ended_on: null, _deleted: false });
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('merges concurrent edits of a plan per field and tells the coach which same-field edit lost', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    server.offline = true;
    await updatePlan(data.db, samplePlan(1).id, { name: 'My base', description: 'Mine' });
    server.put('training_plans', { ...server.get('training_plans', samplePlan(1).id), name: 'Their base', weeks: 8 });
    server.offline = false;
    await settle(data, sync);
    for (const doc of [(await data.db.training_plans.findOne(samplePlan(1).id).exec())?.toJSON(), server.get('training_plans', samplePlan(1).id)]) {
      expect(doc).toMatchObject({ name: 'Their base', description: 'Mine', weeks: 8 });
    }
    expect(data.notices).toEqual([
      {
        kind: 'clash',
        title: 'Edit replaced by the server',
        message: `Your change to Name ("My base") for the plan Their base was replaced by the server's value ("Their base").`,
        route: `/plans/${samplePlan(1).id}`,
      },
    ]);
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('removes an assignment of a plan archived meanwhile, saying why in words', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    server.offline = true;
    await assignPlan(data.db, { athleteId: uuid(1), planId: samplePlan(1).id, startDate: '2026-12-07' });
    await assignPlan(data.db, { athleteId: uuid(2), planId: samplePlan(1).id, startDate: '2026-12-07' });
    server.put('training_plans', { ...server.get('training_plans', samplePlan(1).id), archived: true });
    server.offline = false;
    await settle(data, sync);
    expect(await data.db.plan_assignments.count().exec()).toBe(0);
    expect(server.alive('plan_assignments')).toEqual([]);
    expect(data.notices.map((n) => [n.kind, n.message, n.route])).toEqual([
      ['refusal', 'Assigning Marathon base to Ana Silva was refused: Marathon base is archived: it cannot be assigned (unarchive it first).', `/athletes/${uuid(1)}`],
      ['refusal', 'Assigning Marathon base to Ben Adams was refused: Marathon base is archived: it cannot be assigned (unarchive it first).', `/athletes/${uuid(2)}`],
    ]);
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('brings back a plan whose deletion the server refused because another coach assigned it', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    server.offline = true;
    expect(await deletePlan(data.db, samplePlan(1).id)).toMatchObject({ ok: true });
    const id = assignmentId(uuid(2), samplePlan(1).id, '2026-12-07');
    server.put('plan_assignments', { id, athlete_id: uuid(2), training_plan_id: samplePlan(1).id, start_date: '2026-12-07', ended_on: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' });
    server.offline = false;
    await settle(data, sync);
    expect((await data.db.training_plans.findOne(samplePlan(1).id).exec())?.name).toBe('Marathon base');
    expect(server.get('training_plans', samplePlan(1).id)?._deleted).toBe(false);
    expect(data.notices.map((n) => n.message)).toEqual([
      'Deleting the plan Marathon base was refused: Marathon base is assigned to 1 athlete: archive it instead. The plan is shown again.',
    ]);
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('refuses a second group of the same name and takes its members back out, naming the group', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    server.offline = true;
    const mine = await createGroup(data.db, 'Squad');
    if (!mine.ok) throw new Error('setup');
    await addToGroup(data.db, mine.value.id, [uuid(1)]);
    server.put('groups', sampleGroup(1, { name: 'SQUAD' }));
    server.offline = false;
    await settle(data, sync);
    expect(await data.db.groups.findOne(mine.value.id).exec()).toBeNull();
    expect((await data.db.athletes.findOne(uuid(1)).exec())?.group_ids).toEqual([]);
    expect(server.get('athletes', uuid(1))?.group_ids).toEqual([]);
    expect(data.notices.map((n) => n.message)).toEqual([
      'Creating the group Squad was refused: A group named Squad already exists. The group was removed from this device.',
      `Your change to Groups ("Squad") for Ana Silva was refused: A group added here no longer exists (it was deleted on another device). The server's version is shown again.`,
    ]);
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('treats the same assignment made on two devices as one, and revives one removed on the server', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    const a1 = assignmentId(uuid(1), samplePlan(1).id, '2026-12-07');
    const a2 = assignmentId(uuid(2), samplePlan(1).id, '2026-12-07');
    const row = (id: string, athlete: number, deleted: boolean) => ({
      id,
      athlete_id: uuid(athlete),
      training_plan_id: samplePlan(1).id,
      start_date: '2026-12-07',
      ended_on: null,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      _deleted: deleted,
    });
    server.offline = true;
    await assignPlan(data.db, { athleteId: uuid(1), planId: samplePlan(1).id, startDate: '2026-12-07' });
    await assignPlan(data.db, { athleteId: uuid(2), planId: samplePlan(1).id, startDate: '2026-12-07' });
    server.put('plan_assignments', row(a1, 1, false)); // another coach assigned the same meanwhile
    server.put('plan_assignments', row(a2, 2, true)); // and assigned then removed this one
    server.offline = false;
    await settle(data, sync);
    expect(data.notices).toEqual([]);
    expect(server.get('plan_assignments', a1)?._deleted).toBe(false);
    expect(server.get('plan_assignments', a2)?._deleted).toBe(false);
    expect(await data.db.plan_assignments.count().exec()).toBe(2);
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('keeps the server end date of an assignment both coaches ended, with a notice; a removal is pushed as a tombstone', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    await assignPlan(data.db, { athleteId: uuid(1), planId: samplePlan(1).id, startDate: '2026-12-07' });
    await assignPlan(data.db, { athleteId: uuid(2), planId: samplePlan(1).id, startDate: '2026-12-07' });
    await settle(data, sync);
    const a1 = assignmentId(uuid(1), samplePlan(1).id, '2026-12-07');
    server.offline = true;
    await endAssignment(data.db, a1, '2026-12-20');
    await removeAssignment(data.db, assignmentId(uuid(2), samplePlan(1).id, '2026-12-07'));
    server.put('plan_assignments', { ...server.get('plan_assignments', a1), ended_on: '2026-12-14' });
    server.offline = false;
    await settle(data, sync);
    expect((await data.db.plan_assignments.findOne(a1).exec())?.ended_on).toBe('2026-12-14');
    expect(server.alive('plan_assignments').map((a) => a.id)).toEqual([a1]);
    expect(data.notices.map((n) => n.message)).toEqual([
      `Your change to End ("2026-12-20") for Marathon base of Ana Silva (from 2026-12-07) was replaced by the server's value ("2026-12-14").`,
    ]);
    expect(await readOutbox(data.db)).toEqual([]);
  });

  it('leaves no plan on the server for one created and deleted again offline, and clears it from the outbox', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    server.offline = true;
    const plan = await createPlan(data.db, sampleContent({ name: 'Draft' }));
    if (!plan.ok) throw new Error('setup');
    await deletePlan(data.db, plan.value.id);
    server.offline = false;
    await settle(data, sync);
    // Nothing, or a tombstone when a push of the new plan was already on its way (RxDB retries it).
    expect(server.get('training_plans', plan.value.id)?._deleted ?? true).toBe(true);
    expect(data.notices).toEqual([]);
    expect(await readOutbox(data.db)).toEqual([]);
  });
});
