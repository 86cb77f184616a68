/**
 * Issue 9 in the app: the head coach assigns athletes to a coach offline and the coach's "My athletes"
 * shows exactly them after sync; a regular coach has no assign-coach control; bulk label with Undo;
 * filters and sort live in the URL and survive a reload.
 */
import { test, expect, apiLogin, COACH1, HEAD_COACH } from './fixtures';
import { coachPage, pickOption, syncStatus } from './helpers';
import type { Page } from '@playwright/test';

type ApiAthlete = { id: string; first_name: string; last_name: string; display_name: string | null; email: string; labels: string[]; coach_ids: string[] };
type ApiCoach = { id: string; email: string; first_name: string; last_name: string };

const nameOf = (a: ApiAthlete) => a.display_name || `${a.first_name} ${a.last_name}`.trim();
// Two signed-in apps and a sync round trip: slow on a busy machine.
test.setTimeout(180_000);

const rows = (page: Page) => page.getByRole('table', { name: 'Athletes' }).getByRole('row');

/** Finds an athlete by email in the roster search and ticks its box (the selection survives new searches). */
async function select(page: Page, a: ApiAthlete) {
  await page.getByLabel('Search athletes').fill(a.email);
  await page.getByRole('checkbox', { name: `Select ${nameOf(a)}` }).check();
}

test('the head coach assigns two athletes to coach1 offline; coach1 sees exactly them under My athletes and no assign control', async ({ browser, server }) => {
  const head = await apiLogin(server, HEAD_COACH);
  const coaches = ((await head.call('GET', '/coaches')).body as { data: ApiCoach[] }).data;
  const coach1 = coaches.find((c) => c.email === COACH1)!;
  // Start from a coach1 with nobody assigned, so "exactly them" means the two picked here.
  const theirs = ((await head.call('GET', `/athletes?coach_id=${coach1.id}&limit=200`)).body as { data: ApiAthlete[] }).data;
  for (const a of theirs) expect((await head.call('PUT', `/athletes/${a.id}/coaches`, { coach_ids: [] })).status).toBe(200);
  const [a1, a2] = ((await head.call('GET', '/athletes?coach_id=none&limit=2')).body as { data: ApiAthlete[] }).data;

  const h = await coachPage(browser, server, HEAD_COACH);
  await h.context.setOffline(true);
  await expect(syncStatus(h.page)).toContainText('Offline');
  await select(h.page, a1!);
  await select(h.page, a2!);
  const bar = h.page.getByRole('region', { name: 'Selected athletes' });
  await expect(bar).toContainText('2 athletes selected');
  await bar.getByRole('button', { name: 'Assign coach' }).click();
  const dialog = h.page.getByRole('dialog', { name: 'Assign a coach' });
  await pickOption(h.page, dialog, 'Coach', `${coach1.first_name} ${coach1.last_name}`);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect(syncStatus(h.page)).toContainText('2 changes not yet sent');

  await h.context.setOffline(false);
  await expect(syncStatus(h.page)).not.toContainText('not yet sent', { timeout: 30_000 });

  const c = await coachPage(browser, server, COACH1);
  await c.page.goto(`${server.url}/?coach=me`);
  await expect(rows(c.page)).toHaveCount(3, { timeout: 30_000 }); // header + the two
  const shown = await rows(c.page).locator('a').allTextContents();
  expect(shown.sort()).toEqual([`${a1!.first_name} ${a1!.last_name}`, `${a2!.first_name} ${a2!.last_name}`].sort());
  await expect(c.page.getByRole('textbox', { name: 'Coach', exact: true })).toHaveValue('My athletes');

  // A regular coach: selection bar and edit dialog have no assign-coach control.
  await c.page.getByRole('checkbox', { name: `Select ${nameOf(a1!)}` }).check();
  const cbar = c.page.getByRole('region', { name: 'Selected athletes' });
  await expect(cbar.getByRole('button', { name: 'Add label' })).toBeVisible();
  await expect(cbar.getByRole('button', { name: 'Assign coach' })).toHaveCount(0);
  await rows(c.page).getByRole('link', { name: `${a1!.first_name} ${a1!.last_name}` }).click();
  await c.page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = c.page.getByRole('dialog', { name: 'Edit athlete' });
  await expect(edit.getByLabel('Status')).toBeVisible();
  await expect(edit.getByLabel('Assigned coaches')).toHaveCount(0);
  await h.context.close();
  await c.context.close();
});

test('bulk add label, then Undo restores the labels', async ({ browser, server }) => {
  const api = await apiLogin(server, COACH1);
  const [a1, a2] = ((await api.call('GET', '/athletes?limit=2')).body as { data: ApiAthlete[] }).data;
  const c = await coachPage(browser, server, COACH1);
  await select(c.page, a1!);
  await select(c.page, a2!);
  const bar = c.page.getByRole('region', { name: 'Selected athletes' });
  await bar.getByRole('button', { name: 'Add label' }).click();
  const dialog = c.page.getByRole('dialog', { name: 'Add a label' });
  await dialog.getByLabel('Label').fill('@bulk-e2e');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(c.page.getByText('Added @bulk-e2e to 2 athletes.')).toBeVisible();
  await c.page.getByLabel('Search athletes').fill('');
  await pickOption(c.page, c.page, 'Label', /^@bulk-e2e/);
  await expect(rows(c.page)).toHaveCount(3);

  await c.page.getByRole('button', { name: 'Undo' }).click();
  await expect(c.page.getByText('Undone for 2 athletes.')).toBeVisible();
  await expect(c.page.getByText('No athletes match your search or filters.')).toBeVisible();
  await expect.poll(async () => ((await api.call('GET', `/athletes/${a1!.id}`)).body as ApiAthlete).labels, { timeout: 30_000 }).toEqual(a1!.labels);
  await expect.poll(async () => ((await api.call('GET', `/athletes/${a2!.id}`)).body as ApiAthlete).labels, { timeout: 30_000 }).toEqual(a2!.labels);
  await c.context.close();
});

test('filters and sort live in the URL and survive a reload', async ({ browser, server }) => {
  const c = await coachPage(browser, server, COACH1);
  const page = c.page;
  await pickOption(page, page, 'Status', /^Active/);
  await pickOption(page, page, 'Coach', /^Unassigned/);
  const email = page.getByRole('columnheader', { name: 'Email' });
  await email.getByRole('button').click();
  await email.getByRole('button').click();
  await expect(email).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/status=active/);
  await expect(page).toHaveURL(/coach=none/);
  await expect(page).toHaveURL(/sort=-email/);
  const before = await rows(page).locator('td:nth-child(3)').allTextContents();
  expect(before.length).toBeGreaterThan(1);
  expect([...before].sort((x, y) => y.localeCompare(x, undefined, { numeric: true, sensitivity: 'base' }))).toEqual(before);

  await page.reload();
  await expect(rows(page).nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('columnheader', { name: 'Email' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('textbox', { name: 'Status', exact: true })).toHaveValue('Active');
  await expect(page.getByRole('textbox', { name: 'Coach', exact: true })).toHaveValue('Unassigned');
  expect(await rows(page).locator('td:nth-child(3)').allTextContents()).toEqual(before);
  await c.context.close();
});

test.afterEach(async ({ server }, info) => {
  if (info.status !== info.expectedStatus) console.log(server.logs().slice(-4000));
});
