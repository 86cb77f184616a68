import { test, expect, newCoachPage, apiLogin, COACH1, COACH2 } from './fixtures';
import { editAthlete, openAthlete, syncStatus } from './helpers';

type ApiAthlete = { id: string; first_name: string; last_name: string; display_name: string | null; member_level: string | null; labels: string[]; status: string };

test('two coaches edit the same athlete while one is offline: different fields merge, a same-field clash is reported', async ({ browser, server }) => {
  const api = await apiLogin(server, COACH1);
  const list = (await api.call('GET', '/athletes?status=active&limit=1')).body as { data: ApiAthlete[] };
  const athlete = list.data[0]!;

  const a = await newCoachPage(browser, server, COACH1);
  const b = await newCoachPage(browser, server, COACH2);
  await openAthlete(a.page, server.url, athlete.id);
  await openAthlete(b.page, server.url, athlete.id);

  // Coach A loses the network and edits: display name, a label, the status.
  await a.context.setOffline(true);
  await expect(syncStatus(a.page)).toContainText('Offline');
  await editAthlete(a.page, { displayName: 'Rocket', addLabels: ['@track-a'], status: 'Inactive' });
  await expect(a.page.getByRole('heading', { name: 'Rocket' })).toBeVisible();
  await expect(syncStatus(a.page)).toContainText('1 change not yet sent');

  // Coach B, online, edits the level, another label and the same status field.
  await editAthlete(b.page, { memberLevel: 'elite', addLabels: ['@track-b'], status: 'Suspended' });
  await expect.poll(async () => ((await api.call('GET', `/athletes/${athlete.id}`)).body as ApiAthlete).status).toBe('suspended');

  // A reconnects: both see the merge.
  await a.context.setOffline(false);
  await expect(syncStatus(a.page)).not.toContainText('not yet sent', { timeout: 30_000 });
  for (const page of [a.page, b.page]) {
    await expect(page.getByRole('heading', { name: 'Rocket' })).toBeVisible();
    await expect(page.getByText('elite', { exact: true })).toBeVisible();
    await expect(page.getByText('@track-a')).toBeVisible();
    await expect(page.getByText('@track-b')).toBeVisible();
    await expect(page.getByText(/suspended/i).first()).toBeVisible();
  }
  // The server holds the same merged state.
  const merged = (await api.call('GET', `/athletes/${athlete.id}`)).body as ApiAthlete;
  expect(merged).toMatchObject({ display_name: 'Rocket', member_level: 'elite', status: 'suspended' });
  expect(merged.labels).toEqual(expect.arrayContaining(['@track-a', '@track-b', ...athlete.labels]));

  // A is told that its status change lost, and what it was.
  await expect(a.page.getByText(/Your change to Status \("inactive"\).*was replaced/i).first()).toBeVisible();
  await a.context.close();
  await b.context.close();
});

test('an edit made through the API reaches an open app live, and an app edit is visible in the API', async ({ browser, server }) => {
  const api = await apiLogin(server, COACH1);
  const athlete = ((await api.call('GET', '/athletes?limit=1')).body as { data: ApiAthlete[] }).data[0]!;
  const a = await newCoachPage(browser, server, COACH2);
  await openAthlete(a.page, server.url, athlete.id);

  const patched = await api.call('PATCH', `/athletes/${athlete.id}`, { display_name: 'Via API', labels: [...athlete.labels, '@api'] });
  expect(patched.status).toBe(200);
  await expect(a.page.getByRole('heading', { name: 'Via API' })).toBeVisible();
  await expect(a.page.getByText('@api')).toBeVisible();

  await editAthlete(a.page, { privateNotes: 'Left knee: ease off hills' });
  await expect
    .poll(async () => ((await api.call('GET', `/athletes/${athlete.id}`)).body as { private_notes: string }).private_notes)
    .toBe('Left knee: ease off hills');
  await a.context.close();
});

test('after the first sync the app reopens and edits with no network, and sends the edit when back', async ({ browser, server }) => {
  const api = await apiLogin(server, COACH1);
  const athlete = ((await api.call('GET', '/athletes?limit=1')).body as { data: ApiAthlete[] }).data[0]!;
  const a = await newCoachPage(browser, server, COACH1);
  // Let the offline shell settle (service worker caches the app).
  await a.page.waitForFunction(() => navigator.serviceWorker?.controller !== null || !('serviceWorker' in navigator));
  await a.context.setOffline(true);

  // A "restart": a fresh tab with no network opens straight on the local roster.
  await a.page.close();
  const page = await a.context.newPage();
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('heading', { name: 'Athletes' })).toBeVisible();
  await expect(syncStatus(page)).toContainText('Offline');
  await page.getByRole('link', { name: new RegExp(`${athlete.first_name} ${athlete.last_name}|${athlete.display_name ?? '\u0000'}`) }).first().click();
  await editAthlete(page, { memberLevel: 'offline-level' });
  await expect(syncStatus(page)).toContainText('1 change not yet sent');

  await a.context.setOffline(false);
  await expect
    .poll(async () => ((await api.call('GET', `/athletes/${athlete.id}`)).body as ApiAthlete).member_level, { timeout: 30_000 })
    .toBe('offline-level');
  await expect(syncStatus(page)).not.toContainText('not yet sent');
  await a.context.close();
});
