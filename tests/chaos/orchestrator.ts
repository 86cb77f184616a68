/**
 * One chaos seed: a fresh copy of the template organization, the real server as a child process,
 * four client workers (the head coach on two laptops, two coaches), then a seeded schedule of
 * edits of every kind, clients dropping off the network and coming back, sync restarts, and the
 * server SIGKILLed in the middle of a burst of pushes and started again on the same port and data.
 * Then everything goes quiet and the invariants (invariants.ts) are checked against the server's
 * state, pulled with a coach's token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNC_COLLECTIONS, syncBasePath, type PullResponse } from '../../shared/sync/protocol';
import { freePort } from '../support/free-port';
import { spawnClient, type ChaosClient } from './client';
import { checkConvergence, checkLostEdits, type Problem, type ServerState } from './invariants';
import { OP_KINDS, OP_WEIGHTS, type OpKind } from './ops';
import { rng, type Rng } from './prng';
import type { Dump, PushedRow } from './protocol';
import { serverProcess } from './serverProcess';
import { chaosTemplate, copyTemplate, type ChaosFixture } from './template';

export const CLIENTS = 4;
export const DEFAULT_STEPS = 60;
export const DEFAULT_KILLS = 2;

/** The command that replays one seed with the same schedule. */
export const replayCommand = (seed: number, steps = DEFAULT_STEPS, kills = DEFAULT_KILLS): string =>
  `npm run soak -- --seed ${seed}${steps === DEFAULT_STEPS ? '' : ` --steps ${steps}`}${kills === DEFAULT_KILLS ? '' : ` --kills ${kills}`}`;

export type SeedOptions = {
  /** Scheduled events (edits, outages, kills) per seed. */
  steps: number;
  /** At most this many server kills per seed. */
  maxKills: number;
  /** How long the quiet phase may take to converge. */
  quietTimeoutMs: number;
  log?: (line: string) => void;
};

export type SeedResult = {
  seed: number;
  edits: number;
  editsRefusedLocally: number;
  pushedRows: number;
  acknowledged: number;
  conflicts: number;
  refused: number;
  unknown: number;
  kills: number;
  outages: number;
  divergences: number;
  lostEdits: number;
  problems: Problem[];
  notices: Record<string, number>;
  quietMs: number;
  durationMs: number;
};

/** Workers live across seeds (starting one costs seconds); each seed opens fresh databases in them. */
export type ChaosPool = { clients: ChaosClient[]; close(): Promise<void> };

