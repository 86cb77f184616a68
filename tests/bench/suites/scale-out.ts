/**
 * Scale-out (issue 7 item 5): two real server PROCESSES (`npx tsx server/main.ts`, each with its own
 * PORT) on one throwaway PostgreSQL cluster. A coach's edit is pushed to process A; the figure is
 * the time from sending that push to the edit arriving on a live stream of process B (through
 * LISTEN/NOTIFY, server/sync/pg-fanout.ts), p50/p95 over >= 200 edits, target p95 < 250 ms. Beside
 * it, the same edit arriving on a stream of process A itself (the within-one-process figure).
 * Edits run one after the other, each waits (bounded) for both arrivals; everything is on loopback.
 */
import { cpus, loadavg } from 'node:os';
import type { Figure, SuiteResult } from '../lib/report';
import { percentile } from '../lib/stats';
import type { Suite, SuiteContext } from '../lib/suite';
import { startPgCluster, type PgCluster } from './scale-out/cluster';
import { startServerProcess, type ServerProcess } from './scale-out/processes';
import { watchStream, type Watch } from './scale-out/watch';

const ID = 'scale-out';
const TITLE = 'Scale-out: two server processes on one PostgreSQL (issue 7)';
const EDITS = 200;
const WARM_UP = 20;
const ARRIVAL_TIMEOUT_MS = 10_000;
const HEAD = 'headcoach@demo.local';
const PASSWORD = 'astral-demo';

type Doc = Record<string, unknown> & { id: string };

async function call<T>(url: string, method: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function login(server: ServerProcess): Promise<{ token: string; orgId: string }> {
  const body = await call<{ token: string; organizations: { id: string }[] }>(`${server.url}/api/v1/auth/login`, 'POST', null, { email: HEAD, password: PASSWORD });
  return { token: body.token, orgId: body.organizations[0]?.id ?? '' };
}

function figures(cross: number[], local: number[], note?: string): Figure[] {
  const p = (s: number[], q: number) => (s.length ? percentile(s, q) : null);
  const sameP50 = p(local, 50);
  const sameP95 = p(local, 95);
  return [
    { label: 'Edit on A -> stream on B (other process), p50', value: p(cross, 50), unit: 'ms', baseline: { label: 'same process', value: sameP50 }, note },
    { label: 'Edit on A -> stream on B (other process), p95', value: p(cross, 95), unit: 'ms', target: { op: '<=', value: 250 }, baseline: { label: 'same process', value: sameP95 } },
    { label: 'Edit on A -> stream on A (same process), p50', value: sameP50, unit: 'ms' },
    { label: 'Edit on A -> stream on A (same process), p95', value: sameP95, unit: 'ms' },
    { label: 'Edits measured', value: cross.length, unit: 'count' },
  ];
}

async function run(ctx: SuiteContext): Promise<SuiteResult> {
  const started = Date.now();
  const notes: string[] = [
    `Method: ${EDITS} edits (after ${WARM_UP} unmeasured) of one field of the demo athletes, pushed one after the other to process A through the sync push endpoint; each is timed from sending the push until the edited document arrives on a live stream of process B (LISTEN/NOTIFY fan-out) and on a live stream of process A. Both processes are \`npx tsx server/main.ts\` on one throwaway PostgreSQL cluster (fsync off).`,
  ];
  const environment: Record<string, string> = {};
  const cross: number[] = [];
  const local: number[] = [];
  let cluster: PgCluster | null = null;
  const servers: ServerProcess[] = [];
  const watches: Watch[] = [];
  const loadAtStart = loadavg()[0] ?? 0;
  try {
    cluster = await startPgCluster();
    if (!cluster) {
      return { id: ID, title: TITLE, figures: figures([], [], 'PostgreSQL (initdb, pg_ctl) is not installed here'), notes, environment, durationMs: Date.now() - started };
    }
    ctx.log('scale-out: PostgreSQL cluster up; starting process A (seeds the demo organization)');
    const startBudget = Math.max(60_000, Math.min(600_000, ctx.deadline - Date.now() - 120_000));
    const a = await startServerProcess(cluster.url, { demo: true, timeoutMs: startBudget });
    servers.push(a);
    ctx.log('scale-out: starting process B');
    const b = await startServerProcess(cluster.url, { demo: false, timeoutMs: startBudget });
    servers.push(b);
    const onA = await login(a);
    const onB = await login(b);
    const base = (s: ServerProcess) => `${s.url}/sync/v2/orgs/${onA.orgId}`;
    // Arrival times of each note on each process's stream.
    const arrivals = { a: new Map<string, number>(), b: new Map<string, number>() };
    const waiters = new Set<() => void>();
    const record = (which: 'a' | 'b') => (note: string, at: number) => {
      if (!arrivals[which].has(note)) arrivals[which].set(note, at);
      for (const w of [...waiters]) w();
    };
    watches.push(watchStream(`${base(a)}/stream`, onA.token, record('a')), watchStream(`${base(b)}/stream`, onB.token, record('b')));
    await Promise.all(watches.map((w) => w.ready));
    const pulled = await call<{ documents: Doc[] }>(`${base(a)}/athletes/pull?seq=0&limit=50`, 'GET', onA.token);
    const docs = pulled.documents.slice(0, 20);
    if (docs.length === 0) throw new Error('the demo organization has no athletes');
    const arrived = (note: string) =>
      new Promise<void>((ok, fail) => {
        const check = () => {
          if (arrivals.a.has(note) && arrivals.b.has(note)) {
            waiters.delete(check);
            clearTimeout(timer);
            ok();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`edit "${note}" did not reach both streams within ${ARRIVAL_TIMEOUT_MS} ms`));
        }, ARRIVAL_TIMEOUT_MS);
        waiters.add(check);
        check();
      });
    ctx.log(`scale-out: ${WARM_UP + EDITS} edits on A, watched on A and B`);
    for (let i = 0; i < WARM_UP + EDITS && Date.now() < ctx.deadline - 15_000; i++) {
      const k = i % docs.length;
      const doc = docs[k] as Doc;
      const note = `scale-out bench ${started} #${i}`;
      const next = { ...doc, private_notes: note };
      const t0 = performance.now();
      const waiting = arrived(note);
      const res = await call<{ conflicts: unknown[] }>(`${base(a)}/athletes/push`, 'POST', onA.token, { rows: [{ newDocumentState: next, assumedMasterState: doc }] });
      if (res.conflicts.length > 0) throw new Error(`edit ${i} came back as a conflict`);
      docs[k] = next;
      await waiting;
      if (i < WARM_UP) continue;
      cross.push((arrivals.b.get(note) as number) - t0);
      local.push((arrivals.a.get(note) as number) - t0);
    }
    if (cross.length < EDITS) notes.push(`Only ${cross.length} of ${EDITS} edits measured before the suite's deadline.`);
  } catch (err) {
    notes.push(`Stopped early: ${(err as Error).message}`);
  } finally {
    for (const w of watches) w.close();
    for (const s of servers.reverse()) await s.stop().catch(() => {});
    cluster?.stop();
  }
  const loadAtEnd = loadavg()[0] ?? 0;
  if (Math.max(loadAtStart, loadAtEnd) > cpus().length) {
    notes.push(`Busy machine: load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end on ${cpus().length} CPUs; absolute times are inflated.`);
  }
  return { id: ID, title: TITLE, figures: figures(cross, local), notes, environment, durationMs: Date.now() - started };
}

export const scaleOutSuite: Suite = { id: ID, title: TITLE, run };
