import { describe, expect, it } from 'vitest';
import { EMPTY, readWorkout, valuesOf } from './workoutForm';

describe('the day form', () => {
  it('reads a workout typed in km, h:mm and m:ss', () => {
    const r = readWorkout({ ...EMPTY, kind: 'tempo', km: '10,5', duration: '0:50', pace: '4:45', rpe: 7, note: ' steady ' }, 2, 3);
    expect(r).toEqual({
      ok: true,
      session: { week: 2, day: 3, kind: 'tempo', distance_m: 10500, duration_s: 3000, target_pace_s_per_km: 285, effort_rpe: 7, note: 'steady' },
    });
    if (r.ok) expect(valuesOf(r.session)).toMatchObject({ km: '10.5', duration: '0:50', pace: '4:45', rpe: 7 });
  });

  it('names each wrong field, format problems and schema rules alike', () => {
    expect(readWorkout({ ...EMPTY, km: 'far', pace: '5:99' }, 1, 1)).toEqual({
      ok: false,
      errors: { km: 'Enter kilometres, e.g. 10 or 12.5', pace: 'Seconds go up to 59, e.g. 5:30' },
    });
    expect(readWorkout({ ...EMPTY, km: '' }, 1, 1)).toEqual({ ok: false, errors: { km: 'A workout needs a distance or a duration' } });
    expect(readWorkout({ ...EMPTY, km: '0.05', pace: '1:00' }, 1, 1)).toEqual({
      ok: false,
      errors: { km: 'Distance must be at least 100 m', pace: 'Pace must be 2:00/km or slower' },
    });
  });

  it('shows a range problem even when another field is mistyped', () => {
    expect(readWorkout({ ...EMPTY, km: 'abc', pace: '1:00' }, 1, 2)).toEqual({
      ok: false,
      errors: { km: 'Enter kilometres, e.g. 10 or 12.5', pace: 'Pace must be 2:00/km or slower' },
    });
  });

  it('drops the numbers of a rest day', () => {
    expect(readWorkout({ ...EMPTY, kind: 'rest', km: '10', rpe: 3 }, 1, 7)).toMatchObject({ ok: true, session: { kind: 'rest', distance_m: null, effort_rpe: null } });
  });
});
