/** Small statistics for bench samples: nearest-rank percentiles, median, max. */

/** Nearest-rank percentile (p in 0..100) of the samples; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export const median = (samples: readonly number[]): number | null => percentile(samples, 50);

export function max(samples: readonly number[]): number | null {
  return samples.length === 0 ? null : Math.max(...samples);
}

export function mean(samples: readonly number[]): number | null {
  return samples.length === 0 ? null : samples.reduce((a, b) => a + b, 0) / samples.length;
}
