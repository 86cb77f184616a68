/**
 * Scale-out (issue 7 item 5): two server instances, each with its own pool, change bus and port, on
 * ONE PostgreSQL database. Live changes fan out through LISTEN/NOTIFY (server/sync/pg-fanout.ts):
 * a write on either reaches the streams of both, in seq order and exactly once; a dropped LISTEN
 * connection makes the streams re-sync and loses nothing; one instance evaluates signals.
 * PostgreSQL only (PGlite is one process by design): skipped when the test cluster is unavailable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import { SYNC_COLLECTIONS, type StreamChange } from '../../shared/sync/protocol';
import { HEAD, login, postgresAvailable, request, startTestServer, type Session, type TestServer } from './helpers';
import { openSse, type SseStream } from './sse';

type Doc = Athlete & { _deleted: boolean };
type Change = StreamChange<Doc>;

const run = postgresAvailable() ? describe : describe.skip;

run('two server processes on one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  let head: Session;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    a = await startTestServer('postgres');
    b = await startTestServer('postgres', { database: { kind: 'postgres', url: a.databaseUrl! }, demo: false });
    head = await login(a, HEAD);
  }, 240_000);

  afterAll(async () => {
    for (const s of streams) s.close();
    await b?.close(); // keeps the database
    await a?.close(); // drops it
  });

  const base = () => `/sync/v2/orgs/${head.orgId}`;
  const open = async (server: TestServer): Promise<SseStream> => {
    const stream = await openSse(`${server.url}${base()}/stream`, { authorization: `Bearer ${head.token}` });
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready');
    streams.push(stream);
    return stream;
  };
  const changes = (stream: SseStream): Change[] => stream.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as Change);
  const athletes = async (server: TestServer, seq = 0): Promise<Doc[]> => {
    const res = await request<{ documents: Doc[] }>(server, 'GET', `${base()}/athletes/pull?seq=${seq}&limit=1000`, { token: head.token });
    expect(res.status).toBe(200);
    return res.body.documents;
  };
  const pushNote = async (server: TestServer, doc: Doc, note: string) => {
    const res = await request<{ conflicts: unknown[] }>(server, 'POST', `${base()}/athletes/push`, {
      token: head.token,
      json: { rows: [{ newDocumentState: { ...doc, private_notes: note }, assumedMasterState: doc }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.conflicts).toEqual([]);
  };
  /** Every stream's athlete documents carrying `note`. */
  const carrying = (stream: SseStream, note: string) => changes(stream).flatMap((c) => c.documents.filter((d) => d.private_notes === note));

  it('a push on A reaches a stream on B, and an API PATCH on B a stream on A, once each', async () => {
    const onA = await open(a);
    const onB = await open(b);
    const [first, second] = await athletes(a);
    await pushNote(a, first!, 'pushed on A');
    await expect.poll(() => carrying(onB, 'pushed on A').length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => carrying(onA, 'pushed on A').length, { timeout: 20_000 }).toBe(1);

    const patch = await request<Athlete>(b, 'PATCH', `/api/v1/organizations/${head.orgId}/athletes/${second!.id}`, { token: head.token, json: { private_notes: 'patched on B' } });
    expect(patch.status).toBe(200);
    await expect.poll(() => carrying(onA, 'patched on B').length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => carrying(onB, 'patched on B').length, { timeout: 20_000 }).toBe(1);
    // Nothing arrives twice afterwards (own notification and the other's are both skipped).
    await new Promise((r) => setTimeout(r, 300));
    expect(carrying(onA, 'pushed on A')).toHaveLength(1);
    expect(carrying(onB, 'patched on B')).toHaveLength(1);
  }, 60_000);

  it('a burst of writes from both instances reaches both streams in seq order, each write exactly once', async () => {
    const onA = await open(a);
    const onB = await open(b);
    const docs = (await athletes(a)).slice(0, 30);
    // Concurrent writes on both instances (their organization-row lock serialises them in PostgreSQL).
    await Promise.all(docs.map((doc, i) => pushNote(i % 2 === 0 ? a : b, doc, `burst ${i}`)));
    const notes = docs.map((_, i) => `burst ${i}`);
    for (const stream of [onA, onB]) {
      await expect.poll(() => notes.filter((n) => carrying(stream, n).length > 0).length, { timeout: 30_000 }).toBe(notes.length);
    }
    await new Promise((r) => setTimeout(r, 300));
    // Event boundaries may differ (a catch-up read delivers consecutive rows of a collection in one event), the document order may not.
    const burstOrder = (stream: SseStream) => changes(stream).flatMap((c) => c.documents.map((d) => d.private_notes ?? '').filter((n) => notes.includes(n)));
    for (const stream of [onA, onB]) {
      for (const n of notes) expect(carrying(stream, n)).toHaveLength(1);
      const seqs = changes(stream).map((c) => c.checkpoint.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
      // Every event with documents names its first row's seq (the app writes them under it), and it
      // is past the previous event's last row.
      const withDocs = changes(stream).filter((c) => c.documents.length > 0);
      for (const [i, c] of withDocs.entries()) {
        expect(c.first_seq).toBeLessThanOrEqual(c.checkpoint.seq);
        if (i > 0) expect(c.first_seq).toBeGreaterThan(withDocs[i - 1]!.checkpoint.seq);
      }
    }
    expect(burstOrder(onA)).toEqual(burstOrder(onB));
  }, 90_000);

  it('one instance evaluates signals (advisory lock); the other skips', async () => {
    const ran = await Promise.all([a.evaluateSignals(), b.evaluateSignals()]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(await Promise.all([a.evaluateSignals(), b.evaluateSignals()])).toEqual(ran); // the election holds
  }, 120_000);

  it('a killed LISTEN connection: streams re-sync, nothing is lost, and live fan-out resumes', async () => {
    const onB = await open(b);
    const docs = await athletes(a);
    await pushNote(a, docs[0]!, 'before the drop');
    await expect.poll(() => carrying(onB, 'before the drop').length, { timeout: 20_000 }).toBe(1);
    const seen = Math.max(...changes(onB).map((c) => c.checkpoint.seq));
    const pid = b.fanout!.backendPid;
    const leaderBefore = await Promise.all([a.evaluateSignals(), b.evaluateSignals()]);
    const killed = await a.db.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
    expect(killed.rows[0]?.ok).toBe(true);
    await pushNote(a, docs[1]!, 'during the drop');
    await expect.poll(() => b.fanout!.reconnects, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(b.fanout!.backendPid).not.toBe(pid);
    // The re-sync prompt: an empty change of every collection, which the app answers with a pull.
    await expect
      .poll(() => SYNC_COLLECTIONS.every((c) => changes(onB).some((ch) => ch.collection === c && ch.documents.length === 0)), { timeout: 20_000 })
      .toBe(true);
    const pulled = await athletes(b, seen);
    expect(pulled.filter((d) => d.private_notes === 'during the drop')).toHaveLength(1);
    expect(carrying(onB, 'during the drop').length).toBeLessThanOrEqual(1);
    await pushNote(a, docs[2]!, 'after the drop');
    await expect.poll(() => carrying(onB, 'after the drop').length, { timeout: 20_000 }).toBe(1);
    // If B led the signal evaluation, its lock went with the connection: A takes over.
    if (leaderBefore[1]) await expect.poll(() => a.evaluateSignals(), { timeout: 60_000 }).toBe(true);
  }, 120_000);
});
