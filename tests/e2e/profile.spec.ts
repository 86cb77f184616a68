/**
 * The athlete profile (issue 5): sections with units, the km/miles setting, a GPX file imported
 * OFFLINE that updates the activity list, the trend and a signal at once and syncs when back
 * online, a broken file that imports nothing, the goal edited offline; screenshots of the page.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { apiLogin, expect, HEAD_COACH, test } from './fixtures';
import { DEMO_TIME_ZONE, coachPage, openAthlete, syncStatus } from './helpers';

type ApiAthlete = { id: string; first_name: string; last_name: string; status: string };
const SHOTS = '/tmp/shots-profile';

const dayIn = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** 8 weeks of steady easy running (4 × 8 km a week), 2 runs in the last 7 days: no jump, no spike. */
function steadyHistory(today: string) {
  const runs = [];
  for (let d = 56; d >= 7; d--) {
    if (![0, 2, 4, 5].includes(d % 7)) continue;
    runs.push(easyRun(addDays(today, -d)));
  }
  runs.push(easyRun(addDays(today, -5)), easyRun(addDays(today, -3)));
  return runs;
}
const easyRun = (date: string) => ({
  source: 'api',
  sport: 'run',
  name: 'Easy run',
  start_time: `${date}T07:00:00.000Z`,
  duration_s: 8 * 330,
  distance_m: 8000,
  elevation_gain_m: 20,
  avg_hr: null,
  max_hr: null,
  rpe: null,
});

