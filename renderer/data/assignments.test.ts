import { afterEach, describe, expect, it } from 'vitest';
import { assignmentId } from '../../shared/domain/assignment';
import { assignPlan, assignPlanToGroup, assignPlanToMany, assignmentCounts, endAssignment, removeAssignment, reopenAssignment, undoAssign } from './assignments';
import { assignmentViews } from './assignmentViews';
import type { AstralData } from './database';
import { readOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, sampleGroup, samplePlan, uuid } from './testDb';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

async function setup() {
  const data = await openTestDatabase();
  open = data;
  await data.db.athletes.bulkInsert([
    sampleAthlete(1, { first_name: 'Ana', last_name: 'Silva', group_ids: [sampleGroup(1).id] }),
    sampleAthlete(2, { first_name: 'Ben', last_name: 'Adams', group_ids: [sampleGroup(1).id] }),
    sampleAthlete(3, { first_name: 'Cy', last_name: 'Zed' }),
  ]);
  await data.db.groups.insert(sampleGroup(1));
  await data.db.training_plans.bulkInsert([samplePlan(1), samplePlan(2, { name: 'Old 5K', archived: true })]);
  return data;
}

const plan = samplePlan(1);

describe('assigning plans', () => {
  it('assigns once; the same plan and start again is already assigned and changes nothing', async () => {
    const { db } = await setup();
    const first = await assignPlan(db, { athleteId: uuid(1), planId: plan.id, startDate: '2026-12-01' });
    expect(first).toEqual({ athleteId: uuid(1), athleteName: 'Ana Silva', outcome: 'assigned', message: 'Assigned Marathon base from 2026-12-01.' });
    const id = assignmentId(uuid(1), plan.id, '2026-12-01');
    expect(await readOutbox(db)).toEqual([`plan_assignments:${id}`]);
    const doc = await db.plan_assignments.findOne(id).exec();
    expect(doc?.toJSON()).toMatchObject({ athlete_id: uuid(1), training_plan_id: plan.id, start_date: '2026-12-01', ended_on: null });
    const rev = doc?.revision;
    const again = await assignPlan(db, { athleteId: uuid(1), planId: plan.id, startDate: '2026-12-01' });
    expect(again).toMatchObject({ outcome: 'already_assigned', message: 'Already assigned: Marathon base from 2026-12-01.' });
    expect((await db.plan_assignments.findOne(id).exec())?.revision).toBe(rev);
  });

  it('refuses an archived plan, a missing plan, a bad date and an unknown athlete', async () => {
    const { db } = await setup();
    expect(await assignPlan(db, { athleteId: uuid(1), planId: samplePlan(2).id, startDate: '2026-12-01' })).toMatchObject({
      outcome: 'refused',
      message: 'Old 5K is archived: it cannot be assigned.',
    });
    expect(await assignPlan(db, { athleteId: uuid(1), planId: uuid(999), startDate: '2026-12-01' })).toMatchObject({ outcome: 'refused', message: 'This plan no longer exists.' });
    expect(await assignPlan(db, { athleteId: uuid(1), planId: plan.id, startDate: '2025-02-29' })).toMatchObject({
      outcome: 'refused',
      message: 'The start date must be a date written YYYY-MM-DD (between 2000 and 2099).',
    });
    expect(await assignPlan(db, { athleteId: uuid(9), planId: plan.id, startDate: '2026-12-01' })).toMatchObject({
      athleteName: 'Unknown athlete',
      outcome: 'refused',
      message: 'This athlete is no longer in the organization.',
    });
    expect(await db.plan_assignments.count().exec()).toBe(0);
    expect(await readOutbox(db)).toEqual([]);
  });

  it('reports one outcome per athlete when assigning to several or to a group', async () => {
    const { db } = await setup();
    await assignPlan(db, { athleteId: uuid(2), planId: plan.id, startDate: '2026-12-01' });
    const many = await assignPlanToMany(db, { athleteIds: [uuid(1), uuid(2), uuid(9), uuid(1)], planId: plan.id, startDate: '2026-12-01' });
    expect(many.map((o) => [o.athleteName, o.outcome])).toEqual([
      ['Ana Silva', 'assigned'],
      ['Ben Adams', 'already_assigned'],
      ['Unknown athlete', 'refused'],
    ]);
    const group = await assignPlanToGroup(db, { groupId: sampleGroup(1).id, planId: plan.id, startDate: '2027-01-04' });
    expect(group.map((o) => [o.athleteName, o.outcome])).toEqual([
      ['Ben Adams', 'assigned'],
      ['Ana Silva', 'assigned'],
    ]);
    expect(await assignPlanToGroup(db, { groupId: uuid(998), planId: plan.id, startDate: '2027-01-04' })).toEqual([]);
    expect(await db.plan_assignments.count().exec()).toBe(4);
  });

  it('ends, reopens and removes an assignment; assigning it again revives the same id', async () => {
    const { db } = await setup();
    await assignPlan(db, { athleteId: uuid(1), planId: plan.id, startDate: '2026-12-01' });
    const id = assignmentId(uuid(1), plan.id, '2026-12-01');
    expect(await endAssignment(db, id, '2026-12-10')).toMatchObject({ ok: true, changed: true, value: { ended_on: '2026-12-10' } });
    expect(await endAssignment(db, id, '2026-12-10')).toMatchObject({ ok: true, changed: false });
    expect(await endAssignment(db, id, '2026-13-10')).toMatchObject({ ok: false, fieldErrors: { ended_on: expect.any(String) } });
    expect(await reopenAssignment(db, id)).toMatchObject({ ok: true, changed: true, value: { ended_on: null } });
    await endAssignment(db, id, '2026-12-10');
    expect(await removeAssignment(db, id)).toEqual({ ok: true, value: null, changed: true });
    expect(await db.plan_assignments.findOne(id).exec()).toBeNull();
    expect(await removeAssignment(db, id)).toEqual({ ok: false, message: 'This assignment no longer exists.' });
    const revived = await assignPlan(db, { athleteId: uuid(1), planId: plan.id, startDate: '2026-12-01' });
    expect(revived.outcome).toBe('assigned');
    expect((await db.plan_assignments.findOne(id).exec())?.toJSON()).toMatchObject({ id, ended_on: null });
  });
});

