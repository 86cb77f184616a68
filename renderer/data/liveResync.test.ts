import { afterEach, describe, expect, it } from 'vitest';
import { FakeSyncServer } from './fakeServer';
import { createGroup, deleteGroup } from './groups';
import { RESYNC_COALESCE_MS, coalesceResyncs } from './resyncPrompts';
import type { FetchLike } from './sse';
import { sampleAthlete, uuid } from './testDb';
import { setup } from './testSync';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The fake server plus a live stream the test writes events into; counts athlete pulls. */
function liveServer() {
  const server = new FakeSyncServer();
  const encoder = new TextEncoder();
  let streamController: ReadableStreamDefaultController<Uint8Array> | null = null;
  const counts = { athletePulls: 0, heldPushes: 0 };
  /** While set, athlete pulls wait for it (a slow pull round trip); group pushes are stored, then answered once it resolves. */
  const hold: { athletePulls: Promise<void> | null; groupPushAnswers: Promise<void> | null } = { athletePulls: null, groupPushAnswers: null };
  const fetch = async (input: string, init?: RequestInit) => {
    if (input.endsWith('/stream')) {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          streamController = c;
          c.enqueue(encoder.encode('event: ready\ndata: {}\n\n'));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    }
    if (input.includes('/athletes/pull')) {
      counts.athletePulls++;
      if (hold.athletePulls) await hold.athletePulls;
    }
    if (input.includes('/groups/push') && hold.groupPushAnswers) {
      const res = await server.fetch(input, init);
      counts.heldPushes++;
      await hold.groupPushAnswers;
      return res;
    }
    return server.fetch(input, init);
  };
  const send = (data: unknown) => streamController?.enqueue(encoder.encode(`event: change\ndata: ${JSON.stringify(data)}\n\n`));
  return { server, fetch, send, counts, hold };
}

/** The app's sync with the live stream on, after its first sync settled. */
async function startLive(server: FakeSyncServer, fetch: FetchLike) {
  const { data, sync } = await setup(server, { fetch, live: true });
  await wait(100);
  await sync.replications.athletes.awaitInSync();
  return { data, sync };
}

const notesOf = async (data: Awaited<ReturnType<typeof startLive>>['data'], n: number) => (await data.db.athletes.findOne(uuid(n)).exec())?.private_notes;

describe('live stream change events', () => {
  it("pull by checkpoint on a change event and never take the event's checkpoint, coalescing bursts", async () => {
    const { server, fetch, send, counts } = liveServer();
    server.put('athletes', sampleAthlete(1));
    const { data, sync } = await startLive(server, fetch);
    // Two server processes: athlete 2 is committed through process A (seq 2), athlete 3 through
    // process B (seq 3), whose change event arrives first and carries checkpoint 3.
    server.put('athletes', sampleAthlete(2));
    server.put('athletes', sampleAthlete(3));
    const pullsBefore = counts.athletePulls;
    for (let i = 0; i < 5; i++) {
      send({ collection: 'athletes', documents: [{ ...sampleAthlete(3), _deleted: false }], checkpoint: { seq: 3 }, first_seq: 3 });
    }
    await wait(RESYNC_COALESCE_MS * 4);
    await sync.replications.athletes.awaitInSync();
    const ids = (await data.db.athletes.find().exec()).map((d) => d.id).sort();
    expect(ids).toEqual([uuid(1), uuid(2), uuid(3)]);
    // One burst, one pull (plus the one that finds nothing new after it).
    expect(counts.athletePulls - pullsBefore).toBeGreaterThanOrEqual(1);
    expect(counts.athletePulls - pullsBefore).toBeLessThanOrEqual(2);
  });
});