/** A GPX track due north: `km` kilometres at 5:00 /km with heart rate 152, named `name`. */
function gpxRun(start: Date, km: number, name: string): Buffer {
  const stepM = 50;
  const points = Math.round((km * 1000) / stepM) + 1;
  const dLat = (stepM / 6_371_008.8) * (180 / Math.PI);
  const pts: string[] = [];
  for (let i = 0; i < points; i++) {
    const t = new Date(start.getTime() + i * 15_000).toISOString().replace('.000Z', 'Z');
    pts.push(`<trkpt lat="${(51.5 + i * dLat).toFixed(7)}" lon="-0.1000000"><ele>20</ele><time>${t}</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>152</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`);
  }
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="e2e" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><name>${name}</name><type>running</type><trkseg>${pts.join('')}</trkseg></trk></gpx>\n`,
  );
}

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const chart = (page: Page) => section(page, 'Weekly running distance').getByRole('img');

test('the profile shows every section in the unit setting, and a file imported offline updates it at once and syncs later', async ({ browser, server }) => {
  const api = await apiLogin(server, HEAD_COACH);
  const today = dayIn(new Date());
  const athletes = ((await api.call('GET', '/athletes?limit=100')).body as { data: ApiAthlete[] }).data;
  // An athlete without seeded activities (the demo gives every active athlete 16 weeks; inactive
  // ones have none), so the steady history alone decides the signals (a distance jump needs no
  // active status).
  let athlete = athletes[0]!;
  for (const a of [...athletes.filter((x) => x.status !== 'active'), ...athletes]) {
    const list = (await api.call('GET', `/athletes/${a.id}/activities?limit=1`)).body as { data?: unknown[] } | null;
    if (list?.data?.length === 0) {
      athlete = a;
      break;
    }
  }
  const pushed = await api.call('POST', `/athletes/${athlete.id}/activities`, { activities: steadyHistory(today) });
  expect(pushed.status, JSON.stringify(pushed.body)).toBeLessThan(300);
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
  expect((await api.call('PUT', `/athletes/${athlete.id}/integrations/strava`, { state: 'connected', last_sync_at: twoHoursAgo })).status).toBe(200);
  expect((await api.call('PUT', `/athletes/${athlete.id}/integrations/garmin`, { state: 'error', last_sync_at: twoHoursAgo, detail: 'Token expired: the athlete must reconnect Garmin' })).status).toBe(200);

  const { context, page } = await coachPage(browser, server, HEAD_COACH);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAthlete(page, server.url, athlete.id);

  // Every section, with its units.
  for (const name of ['Attention signals', 'Plans', 'Goal race', 'Integrations', 'Weekly running distance', 'Training load', 'Insights', 'Recent activities']) {
    await expect(section(page, name)).toBeVisible();
  }
  const activities = page.getByRole('table', { name: 'Recent activities' });
  await expect(activities.getByRole('row').nth(1)).toContainText('8.00 km');
  await expect(activities.getByRole('row').nth(1)).toContainText('5:30 /km');
  await expect(chart(page)).toHaveAttribute('aria-label', /km per full week/);
  await expect(section(page, 'Training load')).toContainText('TRIMP/day');
  await expect(section(page, 'Training load')).toContainText('estimate from duration and pace');
  await expect(section(page, 'Insights')).toContainText('Computed from the athlete\'s data by fixed rules');
  const integrations = section(page, 'Integrations');
  await expect(integrations.getByRole('listitem', { name: 'Strava' })).toContainText(/Connected.*Last sync 2 h ago/);
  await expect(integrations.getByRole('listitem', { name: 'Garmin' })).toContainText('Token expired');
  await expect(integrations.getByRole('listitem', { name: 'Apple Health' })).toContainText('Not connected');
  await expect(section(page, 'Attention signals').getByRole('listitem', { name: /Distance jump/ })).toHaveCount(0);

  // Miles: the table, the chart and the insights follow.
  await page.goto(`${server.url}/settings`);
  await page.getByText('Miles (mi)', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Miles (mi)' })).toBeChecked();
  await openAthlete(page, server.url, athlete.id);
  await expect(activities.getByRole('row').nth(1)).toContainText('4.97 mi');
  await expect(activities.getByRole('row').nth(1)).toContainText('/mi');
  await expect(chart(page)).toHaveAttribute('aria-label', /mi per full week/);
  await expect(section(page, 'Insights')).toContainText(' mi');
  await page.goto(`${server.url}/settings`);
  await page.getByText('Kilometres (km)', { exact: true }).click();
  await openAthlete(page, server.url, athlete.id);
  const trendBefore = await chart(page).getAttribute('aria-label');

  // Offline: a 30 km run from a GPX file.
  await context.setOffline(true);
  await expect(syncStatus(page)).toContainText('Offline');
  const now = new Date();
  const start = dayIn(new Date(now.getTime() - 3 * 3_600_000)) === today ? new Date(now.getTime() - 3 * 3_600_000) : new Date(`${today}T00:30:00Z`);
  await page.getByLabel('Activity files', { exact: true }).setInputFiles({ name: 'long-run.gpx', mimeType: 'application/gpx+xml', buffer: gpxRun(start, 30, 'Offline long run') });
  const results = page.getByRole('status', { name: 'Import results' });
  await expect(results).toContainText('1 activity imported');
  await expect(activities.getByRole('row').nth(1)).toContainText('Offline long run');
  await expect(activities.getByRole('row').nth(1)).toContainText('GPX file');
  await expect(chart(page)).not.toHaveAttribute('aria-label', trendBefore ?? '');
  const jump = section(page, 'Attention signals').getByRole('listitem', { name: /Distance jump/ });
  await expect(jump).toBeVisible();
  await expect(jump).toContainText('Computed on this laptop');

  // The same file again is "already imported"; a broken file imports nothing and says why.
  await page.getByLabel('Activity files', { exact: true }).setInputFiles({ name: 'long-run.gpx', mimeType: 'application/gpx+xml', buffer: gpxRun(start, 30, 'Offline long run') });
  await expect(results).toContainText('1 already imported');
  const broken = gpxRun(new Date(start.getTime() - 86_400_000), 10, 'Cut').subarray(0, 1500);
  await page.getByLabel('Activity files', { exact: true }).setInputFiles({ name: 'broken.gpx', mimeType: 'application/gpx+xml', buffer: broken });
  await expect(results).toContainText('Not imported');
  await expect(results).toContainText('broken.gpx');
  await expect(activities.getByRole('row').filter({ hasText: 'Cut' })).toHaveCount(0);

  // The goal, offline too.
  await section(page, 'Goal race').getByRole('button', { name: 'Edit goal race' }).click();
  const dialog = page.getByRole('dialog', { name: 'Goal race and target pace' });
  await dialog.getByLabel('Race name').fill('Valencia Marathon');
  await dialog.getByLabel('Race date').fill(addDays(today, 70));
  await dialog.getByLabel('Goal time (h:mm:ss)').fill('3:29:30');
  await dialog.getByLabel('Target pace (m:ss per km)').fill('4:55');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(section(page, 'Goal race')).toContainText('Valencia Marathon');
  await expect(section(page, 'Goal race')).toContainText('4:55 /km');
  await expect(syncStatus(page)).toContainText('not yet sent');

  // Screenshots of the whole profile, 1280 and 1024 wide.
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/profile-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.screenshot({ path: `${SHOTS}/profile-1024.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Back online: the run reaches the server, whose own signal then takes the place of the local
  // finding (one Distance jump, not two); everything is sent, the goal included.
  await context.setOffline(false);
  await expect
    .poll(async () => ((await api.call('GET', `/athletes/${athlete.id}/activities?limit=100`)).body as { data: { name: string }[] }).data.some((a) => a.name === 'Offline long run'), { timeout: 45_000 })
    .toBe(true);
  await expect(jump.and(page.locator('[data-origin="synced"]'))).toBeVisible({ timeout: 45_000 });
  await expect(section(page, 'Attention signals').getByRole('listitem', { name: /Distance jump/ })).toHaveCount(1);
  await expect(syncStatus(page)).not.toContainText('not yet sent', { timeout: 45_000 });
  await expect.poll(async () => ((await api.call('GET', `/athletes/${athlete.id}`)).body as { target_pace_s_per_km: number }).target_pace_s_per_km).toBe(295);
  await context.close();
});
