/**
 * Three-way merge of one document, used by the app to resolve a conflict the server reported.
 *
 *   base   = the master state the client assumed when it made its edit
 *   local  = the client's edited state
 *   master = the server's current state
 *
 * Per field: a field only one side changed takes that side's value; set fields (labels, coach ids,
 * group ids) merge as sets (master, plus what local added, minus what local removed); a field both
 * sides changed to different values takes the server's value and is reported as a clash, so the
 * coach can be told which edit lost. No edit disappears silently.
 */
import { sameJson } from './canonical';

export type FieldClash = { field: string; local: unknown; master: unknown };
export type MergeResult<T> = { merged: T; clashes: FieldClash[]; removedOnServer: boolean };

const eq = sameJson;

export function mergeSet(base: readonly unknown[], local: readonly unknown[], master: readonly unknown[]): unknown[] {
  const has = (xs: readonly unknown[], x: unknown) => xs.some((y) => eq(x, y));
  const added = local.filter((x) => !has(base, x));
  const removed = base.filter((x) => !has(local, x));
  const out = master.filter((x) => !has(removed, x));
  for (const x of added) if (!has(out, x)) out.push(x);
  return out;
}

export function threeWayMerge<T extends Record<string, unknown>>(
  base: T | null | undefined,
  local: T,
  master: T,
  options: { setFields?: readonly string[]; serverFields?: readonly string[] } = {},
): MergeResult<T> {
  const setFields = options.setFields ?? [];
  const serverFields = options.serverFields ?? [];
  if (master._deleted) {
    const localChanged = base ? Object.keys(local).some((k) => !k.startsWith('_') && !serverFields.includes(k) && !eq(local[k], base[k])) : true;
    return { merged: master, clashes: [], removedOnServer: Boolean(localChanged && !local._deleted) };
  }
  const merged: Record<string, unknown> = { ...master };
  const clashes: FieldClash[] = [];
  const keys = new Set([...Object.keys(local), ...Object.keys(master)]);
  for (const key of keys) {
    if (key.startsWith('_') && key !== '_deleted') continue;
    if (serverFields.includes(key)) continue;
    const b = base ? base[key] : undefined;
    const l = local[key];
    const m = master[key];
    if (eq(l, m) || (base && eq(l, b))) continue; // nothing of local's to keep
    if (base && eq(m, b)) {
      merged[key] = l; // only local changed
      continue;
    }
    if (setFields.includes(key) && Array.isArray(l) && Array.isArray(m)) {
      merged[key] = mergeSet(Array.isArray(b) ? b : [], l, m);
      continue;
    }
    clashes.push({ field: key, local: l, master: m });
  }
  return { merged: merged as T, clashes, removedOnServer: false };
}
