/**
 * Bad input on every route of the OpenAPI document (issue 6): thousands of generated malformed
 * requests per backend, from a signed-in head coach and an API key. Never a 5xx, every 4xx with
 * the error body, every defective write refused, the server still answering, and a dump of every
 * table identical before and after (checked after each route, so a change names its route).
 * FUZZ_RUNS=20000 scales the run up; FUZZ_SEED replays one.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeOnBackends, request } from './helpers';
import { DUMP_OPTIONS, prepare, type Prepared } from './fuzz/context';
import { diffDumps, dumpDatabase, hashDatabase } from './fuzz/dump';
import { operations, requestFor, type OpenApiDoc } from './fuzz/openapi';
import { Tally, judge, runsPer, send } from './fuzz/probe';
import { SchemaReader } from './fuzz/schema';

const CI_TOTAL = 1500;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

describeOnBackends('bad input on every API route', (server) => {
  let prepared: Prepared;

  it('never a 5xx, always the error shape, nothing changed', async () => {
    prepared = await prepare(server());
    const doc = await request<OpenApiDoc>(server(), 'GET', '/api/v1/openapi.json');
    const ops = operations(doc.body);
    expect(ops.length).toBeGreaterThan(40);
    // Enumerated path values (e.g. an integration's provider) come from the document itself.
    for (const op of ops) for (const p of op.pathParams) if (p.schema?.enum) prepared.ctx.ids[p.name] ??= p.schema.enum.map(String);
    const reader = new SchemaReader(doc.body);
    const tally = new Tally();
    const db = server().db;
    const before = await dumpDatabase(db, DUMP_OPTIONS);
    const beforeHash = await hashDatabase(db, DUMP_OPTIONS);
    const numRuns = runsPer(ops.length, CI_TOTAL);

    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(requestFor(op, reader, prepared.ctx), async (req) => {
          const res = await send(server().url, req);
          tally.record(req, res);
          const problem = judge(req, res);
          if (problem) throw new Error(problem);
        }),
        { numRuns, seed, endOnFailure: true },
      );
      const hash = await hashDatabase(db, DUMP_OPTIONS);
      if (hash !== beforeHash) {
        tally.summary(`API [${server().backend}]`, true);
        throw new Error(`${op.label} changed the database:\n${diffDumps(before, await dumpDatabase(db, DUMP_OPTIONS)).join('\n')}`);
      }
    }

    expect((await request(server(), 'GET', '/healthz')).status).toBe(200);
    const after = await dumpDatabase(db, DUMP_OPTIONS);
    expect(diffDumps(before, after)).toEqual([]);
    tally.summary(`API [${server().backend}] (${ops.length} operations)`, false);
    expect(tally.routes.size).toBe(ops.length);
    expect(tally.serverErrors).toBe(0);
  }, 1_800_000);
});

