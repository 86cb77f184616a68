/**
 * Settings (issue 9): API keys shown once and revoked, coaching staff managed by the head coach,
 * read-only for a coach, and actions that need the server saying so offline. Chromium against the
 * real server; the API key is used through Playwright's request API like an integration would.
 */
import type { Browser, Page } from '@playwright/test';
import { test, expect, apiLogin, COACH1, DEMO_PASSWORD, HEAD_COACH, type AstralServer } from './fixtures';

const FREE_AGENT = 'free.agent@demo.local';

// The first sync alone can take most of the default 90 s when other suites run on this machine.
test.describe.configure({ timeout: 180_000 });

/** fixtures' signIn with more time for the first sync, which is slow on a busy machine (parallel test servers). */
async function signIn(page: Page, server: AstralServer, email: string): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Server URL').fill(server.url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('table', { name: 'Athletes' }).getByRole('row').nth(1)).toBeVisible({ timeout: 60_000 });
}

async function newCoachPage(browser: Browser, server: AstralServer, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server, email);
  return { context, page };
}

/** Opens Settings the way a coach does: the account menu in the header. */
async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

const staffTable = (page: Page) => page.getByRole('table', { name: 'Coaching staff' });
const staffRow = (page: Page, email: string) => staffTable(page).getByRole('row').filter({ hasText: email });