describe("live stream change events' documents", () => {
  it('are written at once, before the pull that follows answers', async () => {
    const { server, fetch, send, counts, hold } = liveServer();
    server.put('athletes', sampleAthlete(1));
    const { data, sync } = await startLive(server, fetch);
    let release = () => {};
    hold.athletePulls = new Promise<void>((r) => (release = r));
    const edited = { ...sampleAthlete(1), private_notes: 'seen live' };
    server.put('athletes', edited);
    const pullsBefore = counts.athletePulls;
    send({ collection: 'athletes', documents: [{ ...server.get('athletes', uuid(1)), _deleted: false }], checkpoint: { seq: 99 }, first_seq: 99 });
    await expect.poll(() => notesOf(data, 1), { timeout: 5000, interval: 10 }).toBe('seen live');
    expect(counts.athletePulls - pullsBefore).toBeLessThanOrEqual(1); // asked, still unanswered
    hold.athletePulls = null;
    release();
    await wait(RESYNC_COALESCE_MS * 2);
    await sync.replications.athletes.awaitInSync();
    expect(await notesOf(data, 1)).toBe('seen live');
  });

  it('never leave a late, older copy in place: the pull after the event brings the current one', async () => {
    const { server, fetch, send } = liveServer();
    server.put('athletes', sampleAthlete(1, { private_notes: 'first' }));
    const { data, sync } = await startLive(server, fetch);
    const older = { ...server.get('athletes', uuid(1)), _deleted: false };
    server.put('athletes', sampleAthlete(1, { private_notes: 'second' }));
    send({ collection: 'athletes', documents: [{ ...server.get('athletes', uuid(1)), _deleted: false }], checkpoint: { seq: 2 }, first_seq: 2 });
    await expect.poll(() => notesOf(data, 1), { timeout: 5000, interval: 10 }).toBe('second');
    await wait(RESYNC_COALESCE_MS * 2);
    await sync.replications.athletes.awaitInSync();
    server.put('athletes', sampleAthlete(2)); // seq 3
    server.put('athletes', sampleAthlete(3)); // seq 4
    sync.reSync();
    await expect.poll(async () => (await data.db.athletes.find().exec()).length, { timeout: 5000, interval: 10 }).toBe(3);
    await sync.replications.athletes.awaitInSync();
    // Another server process's event arrives late: the earlier commit of athlete 1 (seq 1) and
    // athlete 3 (seq 4), two rows with a gap between them.
    send({ collection: 'athletes', documents: [older, { ...server.get('athletes', uuid(3)), _deleted: false }], checkpoint: { seq: 4 }, first_seq: 1 });
    await wait(RESYNC_COALESCE_MS * 4);
    await sync.replications.athletes.awaitInSync();
    expect(await notesOf(data, 1)).toBe('second');
  });

  it('are ignored when they are not documents, and the pull still runs', async () => {
    const { server, fetch, send } = liveServer();
    server.put('athletes', sampleAthlete(1));
    const { data, sync } = await startLive(server, fetch);
    server.put('athletes', sampleAthlete(2));
    send({ collection: 'athletes', documents: [{ no_id: true }, 'junk'], checkpoint: { seq: 5 }, first_seq: 5 });
    await wait(RESYNC_COALESCE_MS * 4);
    await sync.replications.athletes.awaitInSync();
    expect((await data.db.athletes.find().exec()).map((d) => d.id).sort()).toEqual([uuid(1), uuid(2)]);
  });
});

describe('resync prompts', () => {
  it('turn a burst into one prompt per collection, and none after cancel', async () => {
    const seen: string[] = [];
    const prompts = coalesceResyncs((c) => seen.push(c), 10);
    for (let i = 0; i < 5; i++) prompts.request('athletes');
    prompts.request('groups');
    await wait(30);
    expect(seen.sort()).toEqual(['athletes', 'groups']);
    prompts.request('coaches');
    prompts.cancel();
    await wait(30);
    expect(seen).toHaveLength(2);
  });

  it('prompt the first change at once, without waiting for the window', async () => {
    const seen: string[] = [];
    const prompts = coalesceResyncs((c) => seen.push(c), 60_000);
    prompts.request('athletes');
    prompts.request('athletes');
    expect(seen).toEqual([]); // not inside the event handler itself
    await Promise.resolve();
    expect(seen).toEqual(['athletes']);
    prompts.cancel();
  });

  it('collect the changes that follow within the window into one prompt at its end, then start afresh', async () => {
    const seen: string[] = [];
    const prompts = coalesceResyncs((c) => seen.push(c), 20);
    cleanup.push(async () => prompts.cancel());
    prompts.request('athletes');
    await Promise.resolve();
    for (let i = 0; i < 5; i++) {
      prompts.request('athletes');
      prompts.request('groups');
    }
    expect(seen).toEqual(['athletes']);
    await expect.poll(() => seen.length, { timeout: 5000, interval: 5 }).toBe(3);
    expect(seen.slice(1).sort()).toEqual(['athletes', 'groups']);
    // After a quiet window the next change goes out at once again.
    await wait(100);
    prompts.request('coaches');
    await Promise.resolve();
    expect(seen).toHaveLength(4);
    expect(seen[3]).toBe('coaches');
  });
});

describe('an edit made while the push before it is on its way', () => {
  it('is pushed against the state just sent when the live event of that push comes before its answer', async () => {
    const { server, fetch, send, counts, hold } = liveServer();
    server.role = 'head_coach';
    const { data, sync } = await startLive(server, fetch);
    let release = () => undefined as void;
    hold.groupPushAnswers = new Promise<void>((resolve) => (release = resolve));

    const created = await createGroup(data.db, 'Tuesday track');
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;
    await expect.poll(() => counts.heldPushes).toBe(1);
    // The server stored it with its own timestamps; its change event arrives before the answer...
    const row = server.rows.groups.get(id);
    send({ collection: 'groups', documents: [row?.doc], first_seq: row?.seq });
    await wait(100);
    // ...and the coach removes the group again (an undo) before the answer comes.
    expect((await deleteGroup(data.db, id)).ok).toBe(true);
    hold.groupPushAnswers = null;
    release();
    await expect.poll(() => server.get('groups', id)?._deleted, { timeout: 5000 }).toBe(true);
    // The event's copy may show the group again for a moment; the pull after it brings the removal.
    await expect.poll(async () => data.db.groups.findOne(id).exec(), { timeout: 5000 }).toBeNull();
    await sync.replications.groups.awaitInSync();
    expect(server.get('groups', id)?._deleted).toBe(true);
    expect(data.notices).toEqual([]);
  });
});
