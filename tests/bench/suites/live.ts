/**
 * Live suite (issue 7, items 2 and 3), in one run against the server as its own process:
 * 1. live propagation: coach A's edit committed in the app (Chromium) -> coach B's screen showing
 *    it, p50/p95 over >= 100 edits, with 500 further live streams (Node clients, signed in as
 *    coaches of the same organization, reading every event) connected to the same server;
 * 2. capacity: streams held by one process (500, 1,000, 2,000 and beyond while time allows), each
 *    step checked by one write reaching every stream, and the process's RSS at each;
 * 3. pushes sustained with conflicts checked, documents/s, on a throwaway PostgreSQL cluster and
 *    on PGlite, each beside the server before the batched write path (live/pushes.ts).
 * Everything is on loopback, bounded in count and time, and stopped in `finally`.
 */
import { cpus, loadavg } from 'node:os';
import { launchChromium } from '../lib/browser';
import type { Figure, SuiteResult } from '../lib/report';
import { ensureDashboard } from '../lib/server';
import { percentile } from '../lib/stats';
import type { Suite, SuiteContext } from '../lib/suite';
import { syncBasePath } from '../../../shared/sync/protocol';
import { climbStreams, type CapacityStep } from './live/capacity';
import { MarkerWriter } from './live/marker-writer';
import { PHASES } from './live/phases';
import { measurePropagation, type PropagationResult } from './live/propagation';
import type { PushLoadResult } from './live/push-load';
import { BEFORE_BATCHED_WRITES, measurePushes, type PushRun, type PushRuns } from './live/pushes';
import { PUSHERS, seedLive, type LiveSeed } from './live/seed';
import { freshPgliteFolder, removeFolder, spawnServer, withDatabase, type ServerProcess } from './live/server-process';
import { StreamClients } from './live/sse-clients';

const TITLE = 'Live propagation and server capacity (issue 7)';
/**
 * Quick A/B runs: LIVE_STREAMS=50 LIVE_EDITS=40 LIVE_ONLY=propagation npm run bench -- --suite live --no-write;
 * LIVE_ONLY=pushes runs only the pushes (PostgreSQL and PGlite, each beside the server before batched writes).
 */
