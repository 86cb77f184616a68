/**
 * Bad input on the join page (issue 6): generated form posts to `/join/{token}` with a real
 * multi-use link and with tokens that open nothing, and reads of the page. Never a 5xx, every post
 * refused, the rest of a value echoed back only escaped (the page of an organization and inviter
 * named with script shows them as text), and a dump of every table identical before and after.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createOrganizationWithHeadCoach } from '../../server/orgs/organizations';
import { describeOnBackends, login, request } from './helpers';
import { DUMP_OPTIONS, prepare } from './fuzz/context';
import { diffDumps, dumpDatabase, hashDatabase } from './fuzz/dump';
import { Tally, judge, runsPer, send, type FuzzRequest } from './fuzz/probe';
import { UNESCAPED, joinGet, joinPost } from './fuzz/join';
import { SCRIPT_PAYLOADS } from './fuzz/values';

const CI_TOTAL = 400;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

describeOnBackends('bad input on the join page', (server) => {
  it('never a 5xx, never accepted, always escaped, nothing changed', async () => {
    const prepared = await prepare(server());
    // An organization and an inviter named with markup, and its join link: the page must show them as text.
    const email = `xss-${Date.now()}@fuzz.test`;
    await createOrganizationWithHeadCoach(server().store, {
      organizationName: SCRIPT_PAYLOADS[1],
      email,
      firstName: SCRIPT_PAYLOADS[0],
      lastName: '"><svg onload=alert(1)>',
      password: 'xss-password-1',
    });
    const xss = await login(server(), email, 'xss-password-1');
    const link = await request<{ url: string }>(server(), 'POST', `/api/v1/organizations/${xss.orgId}/invitations`, { token: xss.token, json: { type: 'multi_use' } });
    expect(link.status).toBe(201);
    const xssToken = link.body.url.split('/join/')[1] ?? '';
    const page = await request(server(), 'GET', `/join/${xssToken}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(UNESCAPED);
    expect(page.text).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(page.text).toContain('&lt;img src=x onerror=window.__xss=1&gt;');

    // Over the form's 16 KiB: 413, and the connection closed (its unread rest would be taken for the next request).
    const huge = await request(server(), 'POST', `/join/${prepared.joinToken}`, {
      body: `mode=new&first_name=${'f'.repeat(40 * 1024)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('connection')).toBe('close');

    const db = server().db;
    const tally = new Tally();
    const before = await dumpDatabase(db, DUMP_OPTIONS);
    const beforeHash = await hashDatabase(db, DUMP_OPTIONS);
    const numRuns = runsPer(4, CI_TOTAL);
    const check = async (label: string, requests: fc.Arbitrary<FuzzRequest>) => {
      await fc.assert(
        fc.asyncProperty(requests, async (req) => {
          const res = await send(server().url, req);
          tally.record(req, res);
          const problem = judge(req, res);
          if (problem) throw new Error(problem);
          if (UNESCAPED.test(res.text)) throw new Error(`markup echoed unescaped: ${req.method} ${req.path.slice(0, 200)} ${req.body?.slice(0, 300)}`);
        }),
        { numRuns, seed, endOnFailure: true },
      );
      if ((await hashDatabase(db, DUMP_OPTIONS)) !== beforeHash) {
        tally.summary(`join [${server().backend}]`, true);
        throw new Error(`${label} changed the database:\n${diffDumps(before, await dumpDatabase(db, DUMP_OPTIONS)).join('\n')}`);
      }
    };
    // Real links first: failed attempts of unknown tokens count toward the per-IP limit (then 429).
    await check('post, real link', joinPost(prepared.joinToken));
    await check('post, markup organization', joinPost(xssToken));
    await check('get', joinGet(prepared.joinToken));
    await check('post, unknown token', joinPost('A'.repeat(43)));

    expect((await request(server(), 'GET', '/healthz')).status).toBe(200);
    expect(diffDumps(before, await dumpDatabase(db, DUMP_OPTIONS))).toEqual([]);
    tally.summary(`join page [${server().backend}]`, false);
    expect(tally.serverErrors).toBe(0);
  }, 1_800_000);
});
