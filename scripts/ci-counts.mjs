// Prints the plain line CI reads, `N passed, N failed`, summed from the JSON reports that vitest
// and Playwright write under reports/ when CI=true. A suite that did not run counts nothing,
// so a run that executed no test shows as `0 passed`.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync('reports/vitest.json')) {
  const r = JSON.parse(readFileSync('reports/vitest.json', 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else console.log('vitest: no report (did not run)');

if (existsSync('reports/e2e.json')) {
  const r = JSON.parse(readFileSync('reports/e2e.json', 'utf8'));
  passed += r.stats?.expected ?? 0;
  failed += (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0);
  skipped += r.stats?.skipped ?? 0;
} else console.log('playwright: no report (did not run)');

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
