/**
 * Issue 5, Needs attention and desktop notifications in the app (web dashboard in Chromium):
 * the page lists athletes with open signals, urgent first; an activity pushed through the API that
 * makes an athlete's load spike notifies the ASSIGNED coach's app through the web Notification API
 * (stubbed to record calls), and clicking it opens the athlete's profile; an acknowledgement on one
 * coach's page disappears from another coach's page without a reload.
 */
import type { BrowserContext, Browser, Page } from '@playwright/test';
import { test, expect, apiLogin, COACH1, DEMO_PASSWORD, HEAD_COACH, type AstralServer } from './fixtures';

// Two or three signed-in apps and sync round trips: slow on a busy machine.
test.setTimeout(420_000);

type ApiAthlete = { id: string; first_name: string; last_name: string; coach_ids: string[] };
type ApiCoach = { id: string; email: string };
type Api = Awaited<ReturnType<typeof apiLogin>>;
type Recorded = { title: string; body: string };

/** Records every web Notification the app creates; permission granted. */
function stubNotifications() {
  const shown: unknown[] = [];
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission = () => Promise.resolve('granted');
    onclick: (() => void) | null = null;
    body: string;
    constructor(
      public title: string,
      options?: { body?: string },
    ) {
      this.body = options?.body ?? '';
      shown.push(this);
    }
    close() {}
  }
  Object.assign(window, { Notification: RecordingNotification, __notifications: shown });
}

async function signedIn(browser: Browser, server: AstralServer, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.addInitScript(stubNotifications);
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Server URL').fill(server.url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The first sync brings the demo's 16 weeks of activities: slow on a loaded machine.
  await expect(page.getByRole('table', { name: 'Athletes' }).getByRole('row').nth(1)).toBeVisible({ timeout: 150_000 });
  return { context, page };
}

const recorded = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __notifications: Recorded[] }).__notifications ?? []).map((n) => ({ title: n.title, body: n.body })));

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/**
 * Five weeks of easy runs every other day (the rules need 4 weeks of history), then six long hard
 * days: the 7-day load far above the 28-day weekly average (ACWR well over 1.5) and a distance jump.
 */
