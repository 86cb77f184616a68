/**
 * Roster suite (issue 9, "Speed it must reach"): 10,000 athletes in the local database, in
 * Chromium, against the real server on loopback. Measures the first sync (informational), keystroke
 * -> filtered table painted against a bare in-memory baseline (baseline/), open -> roster painted
 * against an empty organization, and frame times while scrolling 1,000 shown rows.
 */
import { cpus, loadavg } from 'node:os';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Athlete } from '../../../shared/domain/athlete';
import { sortAthletes } from '../../../renderer/data/search';
import { buildBaseline, serveBaseline, type StaticServer } from '../baseline/build';
import { launchChromium } from '../lib/browser';
import { whereTimeGoes } from '../lib/profile';
import { verdict, type SuiteResult } from '../lib/report';
import { ensureDashboard, startBenchServer, type BenchServer } from '../lib/server';
import type { Suite, SuiteContext } from '../lib/suite';
import { seedLarge, type SeededOrg } from '../seed-large';
import { keystrokePhases, METHOD_NOTES, openPhases, rosterFigures } from './roster/figures';
import { openOnce, SCROLL_STEP, scrollShownRows, searchBox, typeSteps, warmUp, type KeystrokeRun } from './roster/measure';
import { installKeystrokeRecorder, installOpenRecorder, NAME_SHIM, type OpenSample } from './roster/recorder';
import { planSteps, type Step } from './roster/script';

const ATHLETES = 10_000;
const OPEN_RUNS = 5;
const SCROLL_ROWS = 1_000;
const TITLE = 'Roster at 10,000 athletes (issue 9)';

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: NAME_SHIM });
  await context.addInitScript(installKeystrokeRecorder);
  await context.addInitScript(installOpenRecorder);
  return context;
}

