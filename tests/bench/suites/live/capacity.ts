/**
 * Item 3 of issue 7, first half: how many live streams one server process holds. The Node clients
 * grow in steps (500, 1,000, 2,000, then beyond while time allows); at each step one write (a
 * pushed edit) must reach EVERY open stream, and the server process's VmRSS is read once it has.
 * A step that cannot open its connections, or whose write does not reach them all within the
 * bound, ends the climb: the last step that passed is what one process held.
 */
import type { MarkerWriter } from './marker-writer';
import type { ServerProcess } from './server-process';
import type { StreamClients } from './sse-clients';

export type CapacityStep = {
  streams: number;
  opened: number;
  failed: number;
  firstError: string | null;
  reached: number;
  rssMb: number | null;
  hwmMb: number | null;
  serverFds: number | null;
  /** ms from the push being sent to the last stream receiving its change. */
  fanOutMs: number | null;
  ok: boolean;
};

const REACH_TIMEOUT_MS = 30_000;

export async function climbStreams(
  server: ServerProcess,
  clients: StreamClients,
  writer: MarkerWriter,
  tokens: readonly string[],
  opts: { steps: readonly number[]; until: number; firstMarker: number; log: (line: string) => void },
): Promise<CapacityStep[]> {
  const out: CapacityStep[] = [];
  let marker = opts.firstMarker;
  for (const target of opts.steps) {
    if (Date.now() > opts.until) {
      opts.log(`live: no time left for ${target} streams`);
      break;
    }
    const need = target - clients.size;
    const wanted = Array.from({ length: Math.max(0, need) }, (_, i) => tokens[(clients.size + i) % tokens.length] as string);
    const opened = await clients.open(wanted);
    const n = marker++;
    const written = Date.now();
    await writer.write(n);
    const reached = await clients.waitAllSaw(n, REACH_TIMEOUT_MS);
    const arrivals = clients.arrivals.get(n) ?? [];
    await new Promise((r) => setTimeout(r, 500));
    const mem = server.memory();
    const step: CapacityStep = {
      streams: target,
      opened: clients.live(),
      failed: opened.failed,
      firstError: opened.firstError,
      reached,
      rssMb: mem?.rssMb ?? null,
      hwmMb: mem?.hwmMb ?? null,
      serverFds: server.openFds(),
      fanOutMs: arrivals.length ? Math.max(...arrivals) - written : null,
      ok: clients.live() >= target && reached >= target,
    };
    out.push(step);
    opts.log(
      `live: ${target} streams: ${step.opened} open, ${opened.failed} failed${opened.firstError ? ` (${opened.firstError})` : ''}, write reached ${reached}, RSS ${step.rssMb?.toFixed(0) ?? '?'} MB, ${step.serverFds ?? '?'} fds`,
    );
    if (!step.ok) break;
  }
  return out;
}
