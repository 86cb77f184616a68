/**
 * Issue 6, script in every text field that reaches a page: an athlete's display name, member level
 * and private notes, a group's name and a plan's name and description set through the API to
 * markup show as literal text on the roster, the profile, the plans and the groups pages, and
 * nothing of it runs (window.__xss stays undefined, no dialog, no injected element). Labels cannot
 * hold markup at all: the API refuses them.
 */
import type { Page } from '@playwright/test';
import { test, expect, apiLogin, newCoachPage, HEAD_COACH } from './fixtures';

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=1</script>';

type ApiAthlete = { id: string; first_name: string; last_name: string; group_ids: string[] };

async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"], script:has-text("__xss"), svg[onload]')).toHaveCount(0);
}

test('markup in names, notes, groups and plans shows as text and never runs', async ({ browser, server }) => {
  test.slow(); // a first sync of the demo organization, then four pages
  const api = await apiLogin(server, HEAD_COACH);
  const roster = ((await api.call('GET', '/athletes?limit=5')).body as { data: ApiAthlete[] }).data;
  const athlete = roster[0]!;

  const label = await api.call('PATCH', `/athletes/${athlete.id}`, { labels: [`@${IMG}`] });
  expect(label.status).toBe(400);
  const group = await api.call('POST', '/groups', { name: SCRIPT });
  expect(group.status).toBe(201);
  const groupId = (group.body as { id: string }).id;
  const patched = await api.call('PATCH', `/athletes/${athlete.id}`, {
    display_name: IMG,
    member_level: SCRIPT,
    private_notes: `${SCRIPT}\n${IMG}`,
    group_ids: [...athlete.group_ids, groupId],
  });
  expect(patched.status).toBe(200);
  const plan = await api.call('POST', '/training-plans', { name: IMG, description: SCRIPT, level: 'beginner', weeks: 1, sessions: [] });
  expect(plan.status).toBe(201);

  const { context, page } = await newCoachPage(browser, server, HEAD_COACH);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });

  // Roster: the row of the athlete shows the display name as text.
  await page.getByLabel('Search athletes').fill(athlete.last_name);
  await expect(page.getByRole('table', { name: 'Athletes' }).getByText(IMG).first()).toBeVisible();
  await expectInert(page);

  // Profile: display name, member level and private notes.
  await page.goto(`${server.url}/athletes/${athlete.id}`);
  await expect(page.getByText(IMG).first()).toBeVisible();
  await expect(page.getByText(SCRIPT).first()).toBeVisible();
  await expectInert(page);

  // Plans: the plan's name.
  await page.goto(`${server.url}/plans`);
  await expect(page.getByText(IMG).first()).toBeVisible();
  await expectInert(page);

  // Groups: the group's name.
  await page.goto(`${server.url}/groups`);
  await expect(page.getByText(SCRIPT).first()).toBeVisible();
  await expectInert(page);

  expect(dialogs).toBe(0);
  await context.close();
});
