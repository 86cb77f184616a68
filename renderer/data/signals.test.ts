import { afterEach, describe, expect, it } from 'vitest';
import { sortRoster } from './search';
import {
  acknowledgeSignal,
  attentionByAthlete,
  countBySeverity,
  markSignalsNotified,
  openSignals,
  reopenSignal,
  snoozeSignal,
} from './signals';
import { sampleSignal } from './signalSamples';
import { readOutbox } from './syncStatus';
import { TEST_COLLECTIONS, openTestDatabase, sampleAthlete, uuid } from './testDb';

const COACH = uuid(20_001);
const TODAY = '2026-11-27';
const opened: { db: { close(): Promise<unknown> } }[] = [];
async function open() {
  const data = await openTestDatabase([...TEST_COLLECTIONS, 'attention_signals']);
  opened.push(data);
  return data.db;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

describe('signal queries', () => {
  const a1 = uuid(1);
  const a2 = uuid(2);
  const signals = [
    sampleSignal(1, { athlete_id: a1, severity: 'watch' }),
    sampleSignal(2, { athlete_id: a1, severity: 'urgent' }),
    sampleSignal(3, { athlete_id: a2, severity: 'watch' }),
    sampleSignal(4, { athlete_id: a2, status: 'acknowledged' }),
    sampleSignal(5, { athlete_id: a2, status: 'snoozed', snoozed_until: TODAY }),
    sampleSignal(6, { athlete_id: a2, status: 'snoozed', snoozed_until: '2026-11-26', severity: 'watch' }),
    sampleSignal(7, { athlete_id: a2, status: 'resolved', resolved_on: TODAY }),
  ];

  it('open = open or snoozed until before today; counts and worst severity per athlete', () => {
    const open = openSignals(signals, TODAY);
    expect(open.map((s) => s.id)).toEqual([1, 2, 3, 6].map((n) => uuid(60_000 + n)));
    expect(countBySeverity(open)).toEqual({ urgent: 1, watch: 3 });
    expect(Object.fromEntries(attentionByAthlete(open))).toEqual({ [a1]: { severity: 'urgent', count: 2 }, [a2]: { severity: 'watch', count: 2 } });
  });

  it("roster sort 'attention': urgent first, then watch with more signals first, none last in both directions", () => {
    const athletes = [1, 2, 3, 4].map((n) => sampleAthlete(n));
    const keys = new Map([
      [uuid(2), { severity: 'watch' as const, count: 1 }],
      [uuid(3), { severity: 'urgent' as const, count: 1 }],
      [uuid(4), { severity: 'watch' as const, count: 3 }],
    ]);
    const order = (direction: 'asc' | 'desc') => sortRoster(athletes, { column: 'attention', direction }, new Map(), keys).map((a) => a.last_name);
    expect(order('asc')).toEqual(['Runner3', 'Runner4', 'Runner2', 'Runner1']);
    expect(order('desc')).toEqual(['Runner2', 'Runner4', 'Runner3', 'Runner1']);
  });
});

describe('signal writes', () => {
  it('acknowledge, snooze and reopen change only coach fields, through the outbox', async () => {
    const db = await open();
    const s = sampleSignal(1);
    await db.attention_signals.insert(s);
    const now = new Date('2026-11-27T10:00:00.000Z');

    expect(await acknowledgeSignal(db, s.id, COACH, now)).toEqual({ ok: true });
    let doc = (await db.attention_signals.findOne(s.id).exec())?.toJSON();
    expect(doc).toMatchObject({ status: 'acknowledged', handled_by: COACH, handled_at: now.toISOString(), summary: s.summary, severity: 'urgent' });
    expect(await readOutbox(db)).toEqual([`attention_signals:${s.id}`]);

    expect(await snoozeSignal(db, s.id, '2026-11-26', COACH, TODAY)).toEqual({ ok: false, message: 'Snooze until today or a later day.' });
    expect(await snoozeSignal(db, s.id, '2026-12-03', COACH, TODAY, now)).toEqual({ ok: true });
    doc = (await db.attention_signals.findOne(s.id).exec())?.toJSON();
    expect(doc).toMatchObject({ status: 'snoozed', snoozed_until: '2026-12-03' });

    expect(await reopenSignal(db, s.id, COACH, now)).toEqual({ ok: true });
    doc = (await db.attention_signals.findOne(s.id).exec())?.toJSON();
    expect(doc).toMatchObject({ status: 'open', snoozed_until: null, handled_by: COACH });
  });

  it('refuses a resolved or missing signal and writes nothing', async () => {
    const db = await open();
    const s = sampleSignal(2, { status: 'resolved', resolved_on: TODAY });
    await db.attention_signals.insert(s);
    expect((await acknowledgeSignal(db, s.id, COACH)).ok).toBe(false);
    expect((await reopenSignal(db, uuid(99_999), COACH)).ok).toBe(false);
    expect(await readOutbox(db)).toEqual([]);
    expect((await db.attention_signals.findOne(s.id).exec())?.toJSON().status).toBe('resolved');
  });

  it('records a notified coach once, keeping the others', async () => {
    const db = await open();
    const other = uuid(20_002);
    await db.attention_signals.bulkInsert([sampleSignal(3, { notified_coach_ids: [other] }), sampleSignal(4, { notified_coach_ids: [COACH] })]);
    await markSignalsNotified(db, [uuid(60_003), uuid(60_004)], COACH);
    await markSignalsNotified(db, [uuid(60_003)], COACH);
    const docs = await db.attention_signals.findByIds([uuid(60_003), uuid(60_004)]).exec();
    expect(docs.get(uuid(60_003))?.toJSON().notified_coach_ids).toEqual([other, COACH]);
    expect(docs.get(uuid(60_004))?.toJSON().notified_coach_ids).toEqual([COACH]);
    expect(await readOutbox(db)).toEqual([`attention_signals:${uuid(60_003)}`]);
  });
});
