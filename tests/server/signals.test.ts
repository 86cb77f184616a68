/**
 * Attention signals end to end on a real server: the demo seed fires every rule; a load spike
 * pushed through the API opens a signal that is acknowledged, snoozed and reopened through the API
 * and through sync pushes (another coach pulls the state), and resolves when its activities are
 * removed; forged signal, activity and daily-metric pushes are refused; time passing raises absence.
 */
import { expect, it } from 'vitest';
import { activityId, dailyMetricId, type Activity } from '../../shared/domain/activity';
import type { Athlete } from '../../shared/domain/athlete';
import { SIGNAL_RULES, type AttentionSignal } from '../../shared/domain/signal';
import { addDays, todayIn } from '../../shared/schedule/dates';
import { evaluateOrganization } from '../../server/signals/evaluate';
import { COACH1, COACH2, describeOnBackends, login, request, type Session } from './helpers';

type View = AttentionSignal & { athlete_name: string };
type Push = { conflicts: Record<string, unknown>[]; rejections: { id: string; code: string; message: string; field?: string }[] };
type ErrorBody = { error: { code: string; message: string; field?: string } };
type Doc = Record<string, unknown> & { id: string };

const today = () => todayIn('Europe/London');
/** Five weeks of easy runs every other day, then six long hard days: ACWR far above 1.5. */
function spike(): Record<string, unknown>[] {
  const easy = Array.from({ length: 12 }, (_, i) => ({ sport: 'run', name: 'Easy', start_time: `${addDays(today(), -35 + i * 2)}T08:03:00Z`, duration_s: 2400, distance_m: 7000, elevation_gain_m: null, avg_hr: 138, max_hr: 150, rpe: null }));
  const hard = Array.from({ length: 6 }, (_, i) => ({ sport: 'run', name: 'Hard', start_time: `${addDays(today(), -6 + i)}T07:07:00Z`, duration_s: 9000, distance_m: 30000, elevation_gain_m: null, avg_hr: 168, max_hr: 185, rpe: null }));
  return [...easy, ...hard];
}

