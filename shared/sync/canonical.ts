/**
 * JSON with object keys sorted at every depth. PostgreSQL's jsonb stores object keys in its own
 * order, so a document read back from the server can list the keys of a nested object (a goal
 * race, an integration, a signal's figures) in another order than the copy a client holds: every
 * "did this value change?" comparison must compare content, never key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What JSON.stringify leaves out of an object and writes as `null` in an array. */
const isOmitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** A value as JSON writes it in an array: omitted values and non-finite numbers become null. */
const asWritten = (v: unknown): unknown => (isOmitted(v) || (typeof v === 'number' && !Number.isFinite(v)) ? null : v);

const hasToJson = (v: unknown): boolean => v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function';

const writtenKeys = (o: object): string[] => Object.keys(o).filter((k) => !isOmitted((o as Record<string, unknown>)[k]));

/**
 * Equal content (null and undefined are the same: a missing value): the answer of comparing the
 * two values' canonicalJson, without writing either out. Sync compares every pushed row with the
 * stored one (twice: retry, then conflict), so this is on the server's hottest path.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const x = asWritten(a);
  const y = asWritten(b);
  if (x === y) return true;
  // A Date or anything else with toJSON is written as its toJSON: compare what JSON would write.
  if (hasToJson(x) || hasToJson(y)) return canonicalJson(x) === canonicalJson(y);
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  const keys = writtenKeys(x);
  if (keys.length !== writtenKeys(y).length) return false;
  const xr = x as Record<string, unknown>;
  const yr = y as Record<string, unknown>;
  for (const k of keys) {
    if (!Object.prototype.propertyIsEnumerable.call(yr, k) || isOmitted(yr[k]) || !sameJson(xr[k], yr[k])) return false;
  }
  return true;
}
