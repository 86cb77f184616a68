/** Push order decided per batch (pushed.ts): plan deletes after assignment removals, assignments after new plans, no mutual wait; a merged plan stays valid. */
import { describe, expect, it } from 'vitest';
import { assignmentId } from '../../shared/domain/assignment';
import { assignPlan, removeAssignment } from './assignments';
import { createPlan, deletePlan, updatePlan } from './plans';
import { TrainingPlan } from '../../shared/domain/plan';
import { isCreation, isRemoval, pushAfter } from './pushed';
import { PUSH_ORDER_WAIT_MS } from './pushHandler';
import { sampleContent, samplePlan, uuid } from './testDb';
import { serverWithRoster, settle, setup } from './testSync';

const assignment = (n: number, planId: string) => ({
  id: assignmentId(uuid(n), planId, '2026-12-07'),
  athlete_id: uuid(n),
  training_plan_id: planId,
  start_date: '2026-12-07',
  ended_on: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

describe('pushAfter', () => {
  const created = { newDocumentState: {} };
  const updated = { newDocumentState: {}, assumedMasterState: {} };
  const revived = { newDocumentState: {}, assumedMasterState: { _deleted: true } };
  const removed = { newDocumentState: { _deleted: true }, assumedMasterState: {} };
  it('makes only creations and revivals of assignments wait for plans, and removals never wait', () => {
    expect(pushAfter('plan_assignments', [removed, updated])).toEqual([]);
    expect(pushAfter('plan_assignments', [removed, created])).toEqual(['training_plans']);
    expect(pushAfter('plan_assignments', [revived])).toEqual(['training_plans']);
    expect(pushAfter('athletes', [removed])).toEqual([]);
    expect(pushAfter('athletes', [updated])).toEqual([]);
    expect(isCreation(revived) && !isCreation(updated) && isRemoval(removed)).toBe(true);
  });
  it('makes athlete rows wait for groups only when they name a group their server copy did not', () => {
    const g = (ids: string[]) => ({ group_ids: ids });
    expect(pushAfter('athletes', [{ newDocumentState: g(['a']), assumedMasterState: g(['a']) }])).toEqual([]);
    expect(pushAfter('athletes', [{ newDocumentState: g([]), assumedMasterState: g(['a']) }])).toEqual([]);
    expect(pushAfter('athletes', [{ newDocumentState: g(['a', 'b']), assumedMasterState: g(['a']) }])).toEqual(['groups']);
    expect(pushAfter('athletes', [{ newDocumentState: g(['a']) }])).toEqual(['groups']);
    expect(pushAfter('athletes', [{ newDocumentState: g([]) }])).toEqual([]);
    expect(pushAfter('athletes', [{ newDocumentState: g(['a']), assumedMasterState: { ...g(['a']), _deleted: true } }])).toEqual(['groups']);
    expect(pushAfter('athletes', [{ newDocumentState: { ...g(['b']), _deleted: true }, assumedMasterState: g([]) }])).toEqual([]);
    expect(pushAfter('training_plans', [created])).toEqual([]);
    expect(isCreation(revived) && !isCreation(updated) && isRemoval(removed)).toBe(true);
  });
});

describe('push order against the fake server', () => {
  it('deletes a plan offline after removing its assignment: the plan stays deleted, no notice', async () => {
    const server = serverWithRoster();
    const a = assignment(1, samplePlan(1).id);
    server.put('plan_assignments', a);
    const { data, sync } = await setup(server);
    server.offline = true;
    expect(await removeAssignment(data.db, a.id)).toMatchObject({ ok: true });
    expect(await deletePlan(data.db, samplePlan(1).id)).toMatchObject({ ok: true });
    server.offline = false;
    await settle(data, sync);
    expect(server.get('training_plans', samplePlan(1).id)?._deleted).toBe(true);
    expect(server.get('plan_assignments', a.id)?._deleted).toBe(true);
    expect(await data.db.training_plans.findOne(samplePlan(1).id).exec()).toBeNull();
    expect(data.notices).toEqual([]);
  });

  it('pushes a new plan with its assignment and a delete of another plan in one go without waiting for each other', async () => {
    const server = serverWithRoster();
    server.put('training_plans', samplePlan(2));
    const { data, sync } = await setup(server);
    server.offline = true;
    const made = await createPlan(data.db, sampleContent({ name: 'New block' }));
    if (!made.ok) throw new Error('plan not created');
    expect(await assignPlan(data.db, { athleteId: uuid(1), planId: made.value.id, startDate: '2026-12-07' })).toMatchObject({ outcome: 'assigned' });
    expect(await deletePlan(data.db, samplePlan(2).id)).toMatchObject({ ok: true });
    server.offline = false;
    const started = Date.now();
    await settle(data, sync);
    expect(Date.now() - started).toBeLessThan(PUSH_ORDER_WAIT_MS);
    expect(server.get('training_plans', made.value.id)?._deleted).toBeFalsy();
    expect(server.get('training_plans', samplePlan(2).id)?._deleted).toBe(true);
    expect(server.get('plan_assignments', assignmentId(uuid(1), made.value.id, '2026-12-07'))?._deleted).toBeFalsy();
    expect(data.notices).toEqual([]);
  });

  it('a plan shortened offline against a session edit on the server ends valid on both sides, with bounded pushes', async () => {
    const server = serverWithRoster();
    const { data, sync } = await setup(server);
    server.offline = true;
    const p = samplePlan(1);
    expect(await updatePlan(data.db, p.id, { weeks: 1, name: 'Short base', sessions: p.sessions.filter((s) => s.week === 1) })).toMatchObject({ ok: true });
    server.put('training_plans', { ...server.get('training_plans', p.id)!, sessions: p.sessions.map((s) => (s.week === 2 ? { ...s, note: 'B' } : s)) });
    server.offline = false;
    const before = server.pushes;
    await settle(data, sync);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.pushes - before).toBeLessThan(6);
    const local = (await data.db.training_plans.findOne(p.id).exec())?.toJSON();
    expect(TrainingPlan.safeParse(local).success).toBe(true);
    expect(TrainingPlan.safeParse(server.get('training_plans', p.id)).success).toBe(true);
    expect(local).toMatchObject({ name: 'Short base', weeks: p.weeks });
    expect(data.notices.map((n) => n.kind)).toEqual(['clash']);
  });
});

