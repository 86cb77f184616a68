/**
 * Bad input on the sync endpoints of every replicated collection (issue 6): generated pulls,
 * pushes and stream requests (tests/server/fuzz/sync.ts) per backend, from a signed-in head
 * coach. Never a 5xx, every 4xx with the error body, every push refused (4xx, or 200 with the
 * rows in `rejections`), and a dump of every table identical before and after.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { SYNC_COLLECTIONS, syncBasePath } from '../../shared/sync/protocol';
import { describeOnBackends, request } from './helpers';
import { DUMP_OPTIONS, prepare } from './fuzz/context';
import { diffDumps, dumpDatabase, hashDatabase } from './fuzz/dump';
import { Tally, judge, runsPer, send, type FuzzRequest } from './fuzz/probe';
import { pullRequest, pushRequest, streamRequest, type SyncContext } from './fuzz/sync';

const CI_TOTAL = 1000;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

describeOnBackends('bad input on the sync endpoints', (server) => {
  it('never a 5xx, pushes refused, nothing changed', async () => {
    const prepared = await prepare(server());
    const db = server().db;
    const tally = new Tally();
    const before = await dumpDatabase(db, DUMP_OPTIONS);
    const beforeHash = await hashDatabase(db, DUMP_OPTIONS);
    const check = async (label: string, requests: fc.Arbitrary<FuzzRequest>, numRuns: number) => {
      await fc.assert(
        fc.asyncProperty(requests, async (req) => {
          const res = await send(server().url, req);
          tally.record(req, res);
          const problem = judge(req, res);
          if (problem) throw new Error(problem);
          if (req.method === 'POST' && res.status === 200) {
            // A push answered 200 must have refused every row it carried.
            const body = JSON.parse(res.text) as { rejections: unknown[] };
            const rows = (JSON.parse(req.body ?? '{}') as { rows?: unknown[] }).rows ?? [];
            if (body.rejections.length === 0 && rows.length > 0) throw new Error(`push accepted without a rejection: ${req.defect} -> ${res.text.slice(0, 300)}`);
          }
        }),
        { numRuns, seed, endOnFailure: true },
      );
      if ((await hashDatabase(db, DUMP_OPTIONS)) !== beforeHash) {
        tally.summary(`sync [${server().backend}]`, true);
        throw new Error(`${label} changed the database:\n${diffDumps(before, await dumpDatabase(db, DUMP_OPTIONS)).join('\n')}`);
      }
    };

    const numRuns = runsPer(SYNC_COLLECTIONS.length * 2 + 1, CI_TOTAL);
    for (const collection of SYNC_COLLECTIONS) {
      const ctx: SyncContext = { orgId: prepared.head.orgId, otherOrgId: prepared.otherOrgId, token: prepared.head.token, apiKey: prepared.ctx.apiKey, docs: prepared.docs[collection] };
      await check(`push ${collection}`, pushRequest(collection, ctx), numRuns);
      await check(`pull ${collection}`, pullRequest(collection, ctx), numRuns);
    }
    const streamCtx: SyncContext = { orgId: prepared.head.orgId, otherOrgId: prepared.otherOrgId, token: prepared.head.token, apiKey: prepared.ctx.apiKey, docs: [] };
    await check('stream', streamRequest(streamCtx), numRuns);

    // A body over the sync limit (8 MiB): refused before it is read.
    const big: FuzzRequest = {
      label: 'POST sync athletes/push',
      method: 'POST',
      path: `${syncBasePath(prepared.head.orgId)}/athletes/push`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${prepared.head.token}` },
      body: JSON.stringify({ rows: [{ newDocumentState: { id: 'x', private_notes: 'n'.repeat(8 * 1024 * 1024 + 10) } }] }),
      defect: 'body over 8 MiB',
    };
    const bigAnswer = await send(server().url, big);
    tally.record(big, bigAnswer);
    expect(bigAnswer.status).toBe(413);

    expect((await request(server(), 'GET', '/healthz')).status).toBe(200);
    expect(diffDumps(before, await dumpDatabase(db, DUMP_OPTIONS))).toEqual([]);
    tally.summary(`sync [${server().backend}] (${SYNC_COLLECTIONS.length} collections: pull, push; stream)`, false);
    expect(tally.serverErrors).toBe(0);
  }, 1_800_000);
});
