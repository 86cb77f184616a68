/**
 * Issue 3 end to end: a coach builds a plan in the editor, assigns it offline to an athlete and to
 * a group, reconnects, and a second coach sees the assignments with this week's sessions; plan
 * files (a broken one lists its problems and imports nothing; export then import round-trips);
 * groups (create, rename, add a member, delete) and the roster's group filter and bulk assign.
 */
import { readFileSync } from 'node:fs';
import { test, expect, apiLogin, COACH1, COACH2 } from './fixtures';
import { addWorkout, assignInDialog, coachPage, openSection, pickOption, syncStatus, thisMonday } from './helpers';

type ApiAthlete = { id: string; first_name: string; last_name: string; display_name: string | null; group_ids: string[] };
type ApiGroup = { id: string; name: string };
type ApiAssignment = { plan_name: string; start_date: string; status: string };

const PLAN = 'E2E base block';

test('a plan built in the editor and assigned offline to an athlete and a group reaches a second coach with this week\'s sessions', async ({ browser, server }) => {
  test.slow(); // two coaches, a plan built day by day, offline and back
  const api = await apiLogin(server, COACH1);
  const groups = ((await api.call('GET', '/groups')).body as { data: ApiGroup[] }).data;
  const group = groups.find((g) => g.name === 'Tuesday track')!;
  const roster = ((await api.call('GET', '/athletes?limit=100')).body as { data: ApiAthlete[] }).data;
  const members = roster.filter((a) => a.group_ids.includes(group.id));
  const solo = roster.find((a) => !a.group_ids.includes(group.id) && !a.display_name)!;
  expect(members.length).toBeGreaterThan(0);
  const start = thisMonday();

  const a = await coachPage(browser, server, COACH1);
  const page = a.page;

  // Build a two-week plan in the editor.
  await openSection(page, 'Plans');
  await page.getByRole('link', { name: 'New plan' }).click();
  await page.getByLabel('Name').fill(PLAN);
  await page.locator('label', { hasText: /^Intermediate$/ }).click();
  await page.getByLabel('Length (weeks)').fill('2');
  await page.getByLabel('Description').fill('Two weeks of easy volume.');
  await addWorkout(page, 1, 'Monday', { kind: 'Easy run', km: '8', pace: '5:30' });
  await addWorkout(page, 1, 'Wednesday', { kind: 'Intervals', duration: '0:50', rpe: '8', note: '6 x 800 m' });
  await addWorkout(page, 1, 'Saturday', { kind: 'Long run', km: '15' });
  await addWorkout(page, 1, 'Sunday', { kind: 'Rest' });
  await addWorkout(page, 2, 'Tuesday', { kind: 'Tempo', km: '10', pace: '4:50' });
  await expect(page.getByRole('button', { name: 'Week 1, Monday: Easy run · 8 km · 5:30/km' })).toBeVisible();
  await page.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByRole('heading', { name: `Edit ${PLAN}` })).toBeVisible();
  await expect.poll(async () => ((await api.call('GET', '/training-plans')).body as { data: { name: string }[] }).data.map((p) => p.name)).toContain(PLAN);

  // Offline: assign it to one athlete (from the athlete's Plans tab) and to a whole group.
  await a.context.setOffline(true);
  await expect(syncStatus(page)).toContainText('Offline');
  await openSection(page, 'Roster');
  await page.getByLabel('Search athletes').fill(`${solo.first_name} ${solo.last_name}`);
  await page.getByRole('link', { name: `${solo.first_name} ${solo.last_name}` }).click();
  await page.getByRole('tab', { name: 'Plans' }).click();
  await page.getByRole('button', { name: 'Assign plan' }).click();
  let report = await assignInDialog(page, PLAN, start);
  await expect(report.getByRole('table', { name: 'Outcome per athlete' })).toContainText('Assigned');
  await report.getByRole('button', { name: 'Done' }).click();
  const card = page.getByRole('article', { name: PLAN });
  await expect(card).toContainText('Week 1 of 2');
  await expect(card.getByRole('table', { name: `This week of ${PLAN}` })).toContainText('Easy run');

  await openSection(page, 'Groups');
  await page.getByRole('link', { name: group.name }).click();
  await page.getByRole('button', { name: 'Assign a plan to this group' }).click();
  report = await assignInDialog(page, PLAN, start);
  await expect(report.getByRole('group', { name: 'Summary' })).toContainText(`Assigned: ${members.length}`);
  await expect(report.getByRole('table', { name: 'Outcome per athlete' }).getByRole('row')).toHaveCount(members.length + 1);
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(syncStatus(page)).toContainText('not yet sent');

  // Back online: everything reaches the server.
  await a.context.setOffline(false);
  await expect(syncStatus(page)).not.toContainText('not yet sent', { timeout: 30_000 });
  for (const athlete of [solo, members[0]!]) {
    const plans = ((await api.call('GET', `/athletes/${athlete.id}/plans`)).body as { data: ApiAssignment[] }).data;
    expect(plans).toContainEqual(expect.objectContaining({ plan_name: PLAN, start_date: start, status: 'active' }));
  }

  // Another coach sees both assignments with this week's sessions.
  const b = await coachPage(browser, server, COACH2);
  for (const athlete of [solo, members[0]!]) {
    await b.page.goto(`${server.url}/athletes/${athlete.id}?tab=plans`);
    const seen = b.page.getByRole('article', { name: PLAN });
    await expect(seen).toContainText('Week 1 of 2');
    const week = seen.getByRole('table', { name: `This week of ${PLAN}` });
    await expect(week).toContainText('Easy run');
    await expect(week).toContainText('8 km · 5:30/km');
    await expect(week).toContainText('6 x 800 m');
    await expect(week).toContainText('Long run');
  }
  await a.context.close();
  await b.context.close();
});

