/**
 * The live suite on its own, for quick A/B runs of the propagation phases without the runner
 * (which imports every suite) and without touching BENCHMARKS.md:
 *   LIVE_STREAMS=50 LIVE_EDITS=40 LIVE_ONLY=propagation npx tsx tests/bench/suites/live/quick.ts
 * LIVE_BUDGET_MS bounds the run (default 10 minutes).
 */
import { printSuite } from '../../lib/report';
import { liveSuite } from '../live';

const started = Date.now();
const budget = Number(process.env.LIVE_BUDGET_MS ?? 10 * 60_000);
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const watchdog = setTimeout(() => {
  console.error('live quick run: over its budget; stopping');
  process.exit(1);
}, budget + 60_000);
watchdog.unref();
const result = await liveSuite.run({ log, deadline: started + budget, profile: false });
printSuite(result);
clearTimeout(watchdog);
