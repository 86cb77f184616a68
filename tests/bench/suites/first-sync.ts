/**
 * First sync and offline catch-up (issue 7, items 1 and 4), in Chromium against the real sync
 * server on loopback: a 10,000-athlete organization with 100,000 activities and the rest of a large
 * organization's documents (first-sync/seed.ts) pulled by the app's data layer, against Dexie
 * bulkPut of the same documents (the storage limit) and PouchDB replicating them from
 * express-pouchdb; then the synced app offline while 5,000 documents change, timed until it has
 * them all against a raw pull of the same range. Method: first-sync/figures.ts METHOD_NOTES.
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { launchChromium } from '../lib/browser';
import { whereTimeGoes } from '../lib/profile';
import { verdict, type SuiteResult } from '../lib/report';
import { startBenchServer } from '../lib/server';
import type { Suite, SuiteContext } from '../lib/suite';
import { buildHarness } from './first-sync/build';
import { makeChanges } from './first-sync/changes';
import { firstSyncFigures, METHOD_NOTES, type Measured } from './first-sync/figures';
import type { CatchUpResult, FirstSyncHarness, SyncTarget } from './first-sync/harness/main';
import { sampleHeap } from './first-sync/memory';
import { startHarnessServer } from './first-sync/pouch-server';
import { LARGE_SHAPE } from './first-sync/org';
import { exportDocs, seedFirstSync } from './first-sync/seed';

const ID = 'first-sync';
const TITLE = 'First sync of a large organization and offline catch-up (issue 7)';
const PULL_LIMIT = 1000;
const CHANGES = 5000;
/** FIRST_SYNC_SCALE=0.1 seeds a tenth of the organization (developing the suite); the issue's figures are at 1. */
const SCALE = Math.min(1, Math.max(0.01, Number(process.env.FIRST_SYNC_SCALE ?? 1) || 1));

type H = { __firstSync: FirstSyncHarness };

