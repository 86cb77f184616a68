import { test, expect, signIn, HEAD_COACH, startServer } from './fixtures';

test('signing in with a wrong password says so', async ({ page, server }) => {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Server URL').fill(server.url);
  await page.getByLabel('Email').fill(HEAD_COACH);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/wrong email or password/i);
});

test('search and filters narrow the roster, and an empty result says so', async ({ page, server }) => {
  await signIn(page, server, HEAD_COACH);
  const table = page.getByRole('table', { name: 'Athletes' });
  const rows = table.locator('tbody tr:not([hidden])');
  // The page says how many athletes there are; the table shows the first 100 of them (the rows
  // below the window's bottom come a moment after the first ones).
  const countText = await page.getByText(/^\d[\d,]* athletes$/).innerText();
  const total = Math.min(100, Number(countText.replace(/\D/g, '')));
  expect(total).toBeGreaterThanOrEqual(40);
  await expect(rows).toHaveCount(total);

  // Search by part of an email, as the coach types.
  const firstEmail = (await rows.first().getByRole('cell').nth(2).innerText()).trim();
  const local = firstEmail.split('@')[0] ?? '';
  await page.getByLabel('Search athletes').fill(local.toUpperCase());
  await expect(rows).not.toHaveCount(total);
  await expect(rows.first()).toContainText(firstEmail);
  for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain(local.toLowerCase());

  // Nothing matches.
  await page.getByLabel('Search athletes').fill('zzzz-no-such-runner');
  await expect(page.getByText('No athletes match your search or filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(total);

  // Filter by status: every remaining row is suspended.
  await page.getByRole('textbox', { name: 'Status' }).click();
  await page.getByRole('option', { name: /suspended/i }).click();
  await expect(rows).not.toHaveCount(total);
  const statuses = await table.locator('tbody tr:not([hidden]) td:nth-child(4)').allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  for (const s of statuses) expect(s.toLowerCase()).toContain('suspended');
  expect(page.url()).toContain('status=suspended');

  // The view survives a reload (filters live in the URL).
  await page.reload();
  await expect(rows).toHaveCount(statuses.length);
});

test('a new organization created through sign-up starts with an empty roster', async ({ page }) => {
  const server = await startServer({ ASTRAL_SIGNUP: 'open', ASTRAL_DEMO: '' });
  try {
    await page.goto(`${server.url}/signin`);
    await page.getByRole('link', { name: 'Create an organization' }).or(page.getByRole('button', { name: 'Create an organization' })).click();
    await page.getByLabel('Organization name').fill('Riverside Harriers');
    await page.getByLabel('First name').fill('Maria');
    await page.getByLabel('Last name').fill('Lopez');
    await page.getByLabel('Email').fill('maria@riverside.test');
    await page.getByLabel('Password').fill('correct-horse-42');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await expect(page.getByText('No athletes in this organization yet.')).toBeVisible();
    await expect(page.getByText('Riverside Harriers')).toBeVisible();
  } finally {
    await server.stop();
  }
});