describe('assignment views', () => {
  const a = (n: number, start: string, ended_on: string | null = null, planId = plan.id) => ({
    id: uuid(700 + n),
    athlete_id: uuid(1),
    training_plan_id: planId,
    start_date: start,
    ended_on,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
  const plans = new Map([[plan.id, plan]]);

  it('gives status, end date, plan week, overlaps and this week sessions on a fixed today', () => {
    // Plan: 4 weeks; started Wednesday 2026-03-04 -> week 1 is Mon 2026-03-02..Sun 03-08, ends Sun 2026-03-29.
    const views = assignmentViews([a(2, '2026-03-23'), a(1, '2026-03-04'), a(3, '2026-06-01'), a(4, '2026-01-05', '2026-01-12')], plans, '2026-03-12');
    expect(views.map((v) => [v.start_date, v.status, v.end_date, v.week, v.overlaps])).toEqual([
      ['2026-01-05', 'ended', '2026-01-11', null, false],
      ['2026-03-04', 'active', '2026-03-29', 2, true],
      ['2026-03-23', 'upcoming', '2026-04-19', null, true],
      ['2026-06-01', 'upcoming', '2026-06-28', null, false],
    ]);
    const current = views[1]!;
    expect(current.plan_name).toBe('Marathon base');
    expect(current.thisWeek.map((s) => [s.date, s.week, s.day, s.session.kind])).toEqual([['2026-03-12', 2, 4, 'tempo']]);
  });

  it('shows an unknown plan when the plan is not on this device yet', () => {
    const [view] = assignmentViews([a(1, '2026-03-04', null, uuid(999))], plans, '2026-03-12');
    expect(view).toMatchObject({ plan: null, plan_name: 'Unknown plan', status: null, end_date: null, week: null, overlaps: false, thisWeek: [] });
  });

  it('leaves an assignment of a plan not synced yet out of the overlap check', () => {
    const views = assignmentViews([a(1, '2026-03-04'), a(2, '2026-03-05', null, uuid(999))], plans, '2026-03-12');
    expect(views.map((v) => [v.status, v.end_date, v.overlaps])).toEqual([
      ['active', '2026-03-29', false],
      [null, null, false],
    ]);
  });

  it('counts assignments per plan', () => {
    expect([...assignmentCounts([a(1, '2026-03-02'), a(2, '2026-04-06'), a(3, '2026-03-02', null, uuid(5))])]).toEqual([
      [plan.id, 2],
      [uuid(5), 1],
    ]);
  });

  it('undoes a bulk assignment once: removes what it created, keeps what was already there or ended since', async () => {
    const { db } = await setup();
    const start = '2026-12-07';
    await assignPlan(db, { athleteId: uuid(3), planId: plan.id, startDate: start });
    const outcomes = await assignPlanToMany(db, { athleteIds: [uuid(1), uuid(2), uuid(3)], planId: plan.id, startDate: start });
    expect(outcomes.map((o) => o.outcome)).toEqual(['assigned', 'assigned', 'already_assigned']);
    await endAssignment(db, assignmentId(uuid(2), plan.id, start), '2026-12-20');
    expect(await undoAssign(db, { outcomes, planId: plan.id, startDate: start })).toBe(1);
    const left = await db.plan_assignments.find().exec();
    expect(left.map((d) => d.athlete_id).sort()).toEqual([uuid(2), uuid(3)].sort());
    expect(await readOutbox(db)).toContain(`plan_assignments:${assignmentId(uuid(1), plan.id, start)}`);
    expect(await undoAssign(db, { outcomes, planId: plan.id, startDate: start })).toBe(0);
  });
});
