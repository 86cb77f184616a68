/**
 * Adversarial sync deliveries (issue 6): the same push twice, pushes out of order, a replayed old
 * push, a pull from a future checkpoint or an older schema version, another organization's rows,
 * a tombstone for a document that never existed. Each answer is the one tabled in the header of
 * shared/sync/protocol.ts, checked for every replicated collection where it applies. Basic cases
 * of one collection are in sync.test.ts (retry, stale assumed master, 426 on v0/v3).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { SYNC_COLLECTIONS, type SyncCollection } from '../../shared/sync/protocol';
import { HEAD, createOtherOrganization, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { invite } from './invitations-helpers';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };
type Push = { conflicts: Doc[]; rejections: { id: string; code: string; message: string; field?: string }[] };
type ErrorBody = { error: { code: string; message: string } };

let counter = 0;
/** A change a head coach may push to a live document of the collection (a fresh value on every call); null: none exists. */
function edit(collection: SyncCollection, doc: Doc, coachId: string): Doc | null {
  const n = ++counter;
  switch (collection) {
    case 'athletes':
      return { ...doc, member_level: `adversarial-${n}` };
    case 'coaches':
      return null;
    case 'groups':
      return { ...doc, name: `Adversarial group ${n}` };
    case 'training_plans':
      return { ...doc, description: `Adversarial description ${n}` };
    case 'plan_assignments':
      return { ...doc, ended_on: new Date(Date.UTC(2031, 0, 1) + n * 86_400_000).toISOString().slice(0, 10) };
    case 'invitations':
      return { ...doc, link_token_hash: randomBytes(32).toString('hex') };
    case 'activities':
      return null; // an activity never changes; its one change is a removal (covered below)
    case 'daily_metrics':
      return { ...doc, resting_hr: 30 + n };
    case 'attention_signals':
      return n % 2 === 0
        ? { ...doc, status: 'acknowledged', snoozed_until: null, handled_by: coachId, handled_at: new Date(Date.now() + n).toISOString() }
        : { ...doc, status: 'snoozed', snoozed_until: `${2090 + (n % 9)}-01-01`, handled_by: coachId, handled_at: new Date(Date.now() + n).toISOString() };
  }
}

/** A change, or for activities the removal; coaches: a change the server refuses. */
const changeOf = (collection: SyncCollection, doc: Doc, coachId: string): Doc =>
  edit(collection, doc, coachId) ?? (collection === 'activities' ? { ...doc, _deleted: true } : { ...doc, first_name: `Mallory${++counter}` });

