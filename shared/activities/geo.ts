/**
 * Totals computed from track points when a file gives no total of its own (GPX always, TCX and
 * FIT sometimes): distance along the track, elevation gain, heart-rate average and maximum.
 */

/** Mean Earth radius (IUGG), metres. Haversine with it is within 0.5% of the ellipsoid. */
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two WGS84 points, metres (haversine formula). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Elevation changes smaller than this are treated as noise: a climb counts only once the altitude
 * has risen 3 m above the last low point (hysteresis). GPS altitude wobbles by a few metres; summing
 * every wobble would double a flat run's gain. A steady climb loses at most 3 m of its total.
 */
export const ELEVATION_THRESHOLD_M = 3;

/** Accumulates elevation gain over a sequence of altitudes with ELEVATION_THRESHOLD_M hysteresis. */
export class ElevationGain {
  private anchor: number | null = null;
  private gain = 0;
  private seen = false;

  add(altitude: number | null | undefined): void {
    if (altitude == null || !Number.isFinite(altitude)) return;
    this.seen = true;
    if (this.anchor == null) {
      this.anchor = altitude;
    } else if (altitude - this.anchor >= ELEVATION_THRESHOLD_M) {
      this.gain += altitude - this.anchor;
      this.anchor = altitude;
    } else if (altitude < this.anchor) {
      this.anchor = altitude;
    }
  }

  /** Metres climbed, or null when no altitude was seen. */
  get total(): number | null {
    return this.seen ? this.gain : null;
  }
}

/** Heart-rate average (mean of the samples) and maximum; 0 (sensor not worn) is ignored. */
export class HeartRateStats {
  private sum = 0;
  private count = 0;
  private highest = 0;

  add(bpm: number | null | undefined): void {
    if (bpm == null || !Number.isFinite(bpm) || bpm <= 0) return;
    this.sum += bpm;
    this.count += 1;
    if (bpm > this.highest) this.highest = bpm;
  }

  get avg(): number | null {
    return this.count > 0 ? this.sum / this.count : null;
  }

  get max(): number | null {
    return this.count > 0 ? this.highest : null;
  }
}
