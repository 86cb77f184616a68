import { afterEach, describe, expect, it, vi } from 'vitest';
import { addExistingUser, outcomeWords, processQueue, readQueue, takeOutcomes, type AddContext } from './addExisting';
import type { AstralData } from './database';
import { addToOutbox, removeFromOutbox } from './syncStatus';
import { TEST_COLLECTIONS, openTestDatabase, sampleAthlete, sampleGroup, uuid } from './testDb';

let open: AstralData | null = null;
afterEach(async () => {
  vi.unstubAllGlobals();
  await open?.db.close();
  open = null;
});

const CTX: AddContext = { serverUrl: 'http://server.test', token: 'tok', orgId: uuid(500) };

async function setup() {
  const data = await openTestDatabase([...TEST_COLLECTIONS, 'invitations']);
  open = data;
  await data.db.athletes.insert(sampleAthlete(1, { email: 'ana@example.test' }));
  await data.db.groups.insert(sampleGroup(1));
  return data;
}

type Call = { url: string; body: unknown; auth: string | null };

/** A fake server answering POST .../athletes by email; `down` makes it unreachable. */
function fakeServer() {
  const state = { down: false, calls: [] as Call[], failWith: null as number | null };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (state.down) throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init.body)) as { email: string };
    state.calls.push({ url, body, auth: new Headers(init.headers).get('authorization') });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (state.failWith) return json(state.failWith, { error: { code: 'internal', message: 'Database busy' } });
    if (body.email === 'free.agent@demo.local') return json(201, sampleAthlete(7, { first_name: 'Fran', last_name: 'Agent', email: body.email }));
    if (body.email === 'member@demo.local') return json(409, { error: { code: 'already_member', message: 'already a member' } });
    if (body.email === 'forbidden@demo.local') return json(403, { error: { code: 'forbidden', message: 'Only coaches can add athletes.' } });
    return json(404, { error: { code: 'user_not_found', message: 'no such user' } });
  });
  return state;
}

describe('add existing user, online', () => {
  it('adds, and reports no account, already a member and a refusal', async () => {
    const { db } = await setup();
    const server = fakeServer();
    expect(await addExistingUser(db, CTX, { email: ' Free.Agent@demo.local ', group_id: uuid(50_001), training_plan_id: null, plan_start_date: '2026-12-07' }, true)).toEqual({
      kind: 'done',
      outcome: { kind: 'added', name: 'Fran Agent', athleteId: uuid(7) },
    });
    expect(server.calls[0]).toEqual({
      url: `http://server.test/api/v1/organizations/${uuid(500)}/athletes`,
      body: { email: 'free.agent@demo.local', group_id: uuid(50_001), training_plan_id: null, plan_start_date: null },
      auth: 'Bearer tok',
    });
    expect(await addExistingUser(db, CTX, { email: 'nobody@demo.local' }, true)).toEqual({ kind: 'done', outcome: { kind: 'not_found' } });
    expect(await addExistingUser(db, CTX, { email: 'member@demo.local' }, true)).toEqual({ kind: 'done', outcome: { kind: 'already_member' } });
    expect(await addExistingUser(db, CTX, { email: 'forbidden@demo.local' }, true)).toEqual({
      kind: 'done',
      outcome: { kind: 'refused', message: 'Only coaches can add athletes.' },
    });
    expect(await readQueue(db)).toEqual([]);
  });

  it('answers from the local roster for a member, and refuses a bad email without asking', async () => {
    const { db } = await setup();
    const server = fakeServer();
    expect(await addExistingUser(db, CTX, { email: 'ANA@example.test' }, true)).toEqual({ kind: 'done', outcome: { kind: 'already_member' } });
    expect(await addExistingUser(db, CTX, { email: 'not an email' }, true)).toMatchObject({ kind: 'invalid', fieldErrors: { email: 'must be a valid email address' } });
    expect(server.calls).toEqual([]);
  });

  it('keeps the request when the server cannot be reached after all', async () => {
    const { db } = await setup();
    const server = fakeServer();
    server.down = true;
    expect(await addExistingUser(db, CTX, { email: 'free.agent@demo.local' }, true)).toEqual({ kind: 'queued' });
    expect((await readQueue(db)).map((r) => r.email)).toEqual(['free.agent@demo.local']);
  });
});

describe('add existing user, offline', () => {
  it('keeps requests, sends each once when back online, and reports each outcome once', async () => {
    const { db } = await setup();
    const server = fakeServer();
    expect(await addExistingUser(db, CTX, { email: 'free.agent@demo.local' }, false)).toEqual({ kind: 'queued' });
    expect(await addExistingUser(db, CTX, { email: 'x@y.test' }, false)).toEqual({ kind: 'queued' });
    expect(await addExistingUser(db, null, { email: 'member@demo.local' }, true)).toEqual({ kind: 'queued' });
    expect(server.calls).toEqual([]);

    server.down = true;
    expect(await processQueue(db, CTX)).toBe(0);
    expect((await readQueue(db)).every((r) => r.outcome === null)).toBe(true);

    server.down = false;
    const [a, b] = [processQueue(db, CTX), processQueue(db, CTX)];
    expect(await a).toBe(3);
    expect(await b).toBe(3); // the same run, not a second one
    expect(server.calls.map((c) => c.body)).toEqual(
      ['free.agent@demo.local', 'x@y.test', 'member@demo.local'].map((email) => ({ email, group_id: null, training_plan_id: null, plan_start_date: null })),
    );

    const outcomes = await takeOutcomes(db);
    expect(outcomes.map((r) => outcomeWords(r, r.outcome).title)).toEqual([
      'Fran Agent was added',
      'No Astral account uses x@y.test',
      'member@demo.local is already in the organization',
    ]);
    expect(await takeOutcomes(db)).toEqual([]);
    expect(await readQueue(db)).toEqual([]);
    expect(await processQueue(db, CTX)).toBe(0);
    expect(server.calls).toHaveLength(3);
  });

  it('waits for a group created offline to sync before asking the server', async () => {
    const { db } = await setup();
    const server = fakeServer();
    await addToOutbox(db, 'groups', [uuid(50_001)]);
    expect(await addExistingUser(db, CTX, { email: 'free.agent@demo.local', group_id: uuid(50_001) }, true)).toEqual({ kind: 'queued' });
    expect(await processQueue(db, CTX)).toBe(0);
    await removeFromOutbox(db, [`groups:${uuid(50_001)}`]);
    expect(await processQueue(db, CTX)).toBe(1);
    expect(server.calls).toHaveLength(1);
  });

  it('retries server errors a few times, then gives up with a message', async () => {
    const { db } = await setup();
    const server = fakeServer();
    await addExistingUser(db, CTX, { email: 'free.agent@demo.local' }, false);
    server.failWith = 503;
    for (let i = 0; i < 4; i++) expect(await processQueue(db, CTX)).toBe(0);
    expect(await processQueue(db, CTX)).toBe(1);
    const [done] = await takeOutcomes(db);
    expect(done?.outcome).toEqual({ kind: 'refused', message: 'The server could not add them: Database busy' });
  });
});
