/**
 * The CI part of the chaos convergence test (issue 6; the long run is `npm run soak`): a few fixed
 * seeds of tests/chaos, each with four clients running the app's data layer in worker threads
 * against the real server as a child process, edits of every replicated kind, outages, sync
 * restarts and one SIGKILL of the server mid-push. Every client must equal the server and no
 * acknowledged edit may be lost. A failure names its seed and the command that replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCommand, runSeed, startPool, type ChaosPool } from '../chaos/orchestrator';
import { checkConvergence, checkLostEdits, type ServerState } from '../chaos/invariants';
import type { PushedRow } from '../chaos/protocol';
import { chaosTemplate } from '../chaos/template';

const SEEDS = [11, 22, 33];
const STEPS = 25;
const KILLS = 1;

describe('convergence under chaos', () => {
  let pool: ChaosPool | null = null;
  beforeAll(async () => {
    await chaosTemplate(); // built once, cached under node_modules/.cache/chaos
    pool = startPool();
  }, 300_000);
  afterAll(async () => {
    await pool?.close();
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: every client equals the server, no acknowledged edit lost`, async () => {
      if (!pool) throw new Error('no client pool');
      const r = await runSeed(seed, pool, { steps: STEPS, maxKills: KILLS, quietTimeoutMs: 120_000 });
      const report = [
        `seed ${seed}: ${r.edits} edits, ${r.acknowledged} acknowledged rows, ${r.kills} kills, ${r.outages} outages, divergences ${r.divergences}, lost edits ${r.lostEdits}`,
        ...r.problems.slice(0, 15).map((p) => `  ${p.kind} ${p.collection}/${p.id}${p.field ? `.${p.field}` : ''}: ${p.detail}`),
        `replay with: ${replayCommand(seed, STEPS, KILLS)}`,
      ].join('\n');
      console.log(report);
      expect(r.kills, report).toBe(KILLS);
      expect(r.acknowledged, report).toBeGreaterThan(0);
      expect(r.divergences, report).toBe(0);
      expect(r.lostEdits, report).toBe(0);
    }, 400_000);
  }
});

describe('chaos invariants (the checks themselves can fail)', () => {
  const doc = (patch: Record<string, unknown>) => ({ id: 'a1', private_notes: '', labels: ['@5k'], updated_at: 't0', ...patch });
  const row = (patch: Partial<PushedRow>): PushedRow => ({
    client: 0, collection: 'athletes', id: 'a1', newDoc: doc({ private_notes: 'mine' }), assumed: doc({}), sentAt: 10, answeredAt: 20, outcome: 'acked', ...patch,
  });
  const server = (d: Record<string, unknown>): ServerState => ({ athletes: new Map([['a1', { ...d, _deleted: false }]]) });

  it('counts an acknowledged field edit that is not on the server as lost', () => {
    expect(checkLostEdits([row({})], server(doc({ private_notes: 'other' })))).toHaveLength(1);
    expect(checkLostEdits([row({})], server(doc({ private_notes: 'mine' })))).toHaveLength(0);
  });

  it('accepts a later write of the same field, not an earlier one', () => {
    const later = row({ client: 1, newDoc: doc({ private_notes: 'theirs' }), assumed: doc({ private_notes: 'mine' }), sentAt: 25, answeredAt: 30 });
    const earlier = row({ client: 1, newDoc: doc({ private_notes: 'theirs' }), assumed: doc({}), sentAt: 1, answeredAt: 5 });
    expect(checkLostEdits([row({}), later], server(doc({ private_notes: 'theirs' })))).toHaveLength(0);
    // answered before the edit was even sent: it cannot have replaced it
    expect(checkLostEdits([row({}), earlier], server(doc({ private_notes: 'theirs' }))).map((p) => p.client)).toEqual([0]);
  });

  it('checks labels as sets: an added label removed by nobody must stay', () => {
    const add = row({ newDoc: doc({ labels: ['@5k', '@trail'] }) });
    expect(checkLostEdits([add], server(doc({ labels: ['@5k'] })))).toHaveLength(1);
    expect(checkLostEdits([add], server(doc({ labels: ['@trail', '@5k', '@10k'] })))).toHaveLength(0);
  });

  it('reports a client that differs from the server, also in server-written fields', () => {
    const state = server(doc({}));
    expect(checkConvergence(0, { athletes: [doc({})] }, state)).toHaveLength(0);
    expect(checkConvergence(0, { athletes: [doc({ updated_at: 't1' })] }, state)).toHaveLength(1);
    expect(checkConvergence(0, { athletes: [] }, state)).toHaveLength(1);
  });
});
