/** Sample attention signals for tests (imported by *.test.ts only). */
import type { AttentionSignal } from '../../shared/domain/signal';
import { uuid } from './testDb';

export function sampleSignal(n: number, patch: Partial<AttentionSignal> = {}): AttentionSignal {
  return {
    id: uuid(60_000 + n),
    athlete_id: uuid(1),
    rule: 'load_spike',
    severity: 'urgent',
    status: 'open',
    summary: 'ACWR 1.62: 7-day load 540 against 333 per week over 28 days',
    figures: [{ key: 'acwr', label: 'ACWR', value: 1.62, unit: 'ratio' }],
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
