/**
 * The chaos run's only source of randomness: mulberry32 seeded per run, so a seed replays the same
 * schedule of edits, outages and server kills (`npm run soak -- --seed N`). Timing still varies
 * between runs (real processes and threads), so a replay repeats the schedule, not every interleaving.
 */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** A child generator, so one part of the schedule does not shift another. */
  fork(): Rng;
};

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const self: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: <T>(xs: readonly T[]): T => {
      if (xs.length === 0) throw new Error('pick from an empty list');
      return xs[Math.floor(next() * xs.length)] as T;
    },
    fork: () => rng(Math.floor(next() * 2 ** 32)),
  };
  return self;
}
