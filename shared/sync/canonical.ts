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

/** Equal content (null and undefined are the same: a missing value). */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);
