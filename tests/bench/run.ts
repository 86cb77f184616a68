/**
 * `npm run bench`: runs the bench suites one after the other, prints each figure beside its target
 * and its ratio to the baseline measured in the same run, and rewrites each suite's section of
 * BENCHMARKS.md with the machine it ran on. A missed target is reported, never a failure: the
 * exit code is 0 unless the bench itself crashes. Everything runs on loopback, bounded in time.
 *
 *   npm run bench                       every suite
 *   npm run bench -- --suite roster     one suite (repeatable)
 *   npm run bench -- --no-write         leave BENCHMARKS.md alone
 *   npm run bench -- --profile          also print where the time goes when targets are met
 *
 * Suites: roster (issue 9), first-sync, live and scale-out (issue 7); each is one module under suites/.
 */
import { resolve } from 'node:path';
import { describeMachine } from './lib/machine';
import { renderSection, writeSection } from './lib/markdown';
import { printSuite, type SuiteResult } from './lib/report';
import type { Suite } from './lib/suite';
import { firstSyncSuite } from './suites/first-sync';
import { liveSuite } from './suites/live';
import { rosterSuite } from './suites/roster';
import { scaleOutSuite } from './suites/scale-out';

const SUITES: Suite[] = [rosterSuite, firstSyncSuite, liveSuite, scaleOutSuite];

/** Budget of the whole run; suites wrap up at their share of it, the watchdog ends a hung run. */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 25 * 60_000);
const BENCHMARKS_MD = resolve(import.meta.dirname, '../../BENCHMARKS.md');

function parseArgs(argv: string[]): { suites: Suite[]; write: boolean; profile: boolean } {
  const ids: string[] = [];
  let write = true;
  let profile = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--suite') ids.push(argv[++i] ?? '');
    else if (arg?.startsWith('--suite=')) ids.push(arg.slice('--suite='.length));
    else if (arg === '--no-write') write = false;
    else if (arg === '--profile') profile = true;
    else throw new Error(`unknown argument ${arg}; use --suite <${SUITES.map((s) => s.id).join('|')}>, --no-write, --profile`);
  }
  const unknown = ids.filter((id) => !SUITES.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; known: ${SUITES.map((s) => s.id).join(', ')}`);
  return { suites: ids.length ? SUITES.filter((s) => ids.includes(s.id)) : SUITES, write, profile };
}

async function main(): Promise<number> {
  const { suites, write, profile } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${Math.round((BUDGET_MS + 60_000) / 1000)} s; stopping`);
    process.exit(1);
  }, BUDGET_MS + 60_000);
  watchdog.unref();
  const machine = describeMachine();
  console.log(`bench: ${machine.cpu} x${machine.cpus}, ${machine.memory}, ${machine.os}, Node ${machine.node}`);
  let crashed = false;
  const results: SuiteResult[] = [];
  for (const [i, suite] of suites.entries()) {
    const left = BUDGET_MS - (Date.now() - started);
    const deadline = Date.now() + left / (suites.length - i) - 10_000;
    const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
    try {
      const result = await suite.run({ log, deadline, profile });
      results.push(result);
      printSuite(result);
      if (write) {
        writeSection(BENCHMARKS_MD, renderSection(result, machine, new Date()), result.id);
        log(`wrote the ${suite.id} section of BENCHMARKS.md`);
      }
    } catch (err) {
      crashed = true;
      console.error(`bench: suite ${suite.id} crashed:`, err);
    }
  }
  clearTimeout(watchdog);
  console.log(`\nbench: ${results.length} of ${suites.length} suites ran in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return crashed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
