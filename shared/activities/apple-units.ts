/** Apple Health export.xml values: its date format and the units its attributes name. */

export type AppleDate = { instant: Date; localDay: string };

const APPLE_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** "2024-05-01 07:00:00 +0200": the instant, and the day as the phone saw it (its own offset). */
export function parseAppleDate(raw: string | undefined): AppleDate | undefined {
  const m = APPLE_DATE.exec((raw ?? '').trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMin * 60_000;
  const instant = new Date(utc);
  if (!Number.isFinite(utc) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  return { instant, localDay: `${y}-${mo}-${d}` };
}

const METERS: Record<string, number> = { m: 1, km: 1000, mi: 1609.344, yd: 0.9144, ft: 0.3048, cm: 0.01 };
const SECONDS: Record<string, number> = { s: 1, sec: 1, min: 60, hr: 3600, h: 3600, ms: 0.001 };

/** A distance in metres, or undefined for a missing value or an unknown unit. */
export function metersOf(value: number | undefined, unit: string | undefined): number | undefined {
  const factor = METERS[(unit ?? 'm').trim()];
  return value === undefined || factor === undefined || !Number.isFinite(value) ? undefined : value * factor;
}

/** A duration in seconds, or undefined for a missing value or an unknown unit. */
export function secondsOf(value: number | undefined, unit: string | undefined): number | undefined {
  const factor = SECONDS[(unit ?? 'min').trim()];
  return value === undefined || factor === undefined || !Number.isFinite(value) ? undefined : value * factor;
}

/** "4500 cm" or "45 m" (HKElevationAscended metadata) in metres. */
export function quantityMeters(raw: string | undefined): number | undefined {
  const m = /^\s*([-+]?\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(raw ?? '');
  return m ? metersOf(Number(m[1]), m[2]) : undefined;
}
