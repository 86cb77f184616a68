import { describe, expect, it } from 'vitest';
import type { AttentionSignal } from '../../shared/domain/signal';
import type { SignalFinding } from '../../shared/training';
import { signalWrites } from './lifecycle';

const ATHLETE = '11111111-1111-4111-8111-111111111111';
const COACH = '22222222-2222-4222-8222-222222222222';
const NOW = '2026-05-10T10:00:00.000Z';
let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

const finding = (over: Partial<SignalFinding> = {}): SignalFinding => ({
  rule: 'load_spike',
  severity: 'watch',
  summary: 'ACWR 1.35',
  figures: [{ key: 'acwr', label: 'ACWR', value: 1.35, unit: 'ratio' }],
  ...over,
});
const signal = (over: Partial<AttentionSignal> = {}): AttentionSignal => ({
  id: newId(),
  athlete_id: ATHLETE,
  rule: 'load_spike',
  severity: 'watch',
  status: 'open',
  summary: 'ACWR 1.35',
  figures: [{ key: 'acwr', label: 'ACWR', value: 1.35, unit: 'ratio' }],
  detected_on: '2026-05-08',
  evaluated_on: '2026-05-10',
  resolved_on: null,
  snoozed_until: null,
  handled_by: null,
  handled_at: null,
  notified_coach_ids: [],
  created_at: NOW,
  updated_at: NOW,
  ...over,
});
const run = (existing: AttentionSignal[], findings: SignalFinding[], today = '2026-05-10') => signalWrites({ athleteId: ATHLETE, existing, findings, today, now: NOW, newId });

describe('signal life cycle', () => {
  it('opens a new signal for a rule that fires without an unresolved one', () => {
    const [s] = run([signal({ status: 'resolved', resolved_on: '2026-04-01' })], [finding()]);
    expect(s).toMatchObject({ status: 'open', rule: 'load_spike', detected_on: '2026-05-10', notified_coach_ids: [], handled_by: null });
  });

  it('writes nothing when nothing changed, and updates figures of the same episode', () => {
    const s = signal();
    expect(run([s], [finding()])).toEqual([]);
    const [u] = run([s], [finding({ summary: 'ACWR 1.40', figures: [{ key: 'acwr', label: 'ACWR', value: 1.4, unit: 'ratio' }] })], '2026-05-11');
    expect(u).toMatchObject({ id: s.id, summary: 'ACWR 1.40', evaluated_on: '2026-05-11', detected_on: '2026-05-08', status: 'open' });
  });

  it('resolves a signal whose rule stopped firing, and a duplicate episode of a rule', () => {
    const s = signal({ status: 'acknowledged' });
    expect(run([s], [])).toEqual([expect.objectContaining({ id: s.id, status: 'resolved', resolved_on: '2026-05-10' })]);
    const older = signal({ detected_on: '2026-05-01' });
    const newer = signal();
    expect(run([older, newer], [finding()])).toEqual([expect.objectContaining({ id: older.id, status: 'resolved' })]);
  });

  it('an escalation to urgent reopens an acknowledged or snoozed signal and notifies again', () => {
    for (const handled of [signal({ status: 'acknowledged', handled_by: COACH, notified_coach_ids: [COACH] }), signal({ status: 'snoozed', snoozed_until: '2026-05-20', notified_coach_ids: [COACH] })]) {
      const [u] = run([handled], [finding({ severity: 'urgent' })]);
      expect(u).toMatchObject({ id: handled.id, status: 'open', severity: 'urgent', snoozed_until: null, notified_coach_ids: [] });
    }
    const [down] = run([signal({ severity: 'urgent', status: 'acknowledged' })], [finding({ severity: 'watch' })]);
    expect(down).toMatchObject({ status: 'acknowledged', severity: 'watch' });
  });

  it('a snoozed signal stays snoozed through its day and is open again after it', () => {
    const s = signal({ status: 'snoozed', snoozed_until: '2026-05-10' });
    expect(run([s], [finding()], '2026-05-10')).toEqual([]);
    expect(run([s], [finding()], '2026-05-11')).toEqual([expect.objectContaining({ status: 'open', snoozed_until: null })]);
  });
});