/** Signs in through the UI; returns ms from the click to `ready` shown (the first sync is then done). */
async function signIn(page: Page, url: string, org: SeededOrg, ready: string): Promise<number> {
  await page.goto(`${url}/signin`);
  await page.getByLabel('Server URL').fill(url);
  await page.getByLabel('Email').fill(org.email);
  await page.getByLabel('Password').fill(org.password);
  const started = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(ready, { exact: true }).first().waitFor({ timeout: 180_000 });
  return Date.now() - started;
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const started = Date.now();
  const notes: string[] = [];
  const environment: Record<string, string> = {};
  const loadAtStart = loadavg()[0] ?? 0;
  const left = () => ctx.deadline - Date.now();
  await ensureDashboard(ctx.log);
  ctx.log('roster: building the baseline harness');
  const baselineDir = await buildBaseline();
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    ctx.log('roster: starting the server (PGlite, throwaway folder)');
    const server: BenchServer = await startBenchServer();
    cleanup.push(() => server.stop());
    const seeding = Date.now();
    const seed = await seedLarge(server.store, ATHLETES);
    ctx.log(`roster: seeded ${ATHLETES.toLocaleString('en')} athletes in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

    // The baseline gets the very documents the app syncs, straight from the server's store.
    const athletes = (await server.store.list(seed.large.orgId, 'athletes')).map((d) => d.data as Athlete);
    const coaches = (await server.store.list(seed.large.orgId, 'coaches')).map((d) => d.data);
    const steps: Step[] = planSteps(sortAthletes(athletes));
    const baseline: StaticServer = await serveBaseline(baselineDir, JSON.stringify({ athletes, coaches }));
    cleanup.push(() => baseline.close());

    const browser = await launchChromium();
    cleanup.push(() => browser.close());
    environment.Chromium = browser.version();

    ctx.log('roster: signing in to the 10,000-athlete organization (first sync)');
    const appContext = await newContext(browser);
    const app = await appContext.newPage();
    const firstSyncMs = await signIn(app, server.url, seed.large, `${ATHLETES.toLocaleString('en-US')} athletes`);

    // Keystrokes first: the target that matters most gets its time even on a slow machine.
    ctx.log(`roster: keystrokes (${steps.filter((s) => s.measured).length} measured of ${steps.length}), app and baseline key by key`);
    const baseContext = await newContext(browser);
    const base = await baseContext.newPage();
    await base.goto(baseline.url);
    await base.getByRole('table', { name: 'Athletes' }).locator('tbody tr').first().waitFor({ timeout: 60_000 });
    const keysUntil = Math.min(Date.now() + 90_000, ctx.deadline - 60_000);
    const [appKeys, baseKeys] = (await typeSteps([app, base], steps, keysUntil)) as [KeystrokeRun, KeystrokeRun];
    notes.push(keystrokePhases(appKeys, baseKeys));
    if (appKeys.mismatched + baseKeys.mismatched > 0) {
      notes.push(`Check failed: after ${appKeys.mismatched} measured keys the app, and after ${baseKeys.mismatched} the baseline, showed other rows than the app's filter gives.`);
    }
    await baseContext.close();

    ctx.log('roster: signing in to the empty organization');
    const emptyContext = await newContext(browser);
    const empty = await emptyContext.newPage();
    await signIn(empty, server.url, seed.empty, 'No athletes in this organization yet.');
    ctx.log(`roster: open -> roster painted, up to ${OPEN_RUNS} reloads of each (after one warm-up), alternating`);
    const openLarge: OpenSample[] = [];
    const openEmpty: OpenSample[] = [];
    const openUntil = Math.min(Date.now() + 75_000, ctx.deadline - 20_000);
    let openFailed = 0;
    for (let i = 0; i <= OPEN_RUNS && (i < 2 || Date.now() < openUntil); i++) {
      const [large, none] = [await openOnce(app), await openOnce(empty)];
      if (i === 0) continue;
      if (large?.kind === 'rows') openLarge.push(large);
      if (none?.kind === 'empty') openEmpty.push(none);
      openFailed += (large?.kind === 'rows' ? 0 : 1) + (none?.kind === 'empty' ? 0 : 1);
    }
    if (openFailed > 0) notes.push(`Check: ${openFailed} reloads did not paint the expected roster (rows, or the empty-roster message) within 30 s.`);
    notes.push(openPhases(openLarge, openEmpty));
    await emptyContext.close();

    ctx.log(`roster: scrolling ${SCROLL_ROWS.toLocaleString('en')} shown rows`);
    await searchBox(app).fill('');
    const scrollMs = Math.max(3_000, Math.min(15_000, left() - 5_000));
    const scroll = { ...(await scrollShownRows(app, ATHLETES, SCROLL_ROWS, scrollMs)), step: SCROLL_STEP, maxMs: scrollMs };

    const figures = rosterFigures({ firstSyncMs, appKeys, baseKeys, openLarge, openEmpty, scroll });
    const missed = (label: string) => figures.some((f) => f.label.startsWith(label) && verdict(f) === 'missed');
    if ((missed('Keystroke ->') || ctx.profile) && left() > 20_000) {
      ctx.log('roster: profiling the keystrokes (where the time goes)');
      // Warm up first: the locators it uses run Playwright's own script in the page, not the app's.
      await warmUp(app);
      const until = Date.now() + 20_000;
      const lines = await whereTimeGoes(browser, app, () => typeSteps([app], steps.slice(0, 15), until, { warm: false }).then(() => undefined));
      notes.push(...lines.map((l) => `Where the time goes, keystrokes in the app (profiled pass, shares of busy time): ${l}`));
    }
    if ((missed('Open ->') || ctx.profile) && left() > 15_000) {
      ctx.log('roster: profiling an open of the 10,000-athlete roster');
      const lines = await whereTimeGoes(browser, app, () => openOnce(app).then(() => undefined));
      notes.push(...lines.map((l) => `Where the time goes, open of the 10,000-athlete roster (profiled reload): ${l}`));
    }
    const loadAtEnd = loadavg()[0] ?? 0;
    environment['load average (1 min) at start/end'] = `${loadAtStart.toFixed(1)}/${loadAtEnd.toFixed(1)}`;
    if (Math.max(loadAtStart, loadAtEnd) > cpus().length) {
      notes.unshift(
        `Busy machine: the load average was ${loadAtStart.toFixed(1)} at the start and ${loadAtEnd.toFixed(1)} at the end on ${cpus().length} CPUs (other work ran beside the bench), so absolute times are inflated; the ratios, whose two sides were measured alternately in the same minutes, are the figures to trust.`,
      );
    }
    notes.push(...METHOD_NOTES);
    return { id: 'roster', title: TITLE, figures, notes, environment, durationMs: Date.now() - started };
  } finally {
    for (const step of cleanup.reverse()) await step().catch((err: unknown) => ctx.log(`roster: cleanup failed: ${String(err)}`));
  }
}

export const rosterSuite: Suite = { id: 'roster', title: TITLE, run };
