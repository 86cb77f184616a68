import { describe, expect, it } from 'vitest';
import type { AttentionSignal } from '../../shared/domain/signal';
import { DEFAULT_PREFS, inQuietHours, type NotificationPrefs } from './notificationPrefs';
import { MAX_SINGLE, planNotifications, seenKey, type NotifyAthlete } from './notifyPlan';

const ME = 'c0000000-0000-4000-8000-000000000001';
const OTHER = 'c0000000-0000-4000-8000-000000000002';
const athletes = new Map<string, NotifyAthlete>([
  ['a1', { id: 'a1', first_name: 'Ana', last_name: 'Silva', coach_ids: [ME] }],
  ['a2', { id: 'a2', first_name: 'Ben', last_name: 'Okafor', coach_ids: [OTHER] }],
  ['a3', { id: 'a3', first_name: 'Cleo', last_name: 'Park', coach_ids: [ME, OTHER] }],
]);

let n = 0;
function signal(patch: Partial<AttentionSignal> = {}): AttentionSignal {
  n++;
  return {
    id: `s${n}`,
    athlete_id: 'a1',
    rule: 'load_spike',
    severity: 'urgent',
    status: 'open',
    summary: 'ACWR 1.62: 7-day load 540 against 333 per week over 28 days',
    figures: [],
    detected_on: '2026-11-20',
    evaluated_on: '2026-11-27',
    resolved_on: null,
    snoozed_until: null,
    handled_by: null,
    handled_at: null,
    notified_coach_ids: [],
    created_at: '2026-11-20T08:00:00.000Z',
    updated_at: '2026-11-20T08:00:00.000Z',
    ...patch,
  };
}

const noon = new Date(2026, 10, 27, 12, 0);
function plan(signals: AttentionSignal[], prefs: Partial<NotificationPrefs> = {}, opts: { role?: 'coach' | 'head_coach'; seen?: string[]; now?: Date } = {}) {
  return planNotifications({
    signals,
    athletes,
    me: { coachId: ME, role: opts.role ?? 'coach' },
    prefs: { ...DEFAULT_PREFS, ...prefs },
    seen: new Set(opts.seen ?? []),
    today: '2026-11-27',
    now: opts.now ?? noon,
  });
}

