/**
 * Races (issue 6): invitation acceptance under concurrency (single-use and multi-use; the larger
 * runs are in invitations-accept.test.ts, one of each is kept here with the same helpers), two
 * head-coach hand-overs at once, a hand-over racing a coach-assignment PUT, and an athlete removed
 * while a coach edits them offline: the edit pushed after the removal is refused naming the
 * removal, nothing is written, and the app's conflict handler tells the coach so in words.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership } from '../../shared/domain/organization';
import { createAthleteConflicts, type NoticeDraft } from '../../renderer/data/conflicts';
import { COACH1, COACH2, HEAD, describeOnBackends, login, request, snapshot, type Session } from './helpers';
import { accept, invitationDoc, invite, makeUser, tokenOf, uniqueEmail } from './invitations-helpers';
import { orgPath } from './role-helpers';

type Doc<T> = T & { _deleted: boolean };
type Push<T> = { conflicts: Doc<T>[]; rejections: { id: string; code: string; message: string; field?: string }[] };
type ErrorBody = { error: { code: string; message: string } };

describeOnBackends('races', (server) => {
  let head: Session;
  let coach1: Session;
  let coach2: Session;
  const sessions = () => ({ [HEAD]: head, [COACH1]: coach1, [COACH2]: coach2 });

  async function pullAll<T>(collection: string, s: Session = head): Promise<Doc<T>[]> {
    const docs: Doc<T>[] = [];
    let seq = 0;
    for (;;) {
      const res = await request<{ documents: Doc<T>[]; checkpoint: { seq: number } | null }>(server(), 'GET', `/sync/v2/orgs/${s.orgId}/${collection}/pull?seq=${seq}&limit=1000`, {
        token: s.token,
      });
      if (!res.body.checkpoint) return docs;
      docs.push(...res.body.documents);
      seq = res.body.checkpoint.seq;
    }
  }
  const liveCoaches = async () => (await pullAll<CoachMembership>('coaches')).filter((c) => !c._deleted);
  const coachId = async (email: string) => (await liveCoaches()).find((c) => c.email === email)!.id;
  const headCoaches = async () => (await liveCoaches()).filter((c) => c.role === 'head_coach').map((c) => c.email);
  const handOver = (from: Session, toId: string) => request<ErrorBody>(server(), 'PATCH', orgPath(from.orgId, `/coaches/${toId}`), { token: from.token, json: { role: 'head_coach' } });

  beforeAll(async () => {
    head = await login(server(), HEAD);
    coach1 = await login(server(), COACH1);
    coach2 = await login(server(), COACH2);
  });

  it('20 concurrent accepts of a single-use invitation: one athlete; 12 of a multi-use link with max_uses 3: three', async () => {
    const email = uniqueEmail('race');
    const single = await invite(server(), head, { type: 'single_use', first_name: 'Race', email });
    const users = await Promise.all(Array.from({ length: 20 }, () => makeUser(server())));
    const results = await Promise.all(users.map((u) => accept(server(), tokenOf(single.url), undefined, u.token)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 404 && r.body.error?.code === 'invitation_invalid')).toHaveLength(19);
    expect((await invitationDoc(server(), head.orgId, single.id)).uses).toBe(1);

    const multi = await invite(server(), head, { type: 'multi_use', max_uses: 3 });
    const joiners = await Promise.all(Array.from({ length: 12 }, () => makeUser(server())));
    const joined = await Promise.all(joiners.map((u) => accept(server(), tokenOf(multi.url), undefined, u.token)));
    const winners = joined.filter((r) => r.status === 201);
    expect(winners).toHaveLength(3);
    expect(joined.filter((r) => r.status === 404 && r.body.error?.code === 'invitation_invalid')).toHaveLength(9);
    expect((await invitationDoc(server(), head.orgId, multi.id)).uses).toBe(3);
    const athletes = (await pullAll<Athlete>('athletes')).filter((a) => !a._deleted);
    const joinedUsers = new Set(joiners.map((u) => u.id));
    expect(athletes.filter((a) => joinedUsers.has(a.user_id)).map((a) => a.id).sort()).toEqual(winners.map((r) => r.body.athlete_id).sort());
  });

  it('two hand-overs of the head-coach role at once: one wins, the other is refused, exactly one head coach after', async () => {
    const [to1, to2] = [await coachId(COACH1), await coachId(COACH2)];
    const [a, b] = await Promise.all([handOver(head, to1), handOver(head, to2)]);
    expect([a.status, b.status].sort()).toEqual([200, 403]);
    const loser = a.status === 403 ? a : b;
    expect(loser.body.error.message).toMatch(/Only the head coach/);
    const winner = a.status === 200 ? COACH1 : COACH2;
    expect(await headCoaches()).toEqual([winner]);

    // The new head coach hands it back twice at once, racing the old head coach handing it away (no longer theirs).
    const newHead = sessions()[winner];
    const headId = await coachId(HEAD);
    const other = winner === COACH1 ? to2 : to1;
    const results = await Promise.all([handOver(newHead, headId), handOver(newHead, other), handOver(head, other)]);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect((await headCoaches()).length).toBe(1);
    // Whoever holds it now gives it back to the demo head coach for the next tests.
    const holder = sessions()[(await headCoaches())[0] as keyof ReturnType<typeof sessions>];
    if (holder !== head) expect((await handOver(holder, headId)).status).toBe(200);
    expect(await headCoaches()).toEqual([HEAD]);
  });

  it('a hand-over racing the head coach’s coach-assignment PUT: the PUT applies before it or is refused after it, never half', async () => {
    const outcomes: string[] = [];
    const headId = await coachId(HEAD);
    const to1 = await coachId(COACH1);
    for (let round = 0; round < 4; round++) {
      const [from, fromId, toId] = round % 2 === 0 ? [head, headId, to1] : [coach1, to1, headId];
      const athlete = (await pullAll<Athlete>('athletes')).filter((x) => !x._deleted)[round]!;
      const wanted = athlete.coach_ids.includes(fromId) ? [] : [fromId];
      const [put, hand] = await Promise.all([
        request<Athlete & ErrorBody>(server(), 'PUT', orgPath(from.orgId, `/athletes/${athlete.id}/coaches`), { token: from.token, json: { coach_ids: wanted } }),
        handOver(from, toId),
      ]);
      expect(hand.status).toBe(200);
      const after = (await pullAll<Athlete>('athletes')).find((x) => x.id === athlete.id)!;
      if (put.status === 200) {
        expect(after.coach_ids).toEqual(wanted);
        outcomes.push('before');
      } else {
        expect(put.status).toBe(403);
        expect(put.body.error.message).toMatch(/Only the head coach/);
        expect(after).toEqual(athlete);
        outcomes.push('refused');
      }
      expect((await headCoaches()).length).toBe(1);
    }
    console.log(`[races ${server().backend}] assignment PUT racing a hand-over, 4 rounds: ${outcomes.join(', ')}`);
    expect(await headCoaches()).toEqual([HEAD]);
  });

  it('an athlete removed while a coach edits them offline: the late edit is refused naming the removal, nothing written, the coach is told', async () => {
    const athlete = (await pullAll<Athlete>('athletes', coach1)).filter((a) => !a._deleted).at(-1)!;
    // coach1 goes offline with this copy and edits it; meanwhile the head coach removes the athlete.
    const offline: Doc<Athlete> = { ...athlete, labels: [...athlete.labels, '@late-edit'], private_notes: 'typed offline' };
    expect((await request(server(), 'DELETE', orgPath(head.orgId, `/athletes/${athlete.id}`), { token: head.token })).status).toBe(204);
    const tombstone = (await pullAll<Athlete>('athletes')).find((a) => a.id === athlete.id)!;
    expect(tombstone._deleted).toBe(true);

    const before = await snapshot(server());
    const late = await request<Push<Athlete>>(server(), 'POST', `/sync/v2/orgs/${coach1.orgId}/athletes/push`, {
      token: coach1.token,
      json: { rows: [{ newDocumentState: offline, assumedMasterState: athlete }] },
    });
    expect(late.status).toBe(200);
    expect(late.body).toEqual({ conflicts: [tombstone], rejections: [{ id: athlete.id, code: 'forbidden', message: 'This athlete was removed from the organization.' }] });
    // The app merges and, if it tried again against the tombstone, is refused the same way.
    const again = await request<Push<Athlete>>(server(), 'POST', `/sync/v2/orgs/${coach1.orgId}/athletes/push`, {
      token: coach1.token,
      json: { rows: [{ newDocumentState: { ...offline }, assumedMasterState: tombstone }] },
    });
    expect(again.body).toEqual(late.body);
    expect(await snapshot(server())).toBe(before);
    expect((await request(server(), 'GET', orgPath(head.orgId, `/athletes/${athlete.id}`), { token: head.token })).status).toBe(404);

    // What the app does with that answer (renderer/data/conflicts.ts, as the push handler calls it).
    const notices: NoticeDraft[] = [];
    const conflicts = createAthleteConflicts((n) => notices.push(n));
    conflicts.noteRejections([athlete.id], late.body.rejections);
    const resolved = await conflicts.handler.resolve({ assumedMasterState: athlete, newDocumentState: offline, realMasterState: tombstone }, 'test');
    expect(resolved._deleted).toBe(true);
    expect(resolved).toEqual(tombstone);
    expect(notices).toHaveLength(1);
    const name = `${athlete.first_name} ${athlete.last_name}`;
    console.log(`[races ${server().backend}] the coach reads: ${notices[0]!.title}: ${notices[0]!.message}`);
    expect(notices[0]).toMatchObject({ kind: 'refusal', title: 'Edit refused' });
    expect(notices[0]!.message).toContain(name);
    expect(notices[0]!.message).toContain('This athlete was removed from the organization.');
    expect(notices[0]!.message).toMatch(/Labels .*Private notes|Private notes .*Labels/);
  });
});