/** `promise`, or null once `ms` passed (the page keeps running; the caller closes it). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function login(url: string, email: string, password: string): Promise<{ token: string; orgId: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login failed: HTTP ${res.status}`);
  const body = (await res.json()) as { token: string; organizations: { id: string; name: string }[] };
  const org = body.organizations.find((o) => o.name === 'Large Running Club') ?? body.organizations[0];
  if (!org) throw new Error('the bench head coach has no organization');
  return { token: body.token, orgId: org.id };
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const started = Date.now();
  const left = () => ctx.deadline - Date.now();
  const notes: string[] = [];
  const environment: Record<string, string> = {};
  const loadAtStart = loadavg()[0] ?? 0;
  const cleanup: (() => Promise<unknown>)[] = [];
  const m: Measured = { total: 0, app: null, appNote: '', heapMb: null, rawAll: null, bulk: null, bulkHeapMb: null, floor: null, pouch: null, pouchNote: '', catchUp: null, catchUpNote: '', rawRange: null };
  try {
    ctx.log(`${ID}: bundling the harness page (esbuild)`);
    const harness = await startHarnessServer(await buildHarness({ readable: ctx.profile }));
    cleanup.push(() => harness.close());
    ctx.log(`${ID}: starting the server (PGlite, throwaway folder)`);
    const server = await startBenchServer();
    cleanup.push(() => server.stop());
    const seeding = Date.now();
    const seed = await seedFirstSync(server.store, Math.round(10_000 * SCALE), { ...LARGE_SHAPE, activities: Math.round(LARGE_SHAPE.activities * SCALE), wellnessAthletes: Math.round(LARGE_SHAPE.wellnessAthletes * SCALE) });
    m.total = seed.total;
    const counts = Object.entries(seed.counts).map(([c, k]) => `${c} ${k.toLocaleString('en')}`).join(', ');
    ctx.log(`${ID}: seeded ${seed.total.toLocaleString('en')} documents in ${((Date.now() - seeding) / 1000).toFixed(1)} s (${counts})`);
    notes.push(`Organization: ${counts}.`);
    const docs = await exportDocs(server.store, seed.large.orgId);
    harness.setDocs(JSON.stringify(docs));
    const target: SyncTarget = { serverUrl: server.url, ...(await login(server.url, seed.large.email, seed.large.password)) };

    const browser = await launchChromium();
    cleanup.push(() => browser.close());
    environment.Chromium = browser.version();
    const context = await browser.newContext();
    const openPage = async (): Promise<Page> => {
      const page = await context.newPage();
      page.on('pageerror', (err) => ctx.log(`${ID}: page error: ${err.message}`));
      await page.goto(harness.url);
      await page.waitForFunction(() => '__firstSync' in window, null, { timeout: 30_000 });
      return page;
    };

    // 1. The app's first sync (the figure with the targets comes first, while time is plentiful).
    ctx.log(`${ID}: app first sync of ${seed.total.toLocaleString('en')} documents`);
    const app = await openPage();
    const heap = await sampleHeap(app);
    m.app = await within(app.evaluate(([t, name]) => (window as unknown as H).__firstSync.appSync(t, name), [target, 'app-first-sync'] as const), left() - 60_000);
    m.heapMb = (await heap.stop()).peakMb;
    if (m.app) {
      const short = Object.entries(seed.counts).filter(([c, k]) => m.app?.counts[c] !== k);
      m.appNote = short.length === 0 ? 'every collection complete in the local database' : `Check failed: local counts differ: ${short.map(([c, k]) => `${c} ${m.app?.counts[c] ?? 0} of ${k}`).join(', ')}`;
      if (m.app.errors.length > 0) m.appNote += `; sync reported: ${m.app.errors.slice(0, 3).join(' | ')}`;
      ctx.log(`${ID}: app first sync ${(m.app.ms / 1000).toFixed(1)} s, heap peak ${m.heapMb.toFixed(0)} MB`);
    } else m.appNote = 'not finished before the suite\'s deadline';

    // Network + server share of the first sync: the whole organization pulled raw, nothing stored.
    if (left() > 90_000) m.rawAll = await within(app.evaluate(([t, limit]) => (window as unknown as H).__firstSync.rawPull(t, 0, limit), [target, PULL_LIMIT] as const), left() - 60_000);

    // 2. Offline catch-up, on the synced app: offline, CHANGES documents change on the server, online.
    const catchUp = async (marker: string) => {
      await context.setOffline(true);
      await app.waitForFunction(() => !navigator.onLine, null, { timeout: 10_000 });
      await app.waitForTimeout(1000); // let the live stream notice
      const changes = await makeChanges(server.store, seed.large.orgId, marker, CHANGES);
      await app.evaluate(([mk, ids]) => (window as unknown as H).__firstSync.armCatchUp(mk, ids), [marker, changes.ids] as const);
      await app.evaluate(() => (window as unknown as H).__firstSync.markStart());
      await context.setOffline(false);
      const result = await app.evaluate((t) => (window as unknown as H).__firstSync.waitCatchUp(t), Math.min(180_000, left() - 60_000));
      return { changes, result };
    };
    if (m.app && left() > 120_000) {
      ctx.log(`${ID}: offline catch-up (${CHANGES.toLocaleString('en')} changes while offline)`);
      const marker = new Date().toISOString();
      const { changes, result } = await catchUp(marker);
      m.catchUp = result;
      m.rawRange = await app.evaluate(([t, from, limit]) => (window as unknown as H).__firstSync.rawPull(t, from, limit), [target, changes.fromSeq, PULL_LIMIT] as const);
      const stored = await app.evaluate(([mk, ids]) => (window as unknown as H).__firstSync.countMarked(mk, ids), [marker, changes.ids] as const);
      const mix = Object.entries(changes.byCollection).map(([c, k]) => `${c} ${k}`).join(', ');
      m.catchUpNote = `${mix}; ${m.catchUp.seen} of ${m.catchUp.expected} seen, ${stored} stored with the new version${m.catchUp.onlineEvent ? '' : '; the page got no online event'}; raw pull ${m.rawRange.docs} documents in ${m.rawRange.requests} requests. The app after going online: ${m.catchUp.timeline}`;
      ctx.log(`${ID}: catch-up ${m.catchUp.ms === null ? 'unfinished' : `${(m.catchUp.ms / 1000).toFixed(2)} s`}, raw pull ${(m.rawRange.ms / 1000).toFixed(2)} s; ${m.catchUp.timeline}`);
      // Where a catch-up's time goes: a second one (the same kinds of changes again), profiled.
      if (ctx.profile && m.catchUp.ms !== null && left() > m.catchUp.ms * 3 + 180_000) {
        ctx.log(`${ID}: profiling a second offline catch-up`);
        let profiled: CatchUpResult | null = null;
        const lines = await whereTimeGoes(browser, app, async () => {
          profiled = (await catchUp(new Date().toISOString())).result;
        });
        const took = (profiled as CatchUpResult | null)?.ms;
        notes.push(...lines.map((l) => `Where the time goes, offline catch-up (profiled second round, ${took === null || took === undefined ? 'unfinished' : `${(took / 1000).toFixed(1)} s`} under the profiler; shares of busy time): ${l}`));
      }
    } else m.catchUpNote = 'not measured: no synced app, or too little time left';

    await within(app.evaluate(() => (window as unknown as H).__firstSync.stopApp()), 20_000);
    await app.close();

    // 3. Dexie bulkPut of the same documents.
    if (left() > 60_000) {
      ctx.log(`${ID}: Dexie bulkPut baseline`);
      const page = await openPage();
      const bulkHeap = await sampleHeap(page);
      m.bulk = await within(page.evaluate(() => (window as unknown as H).__firstSync.bulkPut('bulkput-baseline')), left() - 30_000);
      m.bulkHeapMb = (await bulkHeap.stop()).peakMb;
      await page.close();
    }
    // 3b. The same documents put straight into the stores RxDB makes for the app: the layout's floor.
    if (left() > 60_000) {
      ctx.log(`${ID}: the app's storage layout, written with bulkPut`);
      const page = await openPage();
      m.floor = await within(page.evaluate(() => (window as unknown as H).__firstSync.layoutFloor('layout-floor')), left() - 30_000);
      await page.close();
    }

    // 4. PouchDB, with whatever time is left (an unfinished run is a lower bound).
    if (left() > 60_000) {
      ctx.log(`${ID}: loading ${seed.total.toLocaleString('en')} documents into express-pouchdb`);
      const loaded = await harness.loadPouch(docs, ctx.deadline - 45_000);
      if (loaded === seed.total) {
        const cap = left() - 30_000;
        ctx.log(`${ID}: PouchDB replication (at most ${Math.round(cap / 1000)} s)`);
        const page = await openPage();
        m.pouch = await page.evaluate(([url, cap]) => (window as unknown as H).__firstSync.pouch(url, 'pouch-baseline', 1000, cap), [harness.pouchUrl, cap] as const);
        await page.close();
        m.pouchNote = `${m.pouch.docs.toLocaleString('en')} of ${seed.total.toLocaleString('en')} documents replicated${m.pouch.finished ? '' : ` when stopped after ${Math.round(m.pouch.ms / 1000)} s`}${m.pouch.error ? `; error: ${m.pouch.error}` : ''}`;
      } else m.pouchNote = `not measured: only ${loaded} of ${seed.total} documents loaded into express-pouchdb before the deadline`;
    } else m.pouchNote = 'not measured: too little time left';

    const figures = firstSyncFigures(m);
    if ((ctx.profile || verdict(figures[0] ?? { label: '', value: null, unit: 's' }) === 'missed') && m.app && left() > m.app.ms * 2 + 30_000) {
      ctx.log(`${ID}: profiling a second app first sync (where the time goes)`);
      const page = await openPage();
      const lines = await whereTimeGoes(browser, page, async () => {
        await within(page.evaluate(([t, name]) => (window as unknown as H).__firstSync.appSync(t, name), [target, 'app-profiled'] as const), left() - 20_000);
      });
      notes.push(...lines.map((l) => `Where the time goes, app first sync (profiled second run, shares of busy time): ${l}`));
      await page.close();
    }
    const loadAtEnd = loadavg()[0] ?? 0;
    environment['load average (1 min) at start/end'] = `${loadAtStart.toFixed(1)}/${loadAtEnd.toFixed(1)}`;
    if (Math.max(loadAtStart, loadAtEnd) > cpus().length) {
      notes.unshift(`Busy machine: load average ${loadAtStart.toFixed(1)} at the start and ${loadAtEnd.toFixed(1)} at the end on ${cpus().length} CPUs; absolute times are inflated and the contenders ran one after the other, so the ratios carry that noise too.`);
    }
    notes.push(...METHOD_NOTES);
    return { id: ID, title: TITLE, figures, notes, environment, durationMs: Date.now() - started };
  } finally {
    for (const step of cleanup.reverse()) await step().catch((err: unknown) => ctx.log(`${ID}: cleanup failed: ${String(err)}`));
  }
}

export const firstSyncSuite: Suite = { id: ID, title: TITLE, run };
