/**
 * The roster's last query string (search, filters, sort), so "Back to athletes" returns to the same
 * view and an app restart opens the roster as it was left. Kept in localStorage per local database
 * (one per server, coach and organization: a coach of two clubs finds each roster as they left
 * it); it holds only filter values, never athlete data. The stored view is restored once per app
 * start and organization, only when the roster is opened without a query string of its own (a
 * bookmarked or linked view wins).
 */
const PREFIX = 'astral.roster.search:';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: remember for this run only
  }
}

let scope = '';
let last = '';
let restored = false;

/** Which roster is open (its local database name); set before the roster renders. */
export function setRosterScope(database: string): void {
  if (database === scope) return;
  scope = database;
  try {
    last = storage()?.getItem(PREFIX + database) ?? '';
  } catch {
    last = '';
  }
  restored = false;
}

export function rememberRosterSearch(search: string): void {
  last = search;
  try {
    if (scope) storage()?.setItem(PREFIX + scope, search);
  } catch {
    // quota or privacy mode: the in-memory value still serves this run
  }
}

export function rosterHref(): string {
  return `/${last}`;
}

/** The query string to restore on the first roster visit of this run (and organization), or null. */
export function searchToRestore(current: string): string | null {
  if (restored) return null;
  restored = true;
  return current === '' && last.startsWith('?') && last.length > 1 ? last : null;
}