test('a broken plan file lists what is wrong and imports nothing; an exported plan imports back', async ({ browser, server }) => {
  test.slow();
  const { context, page } = await coachPage(browser, server, COACH1);
  await openSection(page, 'Plans');
  const rows = page.getByRole('table', { name: 'Plans' }).getByRole('row');
  await expect(rows.nth(1)).toBeVisible();
  const before = await rows.count();

  const importFile = async (name: string, text: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import plan' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  };
  const broken = { format: 'astral-coach/training-plan', version: 1, plan: { name: '', description: '', level: 'expert', weeks: 2, sessions: [{ week: 3, day: 9, kind: 'easy', distance_m: 5000, duration_s: null, target_pace_s_per_km: null, effort_rpe: null, note: '' }] } };
  await importFile('broken.plan.json', JSON.stringify(broken));
  const problems = page.getByRole('dialog', { name: 'This plan file cannot be imported' });
  await expect(problems).toContainText('Nothing was imported from broken.plan.json');
  const list = problems.getByRole('list', { name: 'Problems in the file' });
  await expect(list).toContainText('plan.name');
  await expect(list).toContainText('plan.level');
  await expect(list).toContainText('plan.sessions[0].day');
  await problems.getByRole('button', { name: 'OK' }).click();

  await importFile('notes.json', 'not json at all');
  await expect(problems).toContainText('The file is not JSON');
  await problems.getByRole('button', { name: 'OK' }).click();
  await expect(rows).toHaveCount(before);

  // Export a plan, then import the file: a new plan with the same content.
  await page.getByRole('button', { name: 'Actions for Couch to 5K' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('couch-to-5k.plan.json');
  const text = readFileSync((await file.path())!, 'utf8');
  await importFile(file.suggestedFilename(), text);
  await expect(page.getByRole('heading', { name: 'Edit Couch to 5K' })).toBeVisible();
  await openSection(page, 'Plans');
  await expect(rows).toHaveCount(before + 1);
  await context.close();
});

test('groups: create, rename, add a member, filter the roster by it, delete; bulk assign from a roster selection', async ({ browser, server }) => {
  test.slow();
  const api = await apiLogin(server, COACH1);
  const roster = ((await api.call('GET', '/athletes?limit=100')).body as { data: ApiAthlete[] }).data;
  const athlete = roster.find((a) => !a.display_name)!;
  const name = `${athlete.first_name} ${athlete.last_name}`;
  const { context, page } = await coachPage(browser, server, COACH1);

  await openSection(page, 'Groups');
  await page.getByRole('button', { name: 'New group' }).click();
  const create = page.getByRole('dialog', { name: 'New group' });
  await create.getByLabel('Group name').fill('marathon SQUAD');
  await create.getByRole('button', { name: 'Create group' }).click();
  await expect(create).toContainText('A group named Marathon squad already exists.');
  await create.getByLabel('Group name').fill('Hill repeaters');
  await create.getByRole('button', { name: 'Create group' }).click();
  await expect(page.getByRole('heading', { name: 'Hill repeaters', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename Hill repeaters' });
  await rename.getByLabel('Group name').fill('Hill squad');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { name: 'Hill squad', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Add athletes' }).click();
  const add = page.getByRole('dialog', { name: 'Add athletes to Hill squad' });
  await add.getByRole('combobox', { name: 'Athletes' }).fill(name);
  await page.getByRole('option', { name }).first().click();
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Athletes in this group' }).getByRole('link', { name })).toBeVisible();
  await expect.poll(async () => ((await api.call('GET', `/athletes/${athlete.id}`)).body as ApiAthlete).group_ids.length).toBeGreaterThan(athlete.group_ids.length);

  // The roster filters by the group (and the filter lives in the URL).
  await openSection(page, 'Roster');
  await pickOption(page, page, 'Group', 'Hill squad');
  await expect(page).toHaveURL(/group=/);
  const table = page.getByRole('table', { name: 'Athletes' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('link', { name })).toBeVisible();

  // Bulk: select every athlete shown and assign a plan to the selection.
  const squad = ((await api.call('GET', '/groups')).body as { data: ApiGroup[] }).data.find((g) => g.name === 'Marathon squad')!;
  const shown = roster.filter((a) => a.group_ids.includes(squad.id)).length;
  await pickOption(page, page, 'Group', 'Marathon squad');
  await expect(table.getByRole('row')).toHaveCount(shown + 1);
  await page.getByRole('checkbox', { name: 'Select all athletes shown' }).check();
  await expect(page.getByRole('region', { name: 'Selected athletes' })).toContainText(`${shown} athletes selected`);
  await page.getByRole('button', { name: 'Assign plan' }).click();
  const report = await assignInDialog(page, 'Half marathon', thisMonday());
  await expect(report.getByRole('table', { name: 'Outcome per athlete' }).getByRole('row')).toHaveCount(shown + 1);
  // Undo, once: every assignment this action created is removed again.
  await report.getByRole('button', { name: 'Undo' }).click();
  await expect(report.getByRole('status')).toHaveText(`Undone: ${shown} assignment${shown === 1 ? '' : 's'} removed.`);
  await expect(report.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await report.getByRole('button', { name: 'Done' }).click();

  // Delete the group: the dialog says how many athletes it holds.
  await openSection(page, 'Groups');
  await page.getByRole('button', { name: 'Actions for Hill squad' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Hill squad?' });
  await expect(confirm).toContainText('holds 1 athlete');
  await confirm.getByRole('button', { name: 'Delete group' }).click();
  await expect(page.getByRole('link', { name: 'Hill squad' })).toBeHidden();
  await expect.poll(async () => ((await api.call('GET', '/groups')).body as { data: ApiGroup[] }).data.map((g) => g.name)).not.toContain('Hill squad');
  await context.close();
});