describeOnBackends('attention signals', (server) => {
  let c1: Session;
  let c2: Session;
  let athlete: Athlete;
  let coach1Id: string;
  let coach2Id: string;
  const org = (p: string) => `/api/v1/organizations/${c1.orgId}${p}`;
  const sync = (p: string) => `/sync/v2/orgs/${c1.orgId}${p}`;
  const push = (collection: string, rows: unknown[], token = c1.token) => request<Push>(server(), 'POST', sync(`/${collection}/push`), { token, json: { rows } });
  const pullAll = async <T = Doc>(collection: string, token = c1.token): Promise<T[]> => {
    const out: T[] = [];
    for (let seq = 0; ; ) {
      const page = (await request<{ documents: T[]; checkpoint: { seq: number } | null }>(server(), 'GET', sync(`/${collection}/pull?seq=${seq}&limit=1000`), { token })).body;
      out.push(...page.documents);
      if (!page.checkpoint || page.documents.length < 1000) return out;
      seq = page.checkpoint.seq;
    }
  };
  const signalsOf = async (athleteId: string, status = 'all') => (await request<{ data: View[] }>(server(), 'GET', org(`/attention-signals?athlete_id=${athleteId}&status=${status}`), { token: c1.token })).body.data;
  const asRow = (doc: Doc, change: Record<string, unknown>) => {
    const { _deleted, ...master } = doc;
    return { newDocumentState: { ...master, ...change, _deleted: change._deleted ?? _deleted }, assumedMasterState: doc };
  };
  const stored = async (collection: string, id: string) => (await pullAll(collection)).find((d) => d.id === id)!;

  it('the demo seed fires every rule, each with figures and a summary, urgent first', async () => {
    c1 = await login(server(), COACH1);
    c2 = await login(server(), COACH2);
    const coaches = (await request<{ data: { id: string; email: string }[] }>(server(), 'GET', org('/coaches'), { token: c1.token })).body.data;
    coach1Id = coaches.find((c) => c.email === COACH1)!.id;
    coach2Id = coaches.find((c) => c.email === COACH2)!.id;
    const open = (await request<{ data: View[] }>(server(), 'GET', org('/attention-signals'), { token: c1.token })).body.data;
    expect(new Set(open.map((s) => s.rule))).toEqual(new Set(SIGNAL_RULES));
    expect(open.every((s) => s.status === 'open' && s.figures.length > 0 && s.summary.length > 0 && s.detected_on === today())).toBe(true);
    expect(open.find((s) => s.rule === 'load_spike')?.severity).toBe('urgent');
    expect(open.filter((s) => s.rule === 'absence').map((s) => s.severity).sort()).toEqual(['urgent', 'watch']);
    expect(open.findIndex((s) => s.severity === 'watch')).toBeGreaterThan(open.findLastIndex((s) => s.severity === 'urgent'));
    const urgent = (await request<{ data: View[] }>(server(), 'GET', org('/attention-signals?severity=urgent'), { token: c1.token })).body.data;
    expect(urgent.length).toBeGreaterThan(0);
    expect(urgent.every((s) => s.severity === 'urgent')).toBe(true);
    const mine = (await request<{ data: (View & { athlete_coach_ids: string[] })[] }>(server(), 'GET', org('/attention-signals?coach_id=me'), { token: c1.token })).body.data;
    expect(mine.every((s) => s.athlete_coach_ids.includes(coach1Id))).toBe(true);
    const none = (await request<{ data: (View & { athlete_coach_ids: string[] })[] }>(server(), 'GET', org('/attention-signals?coach_id=none'), { token: c1.token })).body.data;
    expect(none.every((s) => s.athlete_coach_ids.length === 0)).toBe(true);
    expect(mine.length + none.length).toBeLessThanOrEqual(open.length);
    const bad = await request<ErrorBody>(server(), 'GET', org('/attention-signals?status=later'), { token: c1.token });
    expect(bad.status).toBe(400);
    // The roster's profile status says the same.
    const roster = (await request<{ data: (Athlete & { profile_status: { attention: string } })[] }>(server(), 'GET', org('/athletes?include_profile_status=true&limit=200'), { token: c1.token })).body.data;
    const spiked = roster.find((a) => a.id === open.find((s) => s.rule === 'load_spike')!.athlete_id)!;
    expect(spiked.profile_status.attention).toBe('urgent');
  });

  it('a load spike pushed through the API opens a signal in the same write; acknowledge, snooze and reopen through the API', async () => {
    const athletes = (await request<{ data: Athlete[] }>(server(), 'GET', org('/athletes?limit=200'), { token: c1.token })).body.data;
    athlete = athletes.find((a) => a.status === 'inactive' && !a.labels.includes('@injury-watch'))!;
    expect(await signalsOf(athlete.id)).toEqual([]);
    const res = await request(server(), 'POST', org(`/athletes/${athlete.id}/activities`), { token: c1.token, json: { activities: spike() } });
    expect(res.status).toBe(201);
    const s = (await signalsOf(athlete.id, 'open')).find((x) => x.rule === 'load_spike');
    expect(s).toMatchObject({ rule: 'load_spike', severity: 'urgent', status: 'open', notified_coach_ids: [], handled_by: null });
    expect(s!.figures.find((f) => f.key === 'acwr')!.value).toBeGreaterThanOrEqual(1.5);
    expect((await signalsOf(athlete.id, 'open')).map((x) => x.rule)).toContain('distance_jump');

    const ack = await request<AttentionSignal>(server(), 'POST', org(`/attention-signals/${s!.id}/acknowledge`), { token: c1.token });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', handled_by: coach1Id });
    // Acknowledged on coach 1's side: coach 2 pulls the same state.
    expect(await pullAll<AttentionSignal>('attention_signals', c2.token).then((all) => all.find((x) => x.id === s!.id))).toMatchObject({ status: 'acknowledged', handled_by: coach1Id });

    const early = await request<ErrorBody>(server(), 'POST', org(`/attention-signals/${s!.id}/snooze`), { token: c1.token, json: { until: today() } });
    expect(early.status).toBe(400);
    expect(early.body.error.field).toBe('until');
    const snoozed = await request<AttentionSignal>(server(), 'POST', org(`/attention-signals/${s!.id}/snooze`), { token: c2.token, json: { until: addDays(today(), 3) } });
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozed_until: addDays(today(), 3), handled_by: coach2Id });
    expect((await signalsOf(athlete.id, 'open')).map((x) => x.id)).not.toContain(s!.id);
    const reopened = await request<AttentionSignal>(server(), 'POST', org(`/attention-signals/${s!.id}/reopen`), { token: c1.token });
    expect(reopened.body).toMatchObject({ status: 'open', snoozed_until: null });
    const missing = await request<ErrorBody>(server(), 'POST', org('/attention-signals/00000000-0000-4000-8000-000000000000/acknowledge'), { token: c1.token });
    expect(missing.status).toBe(404);
  });

  it('a coach acknowledges, snoozes and records a notification through sync; forged signal changes are refused', async () => {
    const [s] = (await signalsOf(athlete.id, 'open')).filter((x) => x.rule === 'load_spike');
    let doc = await stored('attention_signals', s!.id);
    const refusals: [Record<string, unknown>, string][] = [
      [{ severity: 'watch' }, 'severity'],
      [{ summary: 'nothing to see' }, 'summary'],
      [{ status: 'resolved' }, 'status'],
      [{ status: 'acknowledged', handled_by: coach2Id }, 'handled_by'],
      [{ notified_coach_ids: [coach2Id] }, 'notified_coach_ids'],
      [{ status: 'snoozed', snoozed_until: today() }, 'snoozed_until'],
      [{ status: 'snoozed', snoozed_until: null }, 'snoozed_until'],
      [{ _deleted: true }, ''],
    ];
    for (const [change, field] of refusals) {
      const res = await push('attention_signals', [asRow(doc, change)]);
      expect(res.body.rejections, JSON.stringify(change)).toHaveLength(1);
      if (field) expect(res.body.rejections[0]!.field, JSON.stringify(change)).toBe(field);
      expect(res.body.conflicts[0]).toMatchObject({ id: s!.id, status: 'open' });
    }
    const created = await push('attention_signals', [{ newDocumentState: { ...doc, id: crypto.randomUUID() }, assumedMasterState: null }]);
    expect(created.body.rejections[0]!.code).toBe('forbidden');

    const ok = await push('attention_signals', [asRow(doc, { status: 'acknowledged', handled_by: coach1Id, handled_at: new Date().toISOString(), notified_coach_ids: [coach1Id] })]);
    expect(ok.body).toEqual({ conflicts: [], rejections: [] });
    doc = await stored('attention_signals', s!.id);
    expect(doc).toMatchObject({ status: 'acknowledged', handled_by: coach1Id, notified_coach_ids: [coach1Id] });
    expect((await pullAll<AttentionSignal>('attention_signals', c2.token)).find((x) => x.id === s!.id)).toMatchObject({ status: 'acknowledged', notified_coach_ids: [coach1Id] });
    // Coach 2 records its own notification; it may not drop coach 1's.
    const dropped = await push('attention_signals', [asRow(doc, { notified_coach_ids: [coach2Id] })], c2.token);
    expect(dropped.body.rejections[0]!.field).toBe('notified_coach_ids');
    const both = await push('attention_signals', [asRow(doc, { notified_coach_ids: [coach1Id, coach2Id] })], c2.token);
    expect(both.body).toEqual({ conflicts: [], rejections: [] });
  });

  it('activities and daily metrics pushed by an app: derived ids, the organization’s day, never changed, removable; the signal resolves when the spike is removed', async () => {
    const start = `${addDays(today(), -2)}T12:41:00Z`;
    const now = new Date().toISOString();
    const act: Activity = { id: activityId(athlete.id, start), athlete_id: athlete.id, source: 'gpx', sport: 'run', name: 'Pushed', start_time: start, duration_s: 1800, distance_m: 5000, elevation_gain_m: 10, avg_hr: null, max_hr: null, rpe: 4, local_date: addDays(today(), -2), created_at: now, updated_at: now };
    const wrongId = await push('activities', [{ newDocumentState: { ...act, id: crypto.randomUUID() }, assumedMasterState: null }]);
    expect(wrongId.body.rejections[0]).toMatchObject({ code: 'invalid', field: 'id' });
    const wrongDay = await push('activities', [{ newDocumentState: { ...act, local_date: addDays(today(), -3) }, assumedMasterState: null }]);
    expect(wrongDay.body.rejections[0]).toMatchObject({ code: 'invalid', field: 'local_date' });
    const noAthlete = crypto.randomUUID();
    const ghost = await push('activities', [{ newDocumentState: { ...act, athlete_id: noAthlete, id: activityId(noAthlete, start) }, assumedMasterState: null }]);
    expect(ghost.body.rejections[0]).toMatchObject({ code: 'not_found', field: 'athlete_id' });
    expect((await push('activities', [{ newDocumentState: act, assumedMasterState: null }])).body).toEqual({ conflicts: [], rejections: [] });
    const doc = await stored('activities', act.id);
    const changed = await push('activities', [asRow(doc, { distance_m: 50000 })]);
    expect(changed.body.rejections[0]!.message).toBe('An activity does not change once stored; remove it and import it again.');

    const metric = { id: dailyMetricId(athlete.id, today()), athlete_id: athlete.id, date: today(), resting_hr: 55, hrv_ms: null, source: 'apple_health', created_at: now, updated_at: now };
    expect((await push('daily_metrics', [{ newDocumentState: metric, assumedMasterState: null }])).body.rejections).toEqual([]);
    const m = await stored('daily_metrics', metric.id);
    expect((await push('daily_metrics', [asRow(m, { resting_hr: 53 })])).body.rejections).toEqual([]);
    expect((await push('daily_metrics', [asRow(await stored('daily_metrics', metric.id), { date: addDays(today(), -1) })])).body.rejections[0]!.field).toBe('id');

    // Removing the hard days through sync clears the spike: the signal resolves in the same push.
    const hard = (await pullAll<Activity & { _deleted: boolean }>('activities')).filter((a) => a.athlete_id === athlete.id && a.name === 'Hard');
    expect(hard).toHaveLength(6);
    const removed = await push('activities', hard.map((a) => asRow(a, { _deleted: true })));
    expect(removed.body).toEqual({ conflicts: [], rejections: [] });
    const all = await signalsOf(athlete.id);
    const spikeSignal = all.find((x) => x.rule === 'load_spike')!;
    expect(spikeSignal).toMatchObject({ status: 'resolved', resolved_on: today() });
    const late = await request<ErrorBody>(server(), 'POST', org(`/attention-signals/${spikeSignal.id}/acknowledge`), { token: c1.token });
    expect(late.status).toBe(409);
    // Imported again: the removed activities come back and the rule fires again as a new episode.
    const again = await request<{ created: number }>(server(), 'POST', org(`/athletes/${athlete.id}/activities`), { token: c1.token, json: { activities: spike() } });
    expect(again.body.created).toBe(6);
    const fresh = (await signalsOf(athlete.id, 'open')).find((x) => x.rule === 'load_spike')!;
    expect(fresh.id).not.toBe(spikeSignal.id);
  });

  it('time alone raises absence: evaluating the organization days later opens absence signals and writes nothing when run twice', async () => {
    const later = new Date(Date.now() + 20 * 86_400_000);
    expect(await evaluateOrganization(server().store, c1.orgId, later)).toBeGreaterThan(0);
    expect(await evaluateOrganization(server().store, c1.orgId, later)).toBe(0);
    const absent = (await pullAll<AttentionSignal>('attention_signals')).filter((s) => s.rule === 'absence' && s.status === 'open' && s.severity === 'urgent');
    expect(absent.length).toBeGreaterThan(10);
  });
});