describeOnBackends('sync: adversarial deliveries', (server) => {
  let head: Session;
  let coachId = '';
  const base = (orgId = head.orgId) => `/sync/v2/orgs/${orgId}`;
  const push = (collection: SyncCollection, rows: unknown[], token = head.token, orgId = head.orgId) =>
    request<Push>(server(), 'POST', `${base(orgId)}/${collection}/push`, { token, json: { rows } });
  const orgSeq = async (orgId = head.orgId) => Number((await server().db.query<{ seq: string }>('SELECT seq FROM organizations WHERE id = $1', [orgId])).rows[0]?.seq);

  async function pullAll(collection: SyncCollection, token = head.token, orgId = head.orgId): Promise<Doc[]> {
    const docs: Doc[] = [];
    let seq = 0;
    for (;;) {
      const res = await request<{ documents: Doc[]; checkpoint: { seq: number } | null }>(server(), 'GET', `${base(orgId)}/${collection}/pull?seq=${seq}&limit=1000`, { token });
      expect(res.status).toBe(200);
      if (!res.body.checkpoint) return docs;
      docs.push(...res.body.documents);
      seq = res.body.checkpoint.seq;
    }
  }
  const current = async (collection: SyncCollection, id: string) => (await pullAll(collection)).find((d) => d.id === id);

  /** The i-th live document of a collection a test may change (signals: one not resolved), so tests do not share documents. */
  async function pick(collection: SyncCollection, i: number): Promise<Doc> {
    const live = (await pullAll(collection)).filter((d) => !d._deleted && (collection !== 'attention_signals' || d.status !== 'resolved'));
    const doc = live[i % live.length];
    if (!doc) throw new Error(`the demo has no ${collection}`);
    return doc;
  }

  beforeAll(async () => {
    head = await login(server(), HEAD);
    coachId = (await pullAll('coaches')).find((c) => c.email === HEAD)!.id;
    // The demo has no invitations: a few multi-use links (no email) to push against.
    for (let i = 0; i < 5; i++) await invite(server(), head, { type: 'multi_use', max_uses: 5 });
  });

  it('the same push delivered twice: the same answer, and the second writes nothing (every collection)', async () => {
    for (const collection of SYNC_COLLECTIONS) {
      const doc = await pick(collection, 0);
      const rows = [{ newDocumentState: changeOf(collection, doc, coachId), assumedMasterState: doc }];
      const seq0 = await orgSeq();
      const first = await push(collection, rows);
      expect(first.status, collection).toBe(200);
      if (collection === 'coaches') {
        expect(first.body).toEqual({ conflicts: [doc], rejections: [expect.objectContaining({ id: doc.id, code: 'forbidden' })] });
        expect(await orgSeq()).toBe(seq0);
      } else {
        expect(first.body, collection).toEqual({ conflicts: [], rejections: [] });
        expect(await orgSeq(), collection).toBeGreaterThan(seq0);
      }
      const stored = await current(collection, doc.id);
      const before = await snapshot(server());
      const second = await push(collection, rows);
      expect(second.status, collection).toBe(200);
      expect(second.body, collection).toEqual(first.body);
      expect(await snapshot(server()), `${collection}: the second delivery wrote`).toBe(before);
      expect(await current(collection, doc.id), collection).toEqual(stored);
    }
    // Creations delivered twice: one document, one seq.
    const group = { ...(await pick('groups', 0)), id: randomUUID(), name: `Twice ${randomUUID().slice(0, 8)}` };
    const seq0 = await orgSeq();
    const rows = [{ newDocumentState: group, assumedMasterState: null }];
    expect((await push('groups', rows)).body).toEqual({ conflicts: [], rejections: [] });
    expect(await orgSeq()).toBe(seq0 + 1);
    expect((await push('groups', rows)).body).toEqual({ conflicts: [], rejections: [] });
    expect(await orgSeq()).toBe(seq0 + 1);
    expect((await pullAll('groups')).filter((g) => g.name === group.name)).toHaveLength(1);
  });

  it('an older edit arriving after a newer one (stale assumed master) is a conflict with the master; nothing written', async () => {
    for (const collection of SYNC_COLLECTIONS) {
      const doc = await pick(collection, 1);
      const older = edit(collection, doc, coachId);
      const newer = edit(collection, doc, coachId);
      if (!older || !newer) continue; // coaches (never pushed), activities (never change)
      expect((await push(collection, [{ newDocumentState: newer, assumedMasterState: doc }])).body, collection).toEqual({ conflicts: [], rejections: [] });
      const master = await current(collection, doc.id);
      const before = await snapshot(server());
      const late = await push(collection, [{ newDocumentState: older, assumedMasterState: doc }]);
      expect(late.status).toBe(200);
      expect(late.body, collection).toEqual({ conflicts: [master], rejections: [] });
      expect(await snapshot(server()), collection).toBe(before);
    }
  });

  it('a replayed old push (its assumed state long gone) is a conflict with the current master; nothing written', async () => {
    for (const collection of SYNC_COLLECTIONS) {
      const doc = await pick(collection, 2);
      const p1 = edit(collection, doc, coachId);
      if (!p1) continue;
      expect((await push(collection, [{ newDocumentState: p1, assumedMasterState: doc }])).body, collection).toEqual({ conflicts: [], rejections: [] });
      const m1 = (await current(collection, doc.id))!;
      expect((await push(collection, [{ newDocumentState: edit(collection, m1, coachId), assumedMasterState: m1 }])).body, collection).toEqual({ conflicts: [], rejections: [] });
      const m2 = await current(collection, doc.id);
      const before = await snapshot(server());
      const replay = await push(collection, [{ newDocumentState: p1, assumedMasterState: doc }]);
      expect(replay.body, collection).toEqual({ conflicts: [m2], rejections: [] });
      expect(await snapshot(server()), collection).toBe(before);
    }
    // A creation replayed after the document was renamed.
    const created = { ...(await pick('groups', 0)), id: randomUUID(), name: `Replayed ${randomUUID().slice(0, 8)}` };
    expect((await push('groups', [{ newDocumentState: created, assumedMasterState: null }])).body).toEqual({ conflicts: [], rejections: [] });
    const stored = (await current('groups', created.id))!;
    expect((await push('groups', [{ newDocumentState: { ...stored, name: `${created.name} renamed` }, assumedMasterState: stored }])).body).toEqual({ conflicts: [], rejections: [] });
    const renamed = await current('groups', created.id);
    const before = await snapshot(server());
    expect((await push('groups', [{ newDocumentState: created, assumedMasterState: null }])).body).toEqual({ conflicts: [renamed], rejections: [] });
    expect(await snapshot(server())).toBe(before);
  });

  it('a pull from a checkpoint beyond the newest seq is an empty page without checkpoint; a seq past 2^53-1 is a 400', async () => {
    const newest = await orgSeq();
    for (const collection of SYNC_COLLECTIONS) {
      for (const seq of [newest, newest + 1, newest + 1_000_000, Number.MAX_SAFE_INTEGER]) {
        const res = await request<{ documents: Doc[]; checkpoint: unknown }>(server(), 'GET', `${base()}/${collection}/pull?seq=${seq}`, { token: head.token });
        expect(res.status, `${collection} seq=${seq}`).toBe(200);
        expect(res.body, `${collection} seq=${seq}`).toEqual({ documents: [], checkpoint: null });
      }
      const huge = await request<ErrorBody>(server(), 'GET', `${base()}/${collection}/pull?seq=99999999999999999999`, { token: head.token });
      expect(huge.status).toBe(400);
      expect(huge.body.error.code).toBe('invalid_request');
    }
  });

  it('every endpoint of an older (or newer) schema version answers 426 client_outdated with words to update, signed in or not', async () => {
    const before = await snapshot(server());
    for (const version of [1, 3]) {
      const paths: [string, string, unknown][] = [[`GET`, `/sync/v${version}/orgs/${head.orgId}/stream`, undefined]];
      for (const collection of SYNC_COLLECTIONS) {
        paths.push(['GET', `/sync/v${version}/orgs/${head.orgId}/${collection}/pull?seq=0`, undefined]);
        paths.push(['POST', `/sync/v${version}/orgs/${head.orgId}/${collection}/push`, { rows: [{ newDocumentState: await pick(collection, 0) }] }]);
      }
      for (const [method, path, json] of paths) {
        for (const token of [head.token, undefined]) {
          const res = await request<ErrorBody>(server(), method, path, { token, json });
          expect(res.status, `${method} ${path}`).toBe(426);
          expect(res.body.error.code).toBe('client_outdated');
          expect(res.body.error.message).toMatch(/older than the server.*update the app/);
        }
      }
    }
    expect(await snapshot(server())).toBe(before);
  });

  it('rows of another organization: not found (edit) or nothing to do (tombstone), nothing written in either organization', async () => {
    const other = await createOtherOrganization(server());
    const before = await snapshot(server());
    for (const collection of SYNC_COLLECTIONS) {
      const theirs = await pick(collection, 3); // a document of the demo organization, pushed into the other one
      const changed = edit(collection, theirs, coachId) ?? theirs;
      const asEdit = await push(collection, [{ newDocumentState: changed, assumedMasterState: theirs }], other.token, other.orgId);
      expect(asEdit.status).toBe(200);
      expect(asEdit.body, collection).toEqual({ conflicts: [], rejections: [expect.objectContaining({ id: theirs.id, code: 'not_found' })] });
      const asTombstone = await push(collection, [{ newDocumentState: { ...theirs, _deleted: true } }], other.token, other.orgId);
      expect(asTombstone.body, collection).toEqual({ conflicts: [], rejections: [] });
      const removal = await push(collection, [{ newDocumentState: { ...theirs, _deleted: true }, assumedMasterState: theirs }], other.token, other.orgId);
      expect(removal.body, collection).toEqual({ conflicts: [], rejections: [expect.objectContaining({ id: theirs.id, code: 'not_found' })] });
      // Through the demo organization's URL the other head coach is nobody.
      const cross = await push(collection, [{ newDocumentState: changed, assumedMasterState: theirs }], other.token, head.orgId);
      expect(cross.status, collection).toBe(403);
    }
    expect(await snapshot(server())).toBe(before);
    // A creation under another organization's id is a creation in one's own: the other is untouched.
    const demoGroup = await pick('groups', 0);
    const created = await push('groups', [{ newDocumentState: { ...demoGroup, name: 'Same id, other club' } }], other.token, other.orgId);
    expect(created.body).toEqual({ conflicts: [], rejections: [] });
    expect(await current('groups', demoGroup.id)).toEqual(demoGroup);
    expect((await pullAll('groups', other.token, other.orgId)).map((g) => [g.id, g.name])).toEqual([[demoGroup.id, 'Same id, other club']]);
  });

  it('a tombstone for a document that never existed: nothing to store without an assumed master, not found with one', async () => {
    const before = await snapshot(server());
    for (const collection of SYNC_COLLECTIONS) {
      const ghost = { ...(await pick(collection, 0)), id: randomUUID(), _deleted: true };
      const bare = await push(collection, [{ newDocumentState: ghost }]);
      expect(bare.status).toBe(200);
      expect(bare.body, collection).toEqual({ conflicts: [], rejections: [] });
      const assumed = await push(collection, [{ newDocumentState: ghost, assumedMasterState: { ...ghost, _deleted: false } }]);
      expect(assumed.body, collection).toEqual({ conflicts: [], rejections: [expect.objectContaining({ id: ghost.id, code: 'not_found' })] });
      expect(await current(collection, ghost.id), collection).toBeUndefined();
    }
    expect(await snapshot(server())).toBe(before);
  });
});
