import { describe, expect, it } from 'vitest';
import { sampleSignal } from '../data/signalSamples';
import { sampleAthlete, uuid } from '../data/testDb';
import { attentionEntries, countsLine } from './attentionList';

const ME = uuid(20_001);
const athletes = new Map(
  [
    sampleAthlete(1, { first_name: 'Ana', last_name: 'Silva', coach_ids: [ME] }),
    sampleAthlete(2, { first_name: 'Ben', last_name: 'Okafor' }),
    sampleAthlete(3, { first_name: 'Cleo', last_name: 'Park', coach_ids: [ME] }),
    sampleAthlete(4, { first_name: 'Dan', last_name: 'Ito' }),
  ].map((a) => [a.id, a]),
);

describe('attentionEntries', () => {
  const signals = [
    sampleSignal(1, { athlete_id: uuid(1), severity: 'watch', detected_on: '2026-11-10' }),
    sampleSignal(2, { athlete_id: uuid(2), severity: 'urgent', detected_on: '2026-11-25' }),
    sampleSignal(3, { athlete_id: uuid(3), severity: 'watch', detected_on: '2026-11-20' }),
    sampleSignal(4, { athlete_id: uuid(3), severity: 'watch', detected_on: '2026-11-22', rule: 'absence' }),
    sampleSignal(5, { athlete_id: uuid(4), severity: 'urgent', detected_on: '2026-11-21' }),
    sampleSignal(6, { athlete_id: uuid(4), severity: 'watch', detected_on: '2026-11-01', rule: 'hrv_drift' }),
    sampleSignal(7, { athlete_id: uuid(9), severity: 'watch', detected_on: '2026-11-01' }),
  ];

  it('urgent first, then more signals, then the oldest detection; signals worst first', () => {
    const entries = attentionEntries(signals, athletes);
    expect(entries.map((e) => e.athlete?.first_name ?? 'unknown')).toEqual(['Dan', 'Ben', 'Cleo', 'unknown', 'Ana']);
    expect(entries[0]?.signals.map((s) => s.severity)).toEqual(['urgent', 'watch']);
    expect(entries[0]?.oldest).toBe('2026-11-01');
    expect(entries[2]?.signals.map((s) => s.rule)).toEqual(['load_spike', 'absence']);
  });

  it('my athletes: only those assigned to me', () => {
    expect(attentionEntries(signals, athletes, 'mine', ME).map((e) => e.athlete?.first_name)).toEqual(['Cleo', 'Ana']);
    expect(attentionEntries(signals, athletes, 'mine', null)).toEqual([]);
  });

  it('counts line', () => {
    expect(countsLine({ urgent: 3, watch: 5 })).toBe('3 urgent · 5 watch');
    expect(countsLine({ urgent: 0, watch: 0 })).toBe('Nothing needs attention');
  });
});
