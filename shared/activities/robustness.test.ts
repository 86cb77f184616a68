import { describe, expect, it } from 'vitest';
import { ActivitySummary, DailyMetric } from '../domain/activity';
import { bytesOf, makeAppleHealthXml, makeFit, makeGpx, makeTcx, makeTrack } from './fixtures.test-helpers';
import { parseActivityFile } from './import';

/** Small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const copy = bytes.slice();
  const kind = Math.floor(rnd() * 3);
  if (kind === 0) return copy.slice(0, Math.floor(rnd() * copy.length));
  const flips = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(rnd() * copy.length);
    copy[at] = kind === 1 ? Math.floor(rnd() * 256) : '<>"/0123456789.-'.charCodeAt(Math.floor(rnd() * 16));
  }
  return copy;
}

const metric = DailyMetric.pick({ date: true, resting_hr: true, hrv_ms: true });
const track = makeTrack({ points: 40 });
const samples: [string, Uint8Array][] = [
  ['run.fit', makeFit({ sessions: [{ track }] })],
  ['run.gpx', bytesOf(makeGpx({ tracks: [track] }))],
  ['run.tcx', bytesOf(makeTcx({ track, laps: 2 }))],
  [
    'export.xml',
    bytesOf(
      makeAppleHealthXml({
        workouts: [{ start: '2024-05-01 07:00:00 +0200', end: '2024-05-01 07:45:00 +0200', durationMin: 45, distance: { value: 8, unit: 'km' }, avgHr: 150 }],
        records: [{ kind: 'resting_hr', start: '2024-05-01 06:00:00 +0200', value: 50 }],
      }),
    ),
  ],
];

describe('damaged files never crash the import', () => {
  for (const [name, bytes] of samples) {
    it(`${name}: 300 random mutations give valid summaries or a refusal with problems`, () => {
      const seed = 20240512;
      const rnd = random(seed);
      for (let round = 0; round < 300; round++) {
        const damaged = mutate(bytes, rnd);
        const result = parseActivityFile(name, damaged, { timeZone: 'Europe/Paris' });
        if (result.ok) {
          for (const activity of result.activities) expect(() => ActivitySummary.parse(activity), `seed ${seed} round ${round}`).not.toThrow();
          for (const m of result.metrics) expect(() => metric.parse(m), `seed ${seed} round ${round}`).not.toThrow();
        } else {
          expect(result.problems.length, `seed ${seed} round ${round}`).toBeGreaterThan(0);
          for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(10);
        }
      }
    }, 60_000);
  }
});
