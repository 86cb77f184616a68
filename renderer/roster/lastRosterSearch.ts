/**
 * The roster's last query string (search, filters, sort), so "Back to athletes" returns to the same
 * view and an app restart opens the roster as it was left. Kept in localStorage: it holds only
 * filter values, never athlete data. The stored view is restored once per app start, only when the
 * roster is opened without a query string of its own (a bookmarked or linked view wins).
 */
const KEY = 'astral.roster.search';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: remember for this run only
  }
}

let last = storage()?.getItem(KEY) ?? '';
let restored = false;

export function rememberRosterSearch(search: string): void {
  last = search;
  try {
    storage()?.setItem(KEY, search);
  } catch {
    // quota or privacy mode: the in-memory value still serves this run
  }
}

export function rosterHref(): string {
  return `/${last}`;
}

/** The query string to restore on the first roster visit of this run, or null. */
export function searchToRestore(current: string): string | null {
  if (restored) return null;
  restored = true;
  return current === '' && last.startsWith('?') && last.length > 1 ? last : null;
}
