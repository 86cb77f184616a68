import { describe, expect, it } from 'vitest';
import type { PlanSession } from '../../shared/domain/plan';
import { durationInput, formatDuration, kmInput, paceInput, parseDuration, parseKm, parsePace, workoutSummary } from './workout';

describe('workout numbers', () => {
  it('reads kilometres with a dot or a comma', () => {
    expect(parseKm('12.5')).toEqual({ ok: true, value: 12500 });
    expect(parseKm(' 10,25 km')).toEqual({ ok: true, value: 10250 });
    expect(parseKm('')).toEqual({ ok: true, value: null });
    expect(parseKm('ten')).toMatchObject({ ok: false });
    expect(parseKm('-3')).toMatchObject({ ok: false });
  });

  it('reads durations as h:mm or minutes', () => {
    expect(parseDuration('1:15')).toEqual({ ok: true, value: 4500 });
    expect(parseDuration('0:45')).toEqual({ ok: true, value: 2700 });
    expect(parseDuration('45')).toEqual({ ok: true, value: 2700 });
    expect(parseDuration('1:75')).toMatchObject({ ok: false });
    expect(parseDuration('1h')).toMatchObject({ ok: false });
  });

  it('reads paces as m:ss per km', () => {
    expect(parsePace('5:30')).toEqual({ ok: true, value: 330 });
    expect(parsePace('4:05/km')).toEqual({ ok: true, value: 245 });
    expect(parsePace('5:75')).toMatchObject({ ok: false });
    expect(parsePace('5.30')).toMatchObject({ ok: false });
  });

  it('writes them back for the inputs and for reading', () => {
    expect([kmInput(12500), kmInput(10000), kmInput(null)]).toEqual(['12.5', '10', '']);
    expect([durationInput(4500), durationInput(2700)]).toEqual(['1:15', '0:45']);
    expect(paceInput(245)).toBe('4:05');
    expect([formatDuration(2700), formatDuration(5400)]).toEqual(['45 min', '1:30 h']);
    const s: PlanSession = { week: 1, day: 6, kind: 'long_run', distance_m: 18000, duration_s: null, target_pace_s_per_km: 330, effort_rpe: 6, note: '' };
    expect(workoutSummary(s)).toBe('Long run · 18 km · 5:30/km · RPE 6');
  });
});