test('the head coach creates an API key, sees it once, uses it, revokes it, and it stops working', async ({ page, server, request }) => {
  const { orgId } = await apiLogin(server, HEAD_COACH);
  await signIn(page, server, HEAD_COACH);
  await openSettings(page);
  const section = page.getByRole('region', { name: 'API keys' });
  await expect(section.getByText('No API keys yet.')).toBeVisible();

  await section.getByRole('button', { name: 'New API key' }).click();
  const form = page.getByRole('dialog', { name: 'New API key' });
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(form.getByText('Give the key a name')).toBeVisible();
  await form.getByLabel('Name').fill('Timing system');
  await form.getByRole('button', { name: 'Create key' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new API key' });
  await expect(shown.getByText('Store it now: it will not be shown again')).toBeVisible();
  await expect(shown.getByRole('button', { name: 'Copy key' })).toBeVisible();
  const key = (await shown.getByTestId('created-api-key').textContent())?.trim() ?? '';
  expect(key).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);

  const athletes = `${server.url}/api/v1/organizations/${orgId}/athletes?limit=2`;
  const ok = await request.get(athletes, { headers: { 'X-API-Key': key } });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { data: unknown[] }).data).toHaveLength(2);

  await shown.getByRole('button', { name: 'I have stored it' }).click();
  await expect(shown).toBeHidden();
  const row = section.getByRole('row').filter({ hasText: 'Timing system' });
  await expect(row).toContainText(key.slice(0, 11));
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Never'); // expires never
  // Shown once: not on the page any more, nor after a reload.
  await expect(page.getByText(key)).toHaveCount(0);
  await page.reload(); // a full start: the local database opens again, slowly on a busy machine
  await expect(section.getByRole('row').filter({ hasText: 'Timing system' })).toBeVisible({ timeout: 60_000 });
  expect(await page.content()).not.toContain(key);

  await section.getByRole('button', { name: 'Revoke Timing system' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this API key?' });
  await expect(confirm).toContainText('stops working at once');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(confirm).toBeHidden();
  await expect(section.getByRole('row').filter({ hasText: 'Timing system' })).toContainText('Revoked');
  await expect(section.getByRole('button', { name: 'Revoke Timing system' })).toHaveCount(0);

  const refused = await request.get(athletes, { headers: { 'X-API-Key': key } });
  expect(refused.status()).toBe(401);
});

test('the head coach adds an existing account as a coach and removes them again', async ({ page, server }) => {
  await signIn(page, server, HEAD_COACH);
  await openSettings(page);
  await expect(staffTable(page).getByRole('row')).toHaveCount(4); // header + three demo coaches
  const email = page.getByRole('textbox', { name: 'Add a coach' });

  await email.fill('nobody@nowhere.test');
  await page.getByRole('button', { name: 'Add coach' }).click();
  await expect(page.getByRole('region', { name: 'No Astral account uses nobody@nowhere.test yet' })).toBeVisible();

  await email.fill(FREE_AGENT);
  await page.getByRole('button', { name: 'Add coach' }).click();
  await expect(staffRow(page, FREE_AGENT)).toContainText('Frankie Agent');
  await expect(staffRow(page, FREE_AGENT)).toContainText('Coach');
  await expect(email).toHaveValue('');

  await email.fill(FREE_AGENT);
  await page.getByRole('button', { name: 'Add coach' }).click();
  await expect(page.getByText(`${FREE_AGENT} is already a coach of this organization.`)).toBeVisible();

  // No way to remove yourself, the head coach.
  await expect(staffRow(page, HEAD_COACH).getByRole('button', { name: /^Actions for/ })).toHaveCount(0);

  await staffRow(page, FREE_AGENT).getByRole('button', { name: 'Actions for Frankie Agent' }).click();
  await page.getByRole('menuitem', { name: 'Remove from staff…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove this coach?' });
  await expect(confirm).toContainText('Nothing else is lost');
  await confirm.getByRole('button', { name: 'Remove coach' }).click();
  await expect(confirm).toBeHidden();
  await expect(staffRow(page, FREE_AGENT)).toHaveCount(0);
  await expect(staffTable(page).getByRole('row')).toHaveCount(4);
});

test('a regular coach sees the staff read-only: no add, remove, hand-over or API key controls', async ({ page, server }) => {
  await signIn(page, server, COACH1);
  await openSettings(page);
  await expect(page.getByText('Your role')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Account & organization' })).toContainText('Coach');
  await expect(staffTable(page).getByRole('row')).toHaveCount(4);
  await expect(page.getByText('Only the head coach, Helen Hartley, can add or remove coaches.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Add a coach' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add coach' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'API keys' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
});

test('offline, staff changes say they need the server and nothing changes', async ({ page, server }) => {
  await signIn(page, server, HEAD_COACH);
  await openSettings(page);
  await expect(page.getByRole('table', { name: 'API keys' }).or(page.getByText('No API keys yet.'))).toBeVisible();
  await page.context().setOffline(true);
  await expect(page.getByText('You are offline')).toBeVisible();

  await page.getByRole('textbox', { name: 'Add a coach' }).fill(FREE_AGENT);
  await page.getByRole('button', { name: 'Add coach' }).click();
  await expect(page.getByText(/^Adding a coach needs a connection to the server/)).toBeVisible();

  await staffRow(page, COACH1).getByRole('button', { name: 'Actions for Marcus Okafor' }).click();
  await page.getByRole('menuitem', { name: 'Make head coach…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Hand over the head-coach role?' });
  await confirm.getByRole('button', { name: 'Make head coach' }).click();
  await expect(confirm.getByText(/^Handing over the head-coach role needs a connection to the server/)).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'New API key' }).click();
  const form = page.getByRole('dialog', { name: 'New API key' });
  await form.getByLabel('Name').fill('Offline key');
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(form.getByText(/^Creating an API key needs a connection to the server/)).toBeVisible();
  await form.getByRole('button', { name: 'Cancel' }).click();

  // Nothing happened on the server: still three coaches, one head coach, no key.
  const head = await apiLogin(server, HEAD_COACH);
  const coaches = (await head.call('GET', '/coaches')).body as { data: { email: string; role: string }[] };
  expect(coaches.data.map((c) => c.email).sort()).toEqual([COACH1, 'coach2@demo.local', HEAD_COACH].sort());
  expect(coaches.data.find((c) => c.role === 'head_coach')?.email).toBe(HEAD_COACH);
  expect(((await head.call('GET', '/api-keys')).body as { data: unknown[] }).data).toHaveLength(0);
});

test('handing over the head-coach role turns the page read-only for the former head coach, live', async ({ page, server, browser }) => {
  await signIn(page, server, HEAD_COACH);
  await openSettings(page);
  await staffRow(page, COACH1).getByRole('button', { name: 'Actions for Marcus Okafor' }).click();
  await page.getByRole('menuitem', { name: 'Make head coach…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Hand over the head-coach role?' });
  await expect(confirm).toContainText('You become a coach');
  await confirm.getByRole('button', { name: 'Make head coach' }).click();
  await expect(confirm).toBeHidden();

  await expect(staffRow(page, COACH1)).toContainText('Head coach');
  await expect(page.getByRole('textbox', { name: 'Add a coach' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'API keys' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);

  // The new head coach gets the controls.
  const marcus = await newCoachPage(browser, server, COACH1);
  await openSettings(marcus.page);
  await expect(marcus.page.getByRole('textbox', { name: 'Add a coach' })).toBeVisible();
  await expect(marcus.page.getByRole('region', { name: 'API keys' })).toBeVisible();
  await marcus.context.close();
});
