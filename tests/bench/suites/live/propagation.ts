/**
 * Item 2 of issue 7: coach A edits an athlete's display name in the app (Chromium page A), coach B
 * has the athlete's profile open (page B); per edit, the time from A's local commit to B showing
 * it (pages.ts says how each end is timed), with the Node stream clients connected meanwhile.
 * Edits run one after the other (the next once B showed the last, or after a bounded wait).
 */
import type { Browser } from '@playwright/test';
import { DASHBOARD_DIR } from '../../lib/server';
import { percentile } from '../../lib/stats';
import { editDisplayName, newAppContext, serveDashboard, signInAndOpen, timesOf } from './pages';
import { emptyPhases, netMarksOf, type PhaseName, type PhaseSamples } from './phases';
import { APP_PASSWORD, COACH_A, COACH_B } from './seed';
import type { StreamClients } from './sse-clients';
import { MARK } from './sse-clients';

const WARM_UP = 3;
const SHOW_TIMEOUT_MS = 20_000;

export type PropagationResult = {
  /** commit in A -> frame painted in B, ms, one per measured edit. */
  samples: number[];
  /** commit in A -> the marker in B's DOM (before the frame), ms. */
  domSamples: number[];
  /** Per edit: commit in A -> the last live stream client that got it, ms. */
  allClientsSamples: number[];
  /** Per edit: how many stream clients got it (min over edits). */
  minClientsReached: number | null;
  edits: number;
  /** Edits B never showed within SHOW_TIMEOUT_MS, or whose commit in A was not seen. */
  missing: number;
  /** Per milestone (phases.ts), ms after A's commit, one per measured edit where it was seen. */
  phases: PhaseSamples;
};

export async function measurePropagation(
  browser: Browser,
  serverUrl: string,
  athleteId: string,
  clients: StreamClients,
  opts: { edits: number; until: number; log: (line: string) => void },
): Promise<PropagationResult> {
  const site = await serveDashboard(DASHBOARD_DIR);
  const contexts = [await newAppContext(browser), await newAppContext(browser)];
  try {
    const [ctxA, ctxB] = contexts as [(typeof contexts)[0], (typeof contexts)[0]];
    const a = await ctxA.newPage();
    const b = await ctxB.newPage();
    opts.log('live: signing in coach A and coach B in Chromium');
    await Promise.all([signInAndOpen(a, site.url, serverUrl, COACH_A, APP_PASSWORD, athleteId), signInAndOpen(b, site.url, serverUrl, COACH_B, APP_PASSWORD, athleteId)]);
    const result: PropagationResult = { samples: [], domSamples: [], allClientsSamples: [], minClientsReached: null, edits: 0, missing: 0, phases: emptyPhases() };
    opts.log(`live: ${opts.edits} edits in A watched in B (after ${WARM_UP} warm-up edits)`);
    const committedAt = new Map<number, number>();
    for (let n = 1; n <= opts.edits + WARM_UP && Date.now() < opts.until; n++) {
      await editDisplayName(a, `${MARK}${n}.`);
      const t = await timesOf(a, b, n, SHOW_TIMEOUT_MS);
      if (n <= WARM_UP) continue;
      result.edits++;
      if (t.committed === null || t.shown === null) {
        result.missing++;
        continue;
      }
      result.samples.push(t.shown - t.committed);
      if (t.dom !== null) result.domSamples.push(t.dom - t.committed);
      const [netA, netB] = await Promise.all([netMarksOf(a, n), netMarksOf(b, n)]);
      const at: Partial<Record<PhaseName, number | null>> = {
        pushSent: netA.pushSent,
        pushAnswered: netA.pushAnswered,
        bStream: netB.streamGot,
        bPull: netB.pullAnswered,
        bWrite: t.bWrite,
        bDom: t.dom,
        bShown: t.shown,
      };
      for (const [phase, time] of Object.entries(at) as [PhaseName, number | null][]) if (time !== null) result.phases[phase].push(time - t.committed);
      committedAt.set(n, t.committed);
      if (result.edits % 25 === 0) opts.log(`live: ${result.edits} edits, p95 so far ${Math.round(percentile(result.samples, 95) ?? 0)} ms`);
    }
    // The stream clients are read last: a slow one gets until now to receive the last edit.
    await new Promise((r) => setTimeout(r, 1000));
    for (const [n, committed] of committedAt) {
      const arrivals = clients.arrivals.get(n) ?? [];
      result.minClientsReached = Math.min(result.minClientsReached ?? Infinity, arrivals.length);
      if (arrivals.length > 0) result.allClientsSamples.push(Math.max(...arrivals) - committed);
      if (arrivals.length > 0) result.phases.firstNodeStream.push(Math.min(...arrivals) - committed);
    }
    return result;
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await site.close();
  }
}
