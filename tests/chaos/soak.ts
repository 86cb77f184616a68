/**
 * `npm run soak`: the chaos convergence test (orchestrator.ts) over many seeds.
 *   npm run soak -- --seeds 500            seeds 1..500
 *   npm run soak -- --seed 1234            one seed (the replay of a failure)
 *   options: --steps N (events per seed, default 60), --kills N (server kills per seed, default 2),
 *            --verbose (progress lines inside a seed)
 * Prints one line per seed and a summary: seeds run, edits made, edits acknowledged, divergences,
 * lost edits, server kills. Exit 1 when any divergence or lost edit was found (or a seed crashed).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_KILLS, DEFAULT_STEPS, replayCommand, runSeed, startPool, type SeedResult } from './orchestrator';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    seed: { type: 'string' },
    steps: { type: 'string', default: String(DEFAULT_STEPS) },
    kills: { type: 'string', default: String(DEFAULT_KILLS) },
    verbose: { type: 'boolean', default: false },
  },
});

const whole = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number >= ${min} (got ${v})`);
    process.exit(2);
  }
  return n;
};

const seeds = values.seed !== undefined ? [whole('seed', values.seed, 0)] : Array.from({ length: whole('seeds', values.seeds ?? '20', 1) }, (_, i) => i + 1);
const options = {
  steps: whole('steps', values.steps, 1),
  maxKills: whole('kills', values.kills, 0),
  quietTimeoutMs: 120_000,
  log: values.verbose ? (line: string) => console.log(`  ${line}`) : undefined,
};
const replay = (seed: number) => replayCommand(seed, options.steps, options.maxKills);

function line(r: SeedResult): string {
  return (
    `seed ${r.seed}: ${r.edits} edits (${r.editsRefusedLocally} refused by the app), ${r.pushedRows} rows pushed: ` +
    `${r.acknowledged} acknowledged, ${r.conflicts} conflicts, ${r.refused} refused, ${r.unknown} unanswered; ` +
    `${r.kills} kills, ${r.outages} outages; divergences ${r.divergences}, lost edits ${r.lostEdits}; ` +
    `quiet ${(r.quietMs / 1000).toFixed(1)} s, total ${(r.durationMs / 1000).toFixed(1)} s`
  );
}

async function main(): Promise<number> {
  const started = Date.now();
  const pool = startPool();
  const totals = { seeds: 0, edits: 0, acknowledged: 0, pushedRows: 0, divergences: 0, lostEdits: 0, kills: 0, outages: 0, crashed: 0 };
  const failed: number[] = [];
  const stop = { now: false };
  process.once('SIGINT', () => {
    stop.now = true;
    console.log('\nInterrupted: finishing the current seed, then the summary.');
  });
  try {
    for (const seed of seeds) {
      if (stop.now) break;
      try {
        const r = await runSeed(seed, pool, options);
        totals.seeds++;
        totals.edits += r.edits;
        totals.acknowledged += r.acknowledged;
        totals.pushedRows += r.pushedRows;
        totals.divergences += r.divergences;
        totals.lostEdits += r.lostEdits;
        totals.kills += r.kills;
        totals.outages += r.outages;
        console.log(line(r));
        if (r.divergences + r.lostEdits > 0) {
          failed.push(seed);
          for (const p of r.problems.slice(0, 20)) console.log(`  ${p.kind} ${p.collection}/${p.id}${p.field ? `.${p.field}` : ''}${p.client === undefined ? '' : ` (client ${p.client})`}: ${p.detail}`);
          console.log(`  FAILED: replay with  ${replay(seed)}`);
        }
      } catch (err) {
        totals.seeds++;
        totals.crashed++;
        failed.push(seed);
        console.log(`seed ${seed}: CRASHED: ${err instanceof Error ? err.message : String(err)}`);
        console.log(`  replay with  ${replay(seed)}`);
      }
    }
  } finally {
    await pool.close();
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `\nSummary: ${totals.seeds} seeds run in ${minutes} min; ${totals.edits} edits made, ${totals.pushedRows} rows pushed, ` +
      `${totals.acknowledged} acknowledged; ${totals.kills} server kills, ${totals.outages} client outages; ` +
      `divergences ${totals.divergences}, lost edits ${totals.lostEdits}, crashed seeds ${totals.crashed}`,
  );
  if (failed.length > 0) console.log(`Failed seeds: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
