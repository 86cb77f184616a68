import { describe, expect, it } from 'vitest';
import { parseAppleDate, quantityMeters, secondsOf, metersOf } from './apple-units';
import { ElevationGain, HeartRateStats, haversineM } from './geo';
import { sportFromApple, sportFromFit, sportFromText } from './sport';
import { cleanName, dayIn, defaultName, toSummary, type ActivityDraft } from './summary';

const draft: ActivityDraft = {
  sport: 'run',
  name: null,
  start: new Date('2024-05-12T06:30:00Z'),
  durationS: 3600.4,
  distanceM: 10_000.6,
  elevationGainM: 120.5,
  avgHr: 150.5,
  maxHr: 180,
};

describe('geo', () => {
  it('haversine: one degree of latitude is R * pi / 180', () => {
    expect(haversineM(45, 6, 46, 6)).toBeCloseTo((6_371_008.8 * Math.PI) / 180, 3);
    expect(haversineM(0, 0, 0, 0)).toBe(0);
    // Paris (48.8566, 2.3522) to London (51.5074, -0.1278): 343.5 km (great circle).
    expect(haversineM(48.8566, 2.3522, 51.5074, -0.1278) / 1000).toBeCloseTo(343.5, 0);
  });

  it('elevation gain counts climbs of 3 m or more from the last low point', () => {
    const gain = new ElevationGain();
    expect(gain.total).toBeNull();
    for (const altitude of [100, 102, 101, 103, 110, 108, 109, 111, 100, 102.9, null]) gain.add(altitude);
    // 100 -> 103 (+3), 103 -> 110 (+7), low 108 -> 111 (+3), low 100 -> 102.9 (under 3: noise).
    expect(gain.total).toBe(13);
  });

  it('heart-rate stats ignore zero (sensor off)', () => {
    const stats = new HeartRateStats();
    expect(stats.avg).toBeNull();
    for (const bpm of [0, 140, 150, 160, undefined]) stats.add(bpm);
    expect([stats.avg, stats.max]).toEqual([150, 160]);
  });
});

describe('summary', () => {
  it('rounds to the schema integers and names by sport and day', () => {
    const result = toSummary('gpx', draft, 'file');
    expect(result).toEqual({
      ok: true,
      summary: {
        source: 'gpx',
        sport: 'run',
        name: 'Run 12 May',
        start_time: '2024-05-12T06:30:00.000Z',
        duration_s: 3600,
        distance_m: 10_001,
        elevation_gain_m: 121,
        avg_hr: 151,
        max_hr: 180,
        rpe: null,
      },
    });
    expect(toSummary('gpx', { ...draft, start: new Date('2024-05-12T23:30:00Z') }, 'file', { timeZone: 'Asia/Tokyo' })).toMatchObject({ summary: { name: 'Run 13 May' } });
    expect(toSummary('gpx', draft, 'file', { day: '2024-01-02' })).toMatchObject({ summary: { name: 'Run 2 Jan' } });
  });

  it('says which value is out of range', () => {
    expect(toSummary('fit', { ...draft, distanceM: 2_500_000 }, 'session 2')).toEqual({
      ok: false,
      problem: { where: 'session 2', message: 'Its distance (2,500,000) is not accepted: distance must be at most 2,000 km.' },
    });
    expect(toSummary('fit', { ...draft, durationS: 0.2 }, 'file')).toMatchObject({ ok: false, problem: { message: 'Its duration (0) is not accepted: duration must be at least 1 second.' } });
    expect(toSummary('fit', { ...draft, start: new Date(Number.NaN) }, 'file')).toMatchObject({ ok: false, problem: { message: 'Its start time is missing or not a date.' } });
  });

  it('cleans a name from a file into one printable line of at most 120 characters', () => {
    expect(cleanName('  Morning\n\tRun\u0007  ')).toBe('Morning Run');
    expect(cleanName('   ')).toBeNull();
    expect(cleanName(`${'🏃'.repeat(130)}`)).toBe('🏃'.repeat(120));
    expect(cleanName('bad \uD800 half')).toBe('bad half');
    expect(defaultName('trail_run', '2024-12-03')).toBe('Trail run 3 Dec');
    expect(dayIn(new Date('2024-05-12T23:30:00Z'), 'America/New_York')).toBe('2024-05-12');
  });
});

describe('sports and units', () => {
  it('maps each format sport', () => {
    expect(['running', 'Trail Running', 'Biking', 'hiking', 'Swim', 'yoga', undefined].map(sportFromText)).toEqual(['run', 'trail_run', 'ride', 'walk', 'swim', 'other', 'run']);
    expect(sportFromFit('training', 'strengthTraining')).toBe('strength');
    expect(sportFromFit('rowing', undefined)).toBe('other');
    expect(sportFromApple('HKWorkoutActivityTypeHiking')).toBe('walk');
    expect(sportFromApple('HKWorkoutActivityTypeFunctionalStrengthTraining')).toBe('strength');
  });

  it("reads Apple's dates and units", () => {
    expect(parseAppleDate('2024-05-01 07:00:00 +0200')).toEqual({ instant: new Date('2024-05-01T05:00:00Z'), localDay: '2024-05-01' });
    expect(parseAppleDate('2024-05-01 07:00:00 -0930')?.instant.toISOString()).toBe('2024-05-01T16:30:00.000Z');
    expect(parseAppleDate('2024-05-01T07:00:00Z')).toBeUndefined();
    expect([metersOf(3.1, 'mi'), metersOf(5, 'km'), metersOf(5, 'furlong')]).toEqual([4988.9664, 5000, undefined]);
    expect([secondsOf(42.5, 'min'), secondsOf(1, 'hr'), quantityMeters('4500 cm'), quantityMeters('12 m')]).toEqual([2550, 3600, 45, 12]);
  });
});
