import { afterEach, describe, expect, it } from 'vitest';
import { readPlanFile } from '../../shared/domain/plan';
import { assignPlan } from './assignments';
import type { AstralData } from './database';
import { createPlan, deletePlan, duplicatePlan, importPlan, planFileName, planFileText, setPlanArchived, updatePlan } from './plans';
import { readOutbox } from './syncStatus';
import { openTestDatabase, sampleAthlete, sampleContent, uuid } from './testDb';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

async function setup() {
  const data = await openTestDatabase();
  open = data;
  return data;
}

async function created(db: AstralData['db'], patch: Parameters<typeof sampleContent>[0] = {}) {
  const result = await createPlan(db, sampleContent(patch));
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('plans', () => {
  it('creates a plan at once with sessions sorted, trimmed text and an outbox entry', async () => {
    const { db } = await setup();
    const content = sampleContent({ name: '  Marathon base  ' });
    const result = await createPlan(db, { ...content, sessions: [...content.sessions].reverse() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ name: 'Marathon base', archived: false, weeks: 4 });
    expect(result.value.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.value.sessions.map((s) => [s.week, s.day])).toEqual([[1, 2], [1, 7], [2, 4]]);
    expect((await db.training_plans.findOne(result.value.id).exec())?.name).toBe('Marathon base');
    expect(await readOutbox(db)).toEqual([`training_plans:${result.value.id}`]);
  });

  it('refuses invalid content with errors keyed by path and writes nothing', async () => {
    const { db } = await setup();
    const content = sampleContent();
    const result = await createPlan(db, {
      ...content,
      name: ' ',
      sessions: [...content.sessions, { ...content.sessions[0]!, week: 9 }, { ...content.sessions[0]!, day: 8 }],
    });
    expect(result).toMatchObject({
      ok: false,
      message: 'Please correct the highlighted fields.',
      fieldErrors: { name: 'is required', 'sessions.4.day': 'day must be 1 (Monday) to 7 (Sunday)' },
    });
    expect(await createPlan(db, { ...content, sessions: [...content.sessions, { ...content.sessions[0]!, note: 'again' }] })).toMatchObject({
      ok: false,
      fieldErrors: { 'sessions.3.day': 'week 1, Tuesday has two workouts' },
    });
    expect(await db.training_plans.count().exec()).toBe(0);
    expect(await readOutbox(db)).toEqual([]);
  });

  it('updates a plan, validating the result as a whole', async () => {
    const { db } = await setup();
    const plan = await created(db);
    expect(await updatePlan(db, plan.id, { description: plan.description })).toMatchObject({ ok: true, changed: false });
    const renamed = await updatePlan(db, plan.id, { name: 'Base', weeks: 6 });
    expect(renamed).toMatchObject({ ok: true, changed: true, value: { name: 'Base', weeks: 6 } });
    expect(await updatePlan(db, plan.id, { weeks: 1 })).toMatchObject({
      ok: false,
      fieldErrors: { 'sessions.2.week': "week 2 is after the plan's last week (1)" },
    });
    expect(await updatePlan(db, plan.id, { level: 'expert' as 'advanced' })).toMatchObject({ ok: false, fieldErrors: { level: expect.any(String) } });
    expect(await updatePlan(db, uuid(999), { name: 'X' })).toEqual({ ok: false, message: 'This plan no longer exists.' });
    expect((await db.training_plans.findOne(plan.id).exec())?.weeks).toBe(6);
  });

  it('duplicates a plan as "<name> (copy)", not archived, within the name limit', async () => {
    const { db } = await setup();
    const plan = await created(db, { name: 'N'.repeat(120) });
    await setPlanArchived(db, plan.id, true);
    const copy = await duplicatePlan(db, plan.id);
    expect(copy).toMatchObject({ ok: true, value: { archived: false, sessions: plan.sessions, weeks: plan.weeks } });
    if (!copy.ok) return;
    expect(copy.value.id).not.toBe(plan.id);
    expect(copy.value.name).toBe(`${'N'.repeat(113)} (copy)`);
    expect(await duplicatePlan(db, uuid(999))).toMatchObject({ ok: false });
  });

  it('archives and unarchives', async () => {
    const { db } = await setup();
    const plan = await created(db);
    expect(await setPlanArchived(db, plan.id, true)).toMatchObject({ ok: true, changed: true, value: { archived: true } });
    expect(await setPlanArchived(db, plan.id, true)).toMatchObject({ ok: true, changed: false });
    expect(await setPlanArchived(db, plan.id, false)).toMatchObject({ ok: true, value: { archived: false } });
  });

  it('refuses to delete an assigned plan and deletes an unassigned one as a tombstone', async () => {
    const { db } = await setup();
    await db.athletes.bulkInsert([sampleAthlete(1), sampleAthlete(2)]);
    const plan = await created(db);
    await assignPlan(db, { athleteId: uuid(1), planId: plan.id, startDate: '2026-12-01' });
    await assignPlan(db, { athleteId: uuid(1), planId: plan.id, startDate: '2027-02-01' });
    await assignPlan(db, { athleteId: uuid(2), planId: plan.id, startDate: '2026-12-01' });
    expect(await deletePlan(db, plan.id)).toEqual({ ok: false, message: 'Marathon base is assigned to 2 athletes: archive it instead.' });
    for (const a of await db.plan_assignments.find({ selector: { athlete_id: uuid(2) } }).exec()) await a.remove();
    expect(await deletePlan(db, plan.id)).toEqual({ ok: false, message: 'Marathon base is assigned to 1 athlete: archive it instead.' });
    for (const a of await db.plan_assignments.find().exec()) await a.remove();
    expect(await deletePlan(db, plan.id)).toEqual({ ok: true, value: null, changed: true });
    expect(await db.training_plans.findOne(plan.id).exec()).toBeNull();
    expect(await deletePlan(db, plan.id)).toMatchObject({ ok: false, message: 'This plan no longer exists.' });
  });
});

describe('plan files', () => {
  it('exports pretty JSON with a slug file name and imports it back as a new plan', async () => {
    const { db } = await setup();
    const plan = await created(db, { name: 'Zoë’s 10K: build #2' });
    const text = planFileText(plan);
    expect(text).toContain('\n  "format": "astral-coach/training-plan"');
    expect(planFileName(plan)).toBe('zoe-s-10k-build-2.plan.json');
    expect(planFileName({ name: '!!!' })).toBe('training-plan.plan.json');
    expect(readPlanFile(text)).toEqual({ ok: true, plan: { name: plan.name, description: plan.description, level: plan.level, weeks: plan.weeks, sessions: plan.sessions } });
    const imported = await importPlan(db, text);
    expect(imported).toMatchObject({ ok: true, value: { name: plan.name, sessions: plan.sessions, archived: false } });
    if (imported.ok) expect(imported.value.id).not.toBe(plan.id);
    expect(await db.training_plans.count().exec()).toBe(2);
  });

  it('imports nothing from a wrong file and says what is wrong in it', async () => {
    const { db } = await setup();
    expect(await importPlan(db, 'not json')).toEqual({
      ok: false,
      message: 'This file cannot be imported:',
      errors: ['The file is not JSON: an exported plan file is a .json file.'],
    });
    expect(await importPlan(db, JSON.stringify({ hello: 1 }))).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringMatching(/format/)]) });
    const bad = JSON.parse(planFileText({ ...sampleContent(), id: uuid(1), archived: false, created_at: '', updated_at: '' })) as { plan: { sessions: { day: number }[] } };
    bad.plan.sessions[1]!.day = 9;
    expect(await importPlan(db, JSON.stringify(bad))).toEqual({
      ok: false,
      message: 'This file cannot be imported:',
      errors: ['plan.sessions[1].day: day must be 1 (Monday) to 7 (Sunday)'],
    });
    expect(await db.training_plans.count().exec()).toBe(0);
  });
});
