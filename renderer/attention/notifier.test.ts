import { afterEach, describe, expect, it } from 'vitest';
import type { NotifyPayload } from '../../shared/ipc/contract';
import type { AstralDatabase } from '../data/database';
import { sampleSignal } from '../data/signalSamples';
import { readOutbox } from '../data/syncStatus';
import { TEST_COLLECTIONS, openTestDatabase, sampleAthlete, uuid } from '../data/testDb';
import { DEFAULT_PREFS, type NotificationPrefs } from './notificationPrefs';
import { startNotifier, type Notifier } from './notifier';

const ME = uuid(20_001);
const OTHER = uuid(20_002);
const TODAY = '2026-11-27';
const running: Notifier[] = [];
const dbs: AstralDatabase[] = [];

afterEach(async () => {
  running.splice(0).forEach((n) => n.stop());
  await Promise.all(dbs.splice(0).map((db) => db.close()));
});

async function setup() {
  const { db } = await openTestDatabase([...TEST_COLLECTIONS, 'attention_signals']);
  dbs.push(db);
  await db.athletes.bulkInsert([
    sampleAthlete(1, { first_name: 'Ana', last_name: 'Silva', coach_ids: [ME] }),
    sampleAthlete(2, { first_name: 'Ben', last_name: 'Okafor', coach_ids: [OTHER] }),
  ]);
  return db;
}

function start(db: AstralDatabase, prefs: Partial<NotificationPrefs> = {}) {
  const shown: NotifyPayload[] = [];
  const current = { ...DEFAULT_PREFS, ...prefs };
  const notifier = startNotifier({
    db,
    me: { coachId: ME, role: 'coach' },
    getPrefs: () => current,
    notify: (p) => shown.push(p),
    today: () => TODAY,
    now: () => new Date(2026, 10, 27, 12, 0),
    batchMs: 30,
    tickMs: 60_000,
    log: () => undefined,
  });
  running.push(notifier);
  return { notifier, shown, prefs: current };
}

const settle = async (n: Notifier) => {
  await new Promise((r) => setTimeout(r, 120));
  await n.evaluate();
};
const notifiedOf = async (db: AstralDatabase, id: string) => (await db.attention_signals.findOne(id).exec())?.toJSON().notified_coach_ids;

describe('notifier', () => {
  it('first start is silent for signals already there; a signal synced later notifies once and records my coach id', async () => {
    const db = await setup();
    await db.attention_signals.insert(sampleSignal(1, { athlete_id: uuid(1) }));
    const first = start(db);
    await first.notifier.ready;
    await settle(first.notifier);
    expect(first.shown).toEqual([]);
    expect(await notifiedOf(db, uuid(60_001))).toEqual([]);

    await db.attention_signals.insert(sampleSignal(2, { athlete_id: uuid(1), rule: 'absence', summary: 'No activity for 15 days (last on 12 Nov).' }));
    await settle(first.notifier);
    expect(first.shown).toEqual([{ title: 'Ana Silva: No recent activity (urgent)', body: 'No activity for 15 days (last on 12 Nov).', route: `/athletes/${uuid(1)}` }]);
    expect(await notifiedOf(db, uuid(60_002))).toEqual([ME]);
    expect(await readOutbox(db)).toContain(`attention_signals:${uuid(60_002)}`);

    // A restart (a new notifier on the same database) shows nothing again.
    first.notifier.stop();
    const second = start(db);
    await second.notifier.ready;
    await settle(second.notifier);
    expect(second.shown).toEqual([]);
  });

  it("ignores athletes I do not follow and signals another device of mine already showed", async () => {
    const db = await setup();
    const { notifier, shown } = start(db);
    await notifier.ready;
    await db.attention_signals.bulkInsert([sampleSignal(3, { athlete_id: uuid(2) }), sampleSignal(4, { athlete_id: uuid(1), notified_coach_ids: [ME] })]);
    await settle(notifier);
    expect(shown).toEqual([]);
  });

  it('digest: one sync batch of several signals is one notification', async () => {
    const db = await setup();
    const { notifier, shown } = start(db, { digest: true });
    await notifier.ready;
    await db.attention_signals.bulkInsert([
      sampleSignal(5, { athlete_id: uuid(1) }),
      sampleSignal(6, { athlete_id: uuid(1), rule: 'distance_jump', severity: 'watch' }),
    ]);
    await settle(notifier);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('Ana Silva needs attention (2 signals)');
    expect(await notifiedOf(db, uuid(60_005))).toEqual([ME]);
    expect(await notifiedOf(db, uuid(60_006))).toEqual([ME]);
  });

  it('off: a new signal is set aside on this device and does not fire when notifications come back on', async () => {
    const db = await setup();
    const { notifier, shown, prefs } = start(db, { enabled: false });
    await notifier.ready;
    await db.attention_signals.insert(sampleSignal(7, { athlete_id: uuid(1) }));
    await settle(notifier);
    expect(await notifiedOf(db, uuid(60_007))).toEqual([]);
    prefs.enabled = true;
    await notifier.evaluate();
    expect(shown).toEqual([]);
  });

  it('quiet hours hold a signal until they end', async () => {
    const db = await setup();
    const { notifier, shown, prefs } = start(db, { quietEnabled: true, quietFrom: '11:00', quietTo: '13:00' });
    await notifier.ready;
    await db.attention_signals.insert(sampleSignal(8, { athlete_id: uuid(1) }));
    await settle(notifier);
    expect(shown).toEqual([]);
    prefs.quietTo = '12:00'; // the clock (12:00) is now past the end
    await notifier.evaluate();
    expect(shown.map((s) => s.title)).toEqual(['Ana Silva: Load spike (urgent)']);
  });
});
