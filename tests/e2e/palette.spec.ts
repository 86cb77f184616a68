/**
 * The command palette (Ctrl+K) and the CSV import it opens, in Chromium against the real server.
 */
import { test, expect, signIn, apiLogin, HEAD_COACH } from './fixtures';

type ApiAthlete = { id: string; first_name: string; last_name: string; email: string; display_name: string | null; status: string };

async function demoAthletes(server: Parameters<typeof apiLogin>[0]): Promise<ApiAthlete[]> {
  const head = await apiLogin(server, HEAD_COACH);
  return ((await head.call('GET', '/athletes?limit=100')).body as { data: ApiAthlete[] }).data;
}

test('Ctrl+K finds an accented name typed without accents, and Enter opens the athlete', async ({ page, server }) => {
  const zoe = (await demoAthletes(server)).find((a) => a.first_name === 'Zoë' && a.last_name === 'Martin');
  expect(zoe).toBeTruthy();
  await signIn(page, server, HEAD_COACH);

  // Works with the focus in a text field too.
  await page.getByLabel('Search athletes').click();
  await page.keyboard.press('Control+K');
  const search = page.getByRole('textbox', { name: 'Search athletes and actions' });
  await expect(search).toBeFocused();
  await search.fill('zoe mart');
  await expect(page.getByRole('button', { name: /Zoë Martin/ })).toBeVisible();
  await search.press('Enter');

  await expect(page).toHaveURL(new RegExp(`/athletes/${zoe?.id}$`));
  await expect(page.getByRole('heading', { name: 'Zoë Martin' })).toBeVisible();
  await expect(search).toBeHidden();
});

test('the palette runs actions: a display name finds its athlete, "groups" opens Groups', async ({ page, server }) => {
  await signIn(page, server, HEAD_COACH);
  await page.keyboard.press('Control+K');
  const search = page.getByRole('textbox', { name: 'Search athletes and actions' });
  await search.fill('pepe');
  await expect(page.getByRole('button', { name: /Pepe.*José García/ })).toBeVisible();
  await search.fill('grou');
  await expect(page.getByRole('button', { name: /^Groups/ })).toBeVisible();
  await search.press('Enter');
  await expect(page).toHaveURL(/\/groups$/);
});

test('CSV import from the palette: preview with a bad row, nothing saved until Apply, then a report', async ({ page, server }) => {
  const athletes = await demoAthletes(server);
  const [first, second] = athletes.filter((a) => a.status === 'active' && !a.display_name);
  expect(first && second).toBeTruthy();
  await signIn(page, server, HEAD_COACH);

  await page.keyboard.press('Control+K');
  await page.getByRole('textbox', { name: 'Search athletes and actions' }).fill('import csv');
  await page.getByRole('textbox', { name: 'Search athletes and actions' }).press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Import athletes from CSV' });
  await expect(dialog).toBeVisible();

  const csv = [
    'Email;Display name;Status;Shoe size',
    `${first?.email};Rocket;inactive;44`,
    `${second?.email};Comet;retired;42`,
    'nobody@nowhere.test;Ghost;active;40',
  ].join('\r\n');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose a CSV file' }).click();
  await (await chooser).setFiles({ name: 'athletes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

  const preview = dialog.getByRole('table', { name: 'Import preview' });
  await expect(preview).toBeVisible();
  await expect(dialog.getByText('To update: 1')).toBeVisible();
  await expect(dialog.getByText('With errors (skipped): 2')).toBeVisible();
  await expect(dialog.getByText(/does not know 1 column: Shoe size/)).toBeVisible();
  const rows = preview.locator('tbody tr');
  await expect(rows.nth(0)).toContainText('Rocket');
  await expect(rows.nth(1)).toContainText('Status must be Active, Inactive or Suspended (not "retired")');
  await expect(rows.nth(2)).toContainText('No athlete with email nobody@nowhere.test');

  // Nothing is written by the preview.
  const head = await apiLogin(server, HEAD_COACH);
  expect(((await head.call('GET', `/athletes/${first?.id}`)).body as ApiAthlete).display_name).toBeNull();

  await dialog.getByRole('button', { name: 'Apply 1 change' }).click();
  const report = dialog.getByRole('table', { name: 'Import result per row' });
  await expect(report).toBeVisible();
  await expect(dialog.getByText('Updated: 1')).toBeVisible();
  await expect(dialog.getByText('Skipped: 2')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The valid row reaches the server; the invalid ones changed nothing.
  await expect
    .poll(async () => ((await head.call('GET', `/athletes/${first?.id}`)).body as ApiAthlete).display_name, { timeout: 15_000 })
    .toBe('Rocket');
  const after = (await head.call('GET', `/athletes/${second?.id}`)).body as ApiAthlete;
  expect(after).toMatchObject({ display_name: null, status: 'active' });
});