export function startPool(): ChaosPool {
  const clients = Array.from({ length: CLIENTS }, () => spawnClient());
  return { clients, close: async () => void (await Promise.all(clients.map((c) => c.terminate()))) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pickOp(r: Rng): OpKind {
  const total = OP_KINDS.reduce((s, k) => s + OP_WEIGHTS[k], 0);
  let x = r.next() * total;
  for (const k of OP_KINDS) {
    x -= OP_WEIGHTS[k];
    if (x < 0) return k;
  }
  return 'athlete.notes';
}

export async function pullServerState(url: string, orgId: string, token: string): Promise<ServerState> {
  const state: ServerState = {};
  for (const c of SYNC_COLLECTIONS) {
    const byId = new Map<string, Record<string, unknown>>();
    let seq = 0;
    for (;;) {
      const res = await fetch(`${url}${syncBasePath(orgId)}/${c}/pull?seq=${seq}&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`pull ${c} answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as PullResponse<Record<string, unknown>>;
      for (const d of body.documents) byId.set(String(d.id), d);
      if (!body.checkpoint || body.documents.length < 1000) break;
      seq = body.checkpoint.seq;
    }
    state[c] = byId;
  }
  return state;
}

export async function runSeed(seed: number, pool: ChaosPool, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const { dir: templateDir, fixture } = await chaosTemplate();
  const dataDir = mkdtempSync(join(tmpdir(), 'astral-chaos-'));
  copyTemplate(templateDir, dataDir);
  const server = serverProcess({ port: await freePort(), dataDir });
  const r = rng(seed);
  const schedule = r.fork();
  const opSeeds = r.fork();
  const counts = { edits: 0, editsRefusedLocally: 0, kills: 0, outages: 0 };
  const offline = new Set<number>();
  const opened: ChaosClient[] = [];
  try {
    await server.start();
    const f: Omit<ChaosFixture, 'dataDir'> = fixture;
    const coachIds = [...new Set(f.coaches.map((c) => c.coachId))];
    await Promise.all(
      pool.clients.map(async (client, i) => {
        const coach = f.coaches[i]!;
        await client.open({ client: i, serverUrl: server.url, token: coach.token, orgId: f.orgId, coachId: coach.coachId, role: coach.role, coachIds });
        opened.push(client);
      }),
    );
    log(`seed ${seed}: server ${server.url}, ${CLIENTS} clients synced after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const edit = async (i: number) => {
      const kind = pickOp(schedule);
      const out = await pool.clients[i]!.op(kind, Math.floor(opSeeds.next() * 2 ** 32));
      if (out.ok) counts.edits++;
      else counts.editsRefusedLocally++;
    };
    // The kills fall at seeded steps in the middle of the run, so every seed has them.
    const killAt = new Set(Array.from({ length: options.maxKills }, () => Math.floor(options.steps * (0.15 + 0.7 * schedule.next()))));
    for (let step = 0; step < options.steps; step++) {
      const i = schedule.int(CLIENTS);
      const x = schedule.next();
      if (killAt.has(step)) {
        // a burst of edits on every client, the server killed while they push, edits while it is down
        killAt.delete(step);
        await Promise.all(pool.clients.map((_, j) => edit(j)));
        await sleep(schedule.int(250));
        await server.kill();
        counts.kills++;
        log(`seed ${seed}: server killed (step ${step})`);
        for (let k = 0; k < 3; k++) await edit(schedule.int(CLIENTS));
        await server.start();
        log(`seed ${seed}: server restarted`);
      } else if (x < 0.07) {
        // a laptop loses the network, or gets it back
        if (offline.has(i)) {
          offline.delete(i);
          await pool.clients[i]!.online();
        } else {
          offline.add(i);
          counts.outages++;
          await pool.clients[i]!.offline();
        }
      } else if (x < 0.09) {
        await pool.clients[i]!.restartSync();
      } else {
        await edit(i);
      }
      await sleep(schedule.int(120));
    }

    // Quiet: the server up, every laptop online, until every client equals the server.
    const quietStart = Date.now();
    log(`seed ${seed}: schedule done after ${((quietStart - started) / 1000).toFixed(1)} s, going quiet`);
    if (!server.running()) await server.start();
    for (const i of offline) await pool.clients[i]!.online();
    offline.clear();
    const headToken = f.coaches[0]!.token;
    let problems: Problem[] = [];
    let dumps: Dump[] = [];
    for (let round = 0; ; round++) {
      const settled = await Promise.all(pool.clients.map((c) => c.settle(20_000)));
      const state = await pullServerState(server.url, f.orgId, headToken);
      dumps = await Promise.all(pool.clients.map((c) => c.dump()));
      problems = dumps.flatMap((d, i) => checkConvergence(i, d.docs, state));
      const busy = settled.some((s) => !s.inSync || s.outbox > 0);
      if ((problems.length === 0 && !busy) || Date.now() - quietStart > options.quietTimeoutMs) {
        const rows: PushedRow[] = dumps.flatMap((d) => d.pushes);
        // Lost edits are judged on the final state once more (a round may have written meanwhile).
        problems = [...problems, ...checkLostEdits(rows, await pullServerState(server.url, f.orgId, headToken))];
        if (busy) problems.push({ kind: 'divergence', collection: '*', id: '*', detail: `a client never settled: ${JSON.stringify(settled)}` });
        break;
      }
      // Not there yet: reconnect everyone (the live stream may be in a long backoff after the kills) and pull again.
      await Promise.all(pool.clients.map((c) => c.online()));
      await sleep(300 + round * 200);
    }
    const quietMs = Date.now() - quietStart;
    const rows = dumps.flatMap((d) => d.pushes);
    const notices: Record<string, number> = {};
    for (const d of dumps) for (const [k, v] of Object.entries(d.notices)) notices[k] = (notices[k] ?? 0) + v;
    const by = (o: PushedRow['outcome']) => rows.filter((row) => row.outcome === o).length;
    return {
      seed,
      ...counts,
      pushedRows: rows.length,
      acknowledged: by('acked'),
      conflicts: by('conflict'),
      refused: by('refused'),
      unknown: by('unknown'),
      divergences: problems.filter((p) => p.kind === 'divergence').length,
      lostEdits: problems.filter((p) => p.kind === 'lost').length,
      problems,
      notices,
      quietMs,
      durationMs: Date.now() - started,
    };
  } finally {
    await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
