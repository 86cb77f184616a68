/**
 * Local database upgrade, where it is real: Chromium's IndexedDB through Dexie, the app's own
 * database code and the real server. Chosen over a vitest test with memory storage because what
 * can go wrong lives in the layers a memory store skips: RxDB's migration of the Dexie tables and
 * of the replication's bookkeeping (the assumed master states that make an edit "unsent"), the
 * replication identifiers stored in IndexedDB, and the built app opening a database written by an
 * older build on the next sign-in.
 *
 * The previous build (db-upgrade.harness.ts, bundled here with esbuild and served on the server's
 * origin so it shares the app's IndexedDB) syncs the demo roster with the athlete schema at
 * version 0, then edits athletes and groups and creates a group while its pushes are refused
 * (426: the server was upgraded first). The current build is then signed in through the UI: it
 * migrates athletes 0 -> 1 and must push every unsent edit to the server, keep every document,
 * and hold the server's profile fields afterwards.
 */
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import type { Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import type { Edits, LocalState, OldClientInput } from './db-upgrade.harness';
import { test, expect, signIn, COACH1, DEMO_PASSWORD, type AstralServer } from './fixtures';

let bundle = '';
test.beforeAll(async () => {
  const out = await build({ entryPoints: ['tests/e2e/db-upgrade.harness.ts'], bundle: true, format: 'iife', platform: 'browser', write: false, minify: false, logLevel: 'silent', define: { 'process.env.NODE_ENV': '"production"' } });
  bundle = out.outputFiles[0]?.text ?? '';
});

type Harness = { oldClient(input: OldClientInput, edits: Edits): Promise<LocalState>; currentState(input: Omit<OldClientInput, 'token' | 'syncVersion'>): Promise<LocalState> };

/** The harness page on the server's origin (so it shares the app's IndexedDB), without the app's CSP. */
async function openHarness(page: Page, server: AstralServer): Promise<void> {
  await page.route(`${server.url}/__upgrade`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>upgrade</title><script src="/__upgrade.js"></script>' }));
  await page.route(`${server.url}/__upgrade.js`, (r) => r.fulfill({ contentType: 'text/javascript', body: bundle }));
  await page.goto(`${server.url}/__upgrade`);
  await page.waitForFunction(() => 'upgradeHarness' in window);
}

async function coachLogin(server: AstralServer) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: COACH1, password: DEMO_PASSWORD }) });
  const body = (await res.json()) as { token: string; user: { id: string }; organizations: { id: string }[] };
  const orgId = body.organizations[0]?.id ?? '';
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${server.url}/api/v1/organizations/${orgId}${path}`, { headers: { authorization: `Bearer ${body.token}` } });
    return (await r.json()) as T;
  };
  return { token: body.token, userId: body.user.id, orgId, get };
}

// A build on the same sync protocol with a newer local schema (athletes v0 -> v1). Across protocol
// versions the replication identifier stays the same (renderer/data/replication.ts
// replicationIdentifier, unit-tested), so a later protocol bump keeps the bases of unsent edits too.
/** The sync protocol both builds speak (the current one). */
const syncVersion = 2;
const story = 'from a build with athletes v0 on the same sync protocol (a schema change alone)';
test(`a local database upgrade ${story} keeps every document and its unsent edits, then syncs them`, async ({ browser, server }) => {
  // Two first syncs (the old build's and the app's, with the demo's activities) on a loaded machine.
  test.setTimeout(300_000);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const coach = await coachLogin(server);
    const input = { serverUrl: server.url, token: coach.token, orgId: coach.orgId, userId: coach.userId, syncVersion };
    const tag = Math.random().toString(36).slice(2, 8);
    const edits: Edits = { renamed: `Upgraded ${tag}`, noted: `Noted before the upgrade ${tag}`, labelled: `@upgrade-${tag}`, group: `Group renamed ${tag}`, newGroup: `Group made offline ${tag}` };

    await openHarness(page, server);
    const before = await page.evaluate(([i, e]) => (window as unknown as { upgradeHarness: Harness }).upgradeHarness.oldClient(i, e), [input, edits] as const);
    expect(before.athleteIds.length).toBeGreaterThan(3);
    const editedAthletes = Object.values(before.athletes).filter((a) => a.display_name === edits.renamed || a.private_notes === edits.noted || a.labels.includes(edits.labelled));
    expect(editedAthletes).toHaveLength(3);
    // Nothing of it reached the server yet.
    const serverGroups = async () => (await coach.get<{ data: Group[] }>('/groups')).data;
    expect((await serverGroups()).map((g) => g.name)).not.toContain(edits.newGroup);

    // The current build: signing in opens (and migrates) the same database, then syncs.
    await signIn(page, server, COACH1);
    const serverAthlete = (id: string) => coach.get<Athlete>(`/athletes/${id}`);
    await expect
      .poll(async () => {
        const [names, athletes] = await Promise.all([serverGroups(), Promise.all(editedAthletes.map((a) => serverAthlete(a.id)))]);
        return {
          groups: names.map((g) => g.name).filter((n) => n === edits.group || n === edits.newGroup).sort(),
          renamed: athletes.some((a) => a.display_name === edits.renamed),
          noted: athletes.some((a) => a.private_notes === edits.noted),
          labelled: athletes.some((a) => a.labels.includes(edits.labelled)),
        };
      }, { timeout: 60_000 })
      .toEqual({ groups: [edits.group, edits.newGroup].sort(), renamed: true, noted: true, labelled: true });

    // Every document is still there locally, with the edits and the server's profile fields.
    await page.goto(`${server.url}/__upgrade`);
    await page.waitForFunction(() => 'upgradeHarness' in window);
    const after = await page.evaluate((i) => (window as unknown as { upgradeHarness: Harness }).upgradeHarness.currentState(i), input);
    expect(after.athleteIds).toEqual(before.athleteIds);
    expect(after.groupIds).toEqual(before.groupIds);
    for (const a of editedAthletes) {
      const server = await serverAthlete(a.id);
      expect(after.athletes[a.id]).toMatchObject({ display_name: server.display_name, private_notes: server.private_notes, labels: server.labels, goal_race: server.goal_race, integrations: server.integrations });
    }
    for (const a of Object.values(after.athletes)) expect(Object.keys(a)).toEqual(expect.arrayContaining(['goal_race', 'target_pace_s_per_km', 'max_hr', 'resting_hr', 'integrations']));
  } finally {
    await context.close();
  }
});