async function spikeLoad(api: Api, athleteId: string) {
  const easy = Array.from({ length: 12 }, (_, i) => ({
    sport: 'run', name: 'Easy run', start_time: `${day(35 - i * 2)}T07:00:00.000Z`, duration_s: 2400, distance_m: 7000,
    elevation_gain_m: null, avg_hr: 138, max_hr: 150, rpe: 3,
  }));
  const hard = Array.from({ length: 6 }, (_, i) => ({
    sport: 'run', name: 'Long hard run', start_time: `${day(6 - i)}T06:30:00.000Z`, duration_s: 9000, distance_m: 32000,
    elevation_gain_m: 300, avg_hr: 168, max_hr: 186, rpe: 8,
  }));
  const res = await api.call('POST', `/athletes/${athleteId}/activities`, { activities: [...easy, ...hard] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function athletesOf(api: Api, coachId: string): Promise<ApiAthlete[]> {
  return ((await api.call('GET', `/athletes?coach_id=${coachId}&limit=50`)).body as { data: ApiAthlete[] }).data;
}

async function coachId(api: Api, email: string): Promise<string> {
  const coaches = ((await api.call('GET', '/coaches')).body as { data: ApiCoach[] }).data;
  return coaches.find((c) => c.email === email)!.id;
}

const entries = (page: Page) => page.getByRole('list', { name: 'Athletes that need attention' }).locator(':scope > li');

test('Needs attention lists the athletes with open signals, urgent first, with the counts', async ({ browser, server }) => {
  const head = await apiLogin(server, HEAD_COACH);
  const someone = ((await head.call('GET', '/athletes?limit=1')).body as { data: ApiAthlete[] }).data[0]!;
  await spikeLoad(head, someone.id);

  const { context, page } = await signedIn(browser, server, HEAD_COACH);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Needs attention/ }).click();
  await expect(page.getByRole('heading', { name: 'Needs attention' })).toBeVisible();
  await expect(page.getByTestId('attention-counts')).toHaveText(/^[1-9]\d* urgent · \d+ watch$/, { timeout: 30_000 });
  await expect(entries(page).first()).toBeVisible();
  // Urgent athletes come before watch ones.
  const severities = await entries(page).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-severity-entry') ?? ''));
  expect(severities.length).toBeGreaterThan(0);
  expect(severities[0]).toBe('urgent');
  expect(severities.indexOf('watch') === -1 || severities.lastIndexOf('urgent') < severities.indexOf('watch')).toBe(true);
  await expect(page.getByRole('listitem', { name: `${someone.first_name} ${someone.last_name}` })).toContainText('Load spike');
  await page.screenshot({ path: '/tmp/shots-attention/attention.png', fullPage: true });

  // The roster's attention column sorts urgent first on its first click.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster' }).click();
  await page.getByRole('button', { name: 'Attention' }).click();
  await expect(page.getByRole('columnheader', { name: /Attention/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('table', { name: 'Athletes' }).getByRole('row').nth(1)).toContainText(/Urgent/);
  await page.screenshot({ path: '/tmp/shots-attention/roster-attention.png' });
  await context.close();
});

test("an activity pushed through the API notifies the assigned coach's app once; clicking it opens the profile", async ({ browser, server }) => {
  const head = await apiLogin(server, HEAD_COACH);
  const coach1 = await coachId(head, COACH1);
  let mine = await athletesOf(head, coach1);
  if (mine.length === 0) {
    const free = ((await head.call('GET', '/athletes?coach_id=none&limit=1')).body as { data: ApiAthlete[] }).data[0]!;
    expect((await head.call('PUT', `/athletes/${free.id}/coaches`, { coach_ids: [coach1] })).status).toBe(200);
    mine = await athletesOf(head, coach1);
  }
  const athlete = mine[mine.length - 1]!;
  const name = `${athlete.first_name} ${athlete.last_name}`;

  const c1 = await signedIn(browser, server, COACH1);
  const h = await signedIn(browser, server, HEAD_COACH);
  await h.page.goto(`${server.url}/settings`);
  await h.page.getByRole('radiogroup', { name: 'Notify me about' }).getByText('Athletes assigned to me').click();
  await expect(h.page.getByRole('radio', { name: 'Athletes assigned to me' })).toBeChecked();
  // Signals that were there before this device's first sync never notify.
  await c1.page.waitForTimeout(3000);
  expect(await recorded(c1.page)).toEqual([]);

  await spikeLoad(head, athlete.id);
  await expect
    .poll(async () => (await recorded(c1.page)).filter((n) => n.title.startsWith(`${name}: Load spike`)), { timeout: 45_000 })
    .toHaveLength(1);
  const shown = (await recorded(c1.page)).find((n) => n.title.startsWith(`${name}: Load spike`))!;
  expect(shown.title).toMatch(/ \((urgent|watch)\)$/);
  expect(shown.body).toMatch(/ACWR|load/i);
  // The head coach follows only assigned athletes now: nothing for them (unless assigned too).
  if (!athlete.coach_ids.includes(await coachId(head, HEAD_COACH))) expect((await recorded(h.page)).filter((n) => n.title.startsWith(name))).toEqual([]);

  await c1.page.evaluate((prefix) => {
    const list = (window as unknown as { __notifications: { title: string; onclick: (() => void) | null }[] }).__notifications;
    list.find((n) => n.title.startsWith(prefix))?.onclick?.();
  }, `${name}: Load spike`);
  await expect(c1.page).toHaveURL(new RegExp(`/athletes/${athlete.id}$`));
  await expect(c1.page.getByRole('heading', { name: new RegExp(athlete.first_name) }).first()).toBeVisible();

  // Once per coach across restarts: a reload (a new start) shows nothing again.
  await c1.page.reload();
  await c1.page.waitForTimeout(4000);
  expect((await recorded(c1.page)).filter((n) => n.title.startsWith(name))).toEqual([]);
  await Promise.all([c1.context.close(), h.context.close()]);
});

test("an acknowledgement on one coach's page disappears from another coach's page without a reload", async ({ browser, server }) => {
  const head = await apiLogin(server, HEAD_COACH);
  const athlete = ((await head.call('GET', '/athletes?limit=2')).body as { data: ApiAthlete[] }).data[1]!;
  await spikeLoad(head, athlete.id);
  const name = `${athlete.first_name} ${athlete.last_name}`;

  const a = await signedIn(browser, server, HEAD_COACH);
  const b = await signedIn(browser, server, COACH1);
  for (const p of [a.page, b.page]) await p.goto(`${server.url}/attention?who=all`);
  const item = (p: Page) => p.getByRole('listitem', { name }).getByRole('listitem', { name: /^Load spike/ });
  await expect(item(a.page)).toBeVisible({ timeout: 30_000 });
  await expect(item(b.page)).toBeVisible({ timeout: 30_000 });

  await item(a.page).getByRole('button', { name: 'Acknowledge Load spike' }).click();
  await expect(a.page.getByText('Signal acknowledged')).toBeVisible();
  await expect(item(a.page)).toHaveCount(0);
  await expect(item(b.page)).toHaveCount(0, { timeout: 30_000 });
  await Promise.all([a.context.close(), b.context.close()]);
});