const FURTHER_STREAMS = envCount('LIVE_STREAMS', 500);
const EDITS = envCount('LIVE_EDITS', 120);
const PROPAGATION_ONLY = process.env.LIVE_ONLY === 'propagation';
const PUSHES_ONLY = process.env.LIVE_ONLY === 'pushes';

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number >= 0 (got ${raw})`);
  return n;
}

/** One line per milestone of the edit's way (live/phases.ts), p50/p95 in ms after A's commit. */
function phaseLine(p: PropagationResult): string {
  const parts = PHASES.map(([key, words]) => {
    const s = p.phases[key];
    const q = (k: number) => percentile(s, k)?.toFixed(0) ?? '?';
    return `${words}: ${q(50)}/${q(95)} (n=${s.length})`;
  });
  return `Propagation by phase, p50/p95 ms after the commit in A: ${parts.join('; ')}.`;
}
const STREAM_STEPS = [500, 1_000, 2_000, 3_000, 4_000] as const;
const SESSIONS = 2_000;
const FD_LIMIT = 20_000;
const PUSH_SECONDS = 15;
const MB_STEPS = [500, 1_000, 2_000] as const;

function propagationFigures(p: PropagationResult | null, streams: number): Figure[] {
  const why = p ? undefined : 'not measured (see notes)';
  const s = p?.samples ?? [];
  return [
    { label: `Live propagation p50 (commit in app A -> shown in app B, ${streams} more streams open)`, value: percentile(s, 50), unit: 'ms', note: why },
    { label: `Live propagation p95 (commit in app A -> shown in app B, ${streams} more streams open)`, value: percentile(s, 95), unit: 'ms', target: { op: '<=', value: 250 } },
    { label: `Commit in app A -> last of the ${streams} Node streams got it, p95`, value: percentile(p?.allClientsSamples ?? [], 95), unit: 'ms' },
  ];
}

function capacityFigures(steps: CapacityStep[]): Figure[] {
  const held = steps.filter((s) => s.ok).reduce((m, s) => Math.max(m, s.streams), 0);
  const firstFail = steps.find((s) => !s.ok);
  const figures: Figure[] = [
    {
      label: 'Live streams one server process held (a write reached every one)',
      value: steps.length ? held : null,
      unit: 'count',
      target: { op: '>=', value: 2_000 },
      note: firstFail ? `at ${firstFail.streams}: ${firstFail.opened} open, ${firstFail.failed} failed to open (${firstFail.firstError ?? 'no error'}), the write reached ${firstFail.reached}` : undefined,
    },
  ];
  for (const n of MB_STEPS) {
    const step = steps.find((s) => s.streams === n && s.ok);
    figures.push({ label: `Server process RSS with ${n.toLocaleString('en')} streams`, value: step?.rssMb ?? null, unit: 'MB' });
  }
  return figures;
}

function pushFigure(label: string, run: PushRun, extra: Partial<Figure>): Figure {
  const r: PushLoadResult | null = run.result;
  const checked = r
    ? `${r.pushes} pushes in ${r.seconds.toFixed(1)} s, ${r.written.toLocaleString('en')} rows written, ${r.conflictsAnswered}/${r.conflictsExpected} planted conflicts answered, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ''}`
    : run.why;
  return { label, value: r && r.errors === 0 ? r.docsPerSecond : null, unit: 'docs/s', ...extra, note: checked };
}

function pushFigures(runs: PushRuns | null): Figure[] {
  const none: PushRun = { result: null, why: 'not reached' };
  const p = runs ?? { postgres: none, postgresBefore: none, pglite: none, pgliteBefore: none };
  const before = (run: PushRun) => ({ label: `server at ${BEFORE_BATCHED_WRITES}`, value: run.result && run.result.errors === 0 ? run.result.docsPerSecond : null });
  return [
    pushFigure('Pushes sustained, PostgreSQL', p.postgres, { target: { op: '>=', value: 5_000 }, baseline: before(p.postgresBefore) }),
    pushFigure(`Pushes sustained, PostgreSQL, server at ${BEFORE_BATCHED_WRITES} (row by row)`, p.postgresBefore, {}),
    pushFigure('Pushes sustained, PGlite', p.pglite, { baseline: before(p.pgliteBefore) }),
    pushFigure(`Pushes sustained, PGlite, server at ${BEFORE_BATCHED_WRITES} (row by row)`, p.pgliteBefore, {}),
  ];
}

const firstLine = (err: unknown) => (err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err));

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const started = Date.now();
  const notes: string[] = [];
  const environment: Record<string, string> = {};
  const loadAtStart = loadavg()[0] ?? 0;
  const cleanup: (() => Promise<unknown> | void)[] = [];
  const share = (part: number) => Date.now() + (ctx.deadline - Date.now()) * part;
  let propagation: PropagationResult | null = null;
  let steps: CapacityStep[] = [];
  let pushes: PushRuns | null = null;
  try {
    if (PUSHES_ONLY) {
      notes.push('LIVE_ONLY=pushes: propagation and capacity not run.');
      pushes = await measurePushes({ seconds: PUSH_SECONDS, until: ctx.deadline - 10_000, log: ctx.log });
      if (pushes.postgresVersion) environment.PostgreSQL = `${pushes.postgresVersion} (throwaway cluster, default durability: fsync on)`;
      return { id: 'live', title: TITLE, figures: pushFigures(pushes), notes, environment: { ...environment, 'load average (1 min) at start/end': `${loadAtStart.toFixed(1)}/${(loadavg()[0] ?? 0).toFixed(1)}` }, durationMs: Date.now() - started };
    }
    await ensureDashboard(ctx.log);
    const dir = await freshPgliteFolder();
    cleanup.push(() => removeFolder(dir));
    ctx.log(`live: seeding a PGlite folder (two organizations, ${SESSIONS} stream sessions)`);
    const seed: LiveSeed = await withDatabase({ kind: 'pglite', dataDir: dir }, (db) => seedLive(db, SESSIONS));
    const server: ServerProcess = await spawnServer({ database: { kind: 'pglite', dataDir: dir }, fdLimit: FD_LIMIT, log: ctx.log });
    cleanup.push(() => server.stop());
    environment['server process'] = `server/main.ts (node --import tsx), PGlite, open-files limit ${server.fdLimit ?? '?'}`;
    const clients = new StreamClients(`${server.url}${syncBasePath(seed.live.orgId)}/stream`);
    cleanup.push(() => clients.closeAll());

    ctx.log(`live: opening ${FURTHER_STREAMS} Node live streams`);
    const opened = await clients.open(seed.live.tokens.slice(0, FURTHER_STREAMS));
    if (opened.failed > 0) notes.push(`Of the ${FURTHER_STREAMS} further streams ${opened.failed} did not open (${opened.firstError}).`);
    const browser = await launchChromium();
    cleanup.push(() => browser.close());
    environment.Chromium = browser.version();
    try {
      const athleteId = (seed.live.athletes[0] as { id: string }).id;
      propagation = await measurePropagation(browser, server.url, athleteId, clients, { edits: EDITS, until: share(0.45), log: ctx.log });
      notes.push(
        phaseLine(propagation),
        `Propagation: ${propagation.samples.length} of ${propagation.edits} edits measured (${propagation.missing} not shown in B within 20 s or not seen committed in A); marker in B's DOM p50/p95 ${percentile(propagation.domSamples, 50)?.toFixed(0)}/${percentile(propagation.domSamples, 95)?.toFixed(0)} ms after the commit (the frame follows); the fewest Node streams any edit reached: ${propagation.minClientsReached ?? '?'} of ${clients.live()}.`,
      );
    } catch (err) {
      notes.push(`Propagation not measured: ${firstLine(err)}`);
    }
    await browser.close();
    if (propagation) ctx.log(`live: ${phaseLine(propagation)}`);
    if (PROPAGATION_ONLY) {
      notes.push('LIVE_ONLY=propagation: capacity and pushes not run.');
      return { id: 'live', title: TITLE, figures: propagationFigures(propagation, FURTHER_STREAMS), notes, environment: { ...environment, 'load average (1 min) at start/end': `${loadAtStart.toFixed(1)}/${(loadavg()[0] ?? 0).toFixed(1)}` }, durationMs: Date.now() - started };
    }

    ctx.log('live: capacity, growing the number of streams');
    const writer = new MarkerWriter(server.url, seed.live.orgId, seed.live.editorToken, seed.live.athletes[1] as LiveSeed['live']['athletes'][number]);
    steps = await climbStreams(server, clients, writer, seed.live.tokens, { steps: STREAM_STEPS, until: share(0.55), firstMarker: 10_000, log: ctx.log });
    notes.push(
      `Capacity steps: ${steps.map((s) => `${s.streams}: ${s.ok ? 'all reached' : 'FAILED'}, push sent -> last stream got it ${s.fanOutMs ?? '?'} ms, RSS ${s.rssMb?.toFixed(0) ?? '?'} MB (peak ${s.hwmMb?.toFixed(0) ?? '?'}), ${s.serverFds ?? '?'} server fds`).join('; ')}. Limits: open files ${server.fdLimit ?? '?'} in the server process (${FD_LIMIT} asked for, capped by the hard limit), no connection cap in the server (Node's http server has none by default); the climb stops at the first failing step or its time share.`,
    );
    clients.closeAll();
    await server.stop();

    pushes = await measurePushes({ seconds: PUSH_SECONDS, until: ctx.deadline - 10_000, log: ctx.log });
    if (pushes.postgresVersion) environment.PostgreSQL = `${pushes.postgresVersion} (throwaway cluster, default durability: fsync on)`;
  } catch (err) {
    // What was measured before the failure is still reported.
    notes.push(`The suite stopped early: ${err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 3).join(' ') : String(err)}`);
  } finally {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch((err: unknown) => ctx.log(`live: cleanup failed: ${String(err)}`));
  }
  const figures = [...propagationFigures(propagation, FURTHER_STREAMS), ...capacityFigures(steps), ...pushFigures(pushes)];
  notes.push(
    `Pushes: ${PUSHERS} concurrent pushers (coaches) of one organization, 500-row batches of athlete edits (the app's PUSH_BATCH), 1 row in 100 with a stale assumedMasterState; one push in flight per pusher (as the app's replication); documents/s = rows written / wall time after one warm-up push each. A push answered with any other conflict or a rejection counts as an error and voids the figure. Each backend: a fresh database and its own server process; the "server at ${BEFORE_BATCHED_WRITES}" runs are the same server before the batched write path (git archive of that commit), under the same load in the same run.`,
    'Timing of propagation: both ends are read in Chromium on this machine\'s clock (performance.timeOrigin + now()): "committed locally" is the IndexedDB complete event of the first transaction in page A that wrote the edited value; "showing" is the first animation frame in page B after the value entered its DOM.',
  );
  const loadAtEnd = loadavg()[0] ?? 0;
  environment['load average (1 min) at start/end'] = `${loadAtStart.toFixed(1)}/${loadAtEnd.toFixed(1)}`;
  if (Math.max(loadAtStart, loadAtEnd) > cpus().length) {
    notes.unshift(`Busy machine: load average ${loadAtStart.toFixed(1)} at the start and ${loadAtEnd.toFixed(1)} at the end on ${cpus().length} CPUs; absolute times are inflated.`);
  }
  return { id: 'live', title: TITLE, figures, notes, environment, durationMs: Date.now() - started };
}

export const liveSuite: Suite = { id: 'live', title: TITLE, run };