describe('planNotifications', () => {
  it('one notification per signal with the athlete, rule, severity, summary and profile route', () => {
    const s = signal();
    const p = plan([s]);
    expect(p.show).toEqual([{ title: 'Ana Silva: Load spike (urgent)', body: s.summary, route: '/athletes/a1' }]);
    expect(p.notified).toEqual([s.id]);
    expect(p.setAside).toEqual([]);
  });

  it('skips signals that are not open, already notified to me, set aside, or of athletes I do not follow', () => {
    const skipped = [
      signal({ status: 'acknowledged' }),
      signal({ status: 'resolved' }),
      signal({ status: 'snoozed', snoozed_until: '2026-11-27' }),
      signal({ notified_coach_ids: [ME] }),
      signal({ athlete_id: 'a2' }),
      signal({ athlete_id: 'unknown' }),
    ];
    const seen = signal();
    const p = plan([...skipped, seen], {}, { seen: [seenKey(seen)] });
    expect(p.show).toEqual([]);
    expect(p.notified).toEqual([]);
  });

  it('notifies a signal another coach was notified of, and a snooze that ended', () => {
    const p = plan([signal({ notified_coach_ids: [OTHER] }), signal({ status: 'snoozed', snoozed_until: '2026-11-26', athlete_id: 'a3', severity: 'watch' })]);
    expect(p.show.map((x) => x.title)).toEqual(['Ana Silva: Load spike (urgent)', 'Cleo Park: Load spike (watch)']);
  });

  it('head coach follows everyone by default and only assigned athletes with the setting', () => {
    const signals = [signal({ athlete_id: 'a2' }), signal({ athlete_id: 'a1' })];
    expect(plan(signals, {}, { role: 'head_coach' }).notified).toHaveLength(2);
    expect(plan(signals, { headCoachScope: 'assigned' }, { role: 'head_coach' }).notified).toEqual([signals[1]?.id]);
  });

  it('off: nothing shown, every candidate set aside on this device, nothing written', () => {
    const s = signal();
    expect(plan([s], { enabled: false })).toEqual({ show: [], notified: [], setAside: [seenKey(s)] });
  });

  it('urgent only: a watch signal is set aside under its severity, so it notifies if it turns urgent', () => {
    const w = signal({ severity: 'watch' });
    const p = plan([w], { urgentOnly: true });
    expect(p).toEqual({ show: [], notified: [], setAside: [`${w.id}:watch`] });
    const later = plan([{ ...w, severity: 'urgent' }], { urgentOnly: true }, { seen: p.setAside });
    expect(later.notified).toEqual([w.id]);
  });

  it('quiet hours hold everything (nothing set aside); after them one digest for several', () => {
    const signals = [signal(), signal({ athlete_id: 'a3', rule: 'absence', severity: 'watch' })];
    const quiet = { quietEnabled: true, quietFrom: '22:00', quietTo: '07:00' };
    expect(plan(signals, quiet, { now: new Date(2026, 10, 27, 23, 30) })).toEqual({ show: [], notified: [], setAside: [] });
    expect(plan(signals, quiet, { now: new Date(2026, 10, 27, 6, 59) }).show).toEqual([]);
    expect(plan(signals, { ...quiet, digest: true }, { now: new Date(2026, 10, 27, 7, 0) }).show).toEqual([
      { title: '2 athletes need attention', body: 'Ana Silva: Load spike (urgent)\nCleo Park: No recent activity (watch)', route: '/attention' },
    ]);
  });

  it('digest: one notification for a batch; one athlete with two signals opens the profile', () => {
    const signals = [signal({ severity: 'watch', rule: 'distance_jump' }), signal()];
    const p = plan(signals, { digest: true });
    expect(p.show).toEqual([
      { title: 'Ana Silva needs attention (2 signals)', body: 'Ana Silva: Load spike (urgent)\nAna Silva: Distance jump (watch)', route: '/athletes/a1' },
    ]);
    expect(p.notified.sort()).toEqual(signals.map((s) => s.id).sort());
    expect(plan([signal()], { digest: true }).show[0]?.title).toBe('Ana Silva: Load spike (urgent)');
  });

  it('more than MAX_SINGLE signals in one batch become a digest even without the setting', () => {
    const many = Array.from({ length: MAX_SINGLE + 1 }, () => signal({ athlete_id: 'a3' }));
    expect(plan(many.slice(0, MAX_SINGLE)).show).toHaveLength(MAX_SINGLE);
    expect(plan(many).show).toHaveLength(1);
    expect(plan(many).notified).toHaveLength(MAX_SINGLE + 1);
  });
});

describe('inQuietHours', () => {
  const at = (h: number, m = 0) => new Date(2026, 0, 10, h, m);
  const q = (from: string, to: string) => ({ quietEnabled: true, quietFrom: from, quietTo: to });
  it('a window within one day', () => {
    expect(inQuietHours(q('12:00', '14:00'), at(11, 59))).toBe(false);
    expect(inQuietHours(q('12:00', '14:00'), at(12, 0))).toBe(true);
    expect(inQuietHours(q('12:00', '14:00'), at(13, 59))).toBe(true);
    expect(inQuietHours(q('12:00', '14:00'), at(14, 0))).toBe(false);
  });
  it('a window crossing midnight', () => {
    expect(inQuietHours(q('22:00', '07:00'), at(21, 59))).toBe(false);
    expect(inQuietHours(q('22:00', '07:00'), at(22, 0))).toBe(true);
    expect(inQuietHours(q('22:00', '07:00'), at(0, 0))).toBe(true);
    expect(inQuietHours(q('22:00', '07:00'), at(6, 59))).toBe(true);
    expect(inQuietHours(q('22:00', '07:00'), at(7, 0))).toBe(false);
  });
  it('off, an empty window or an unreadable time is never quiet', () => {
    expect(inQuietHours({ ...q('22:00', '07:00'), quietEnabled: false }, at(23))).toBe(false);
    expect(inQuietHours(q('08:00', '08:00'), at(8))).toBe(false);
    expect(inQuietHours(q('25:00', '07:00'), at(3))).toBe(false);
  });
});
