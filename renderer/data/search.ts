/**
 * Roster search, filters, facet counts and sorting, in memory over the subscribed list: an IndexedDB
 * query per keystroke is far too slow on a large roster (DESIGN.md measured 174 ms per $regex query
 * on 5,000 docs). Each athlete's search text is normalised once and cached per document object.
 */
import type { Athlete } from '../../shared/domain/athlete';

/**
 * `group` is a group id: athletes whose group_ids hold it. `coach` is a coach membership id,
 * `me` (the signed-in coach, resolved with `myCoachId`) or `none` (no coach assigned).
 */
export type RosterFilter = {
  q: string;
  status: string | null;
  level: string | null;
  label: string | null;
  group: string | null;
  coach: string | null;
};

export const EMPTY_FILTER: RosterFilter = { q: '', status: null, level: null, label: null, group: null, coach: null };
export const COACH_ME = 'me';
export const COACH_NONE = 'none';

/** Lower-case, accents removed, whitespace collapsed: "Zoë  Ångström" -> "zoe angstrom". */
export function normalizeSearchText(input: string): string {
  return input.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const searchTextCache = new WeakMap<Athlete, string>();
function searchText(a: Athlete): string {
  let text = searchTextCache.get(a);
  if (text === undefined) {
    text = normalizeSearchText(
      [a.first_name, a.last_name, `${a.first_name} ${a.last_name}`, a.display_name ?? '', a.email].join('\u0000'),
    );
    searchTextCache.set(a, text);
  }
  return text;
}

export function isFiltering(f: RosterFilter): boolean {
  return f.q.trim() !== '' || f.status !== null || f.level !== null || f.label !== null || f.group !== null || f.coach !== null;
}

function coachMatches(a: Athlete, coach: string, myCoachId: string | null): boolean {
  if (coach === COACH_NONE) return a.coach_ids.length === 0;
  if (coach === COACH_ME) return myCoachId !== null && a.coach_ids.includes(myCoachId);
  return a.coach_ids.includes(coach);
}

const queryWords = (q: string) => normalizeSearchText(q).split(' ').filter(Boolean);
function textMatches(a: Athlete, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  // A plain loop: this runs for every athlete on every keystroke.
  const text = searchText(a);
  for (const w of words) if (!text.includes(w)) return false;
  return true;
}

/** Every word of the query must occur in the name, display name or email; the order of `athletes` is kept. */
export function filterAthletes(athletes: readonly Athlete[], f: RosterFilter, myCoachId: string | null = null): Athlete[] {
  const words = queryWords(f.q);
  return athletes.filter((a) => {
    if (f.status !== null && a.status !== f.status) return false;
    if (f.level !== null && a.member_level !== f.level) return false;
    if (f.label !== null && !a.labels.includes(f.label)) return false;
    if (f.group !== null && !a.group_ids.includes(f.group)) return false;
    if (f.coach !== null && !coachMatches(a, f.coach, myCoachId)) return false;
    return textMatches(a, words);
  });
}

/**
 * Whether every athlete `next` lets through is also let through by `prev`: the same filters, and each
 * word of prev's search inside a word of next's ("ga" -> "gar", "gar" -> "gar zo"). A text that
 * holds the longer word holds the shorter one too.
 */
export function narrows(prev: RosterFilter, next: RosterFilter): boolean {
  if (prev.status !== next.status || prev.level !== next.level || prev.label !== next.label || prev.group !== next.group || prev.coach !== next.coach) return false;
  const after = queryWords(next.q);
  return queryWords(prev.q).every((w) => after.some((v) => v.includes(w)));
}

/**
 * filterAthletes with a memory of its last call: while the coach types on (each search narrows the
 * last one, over the same list), it filters the last matches instead of the whole roster. Same
 * result, same order (filtering keeps the list's order); a new list, coach or wider search starts
 * from the whole list again.
 */
export function narrowingFilter(): (athletes: readonly Athlete[], f: RosterFilter, myCoachId: string | null) => Athlete[] {
  let last: { athletes: readonly Athlete[]; f: RosterFilter; myCoachId: string | null; matches: Athlete[] } | null = null;
  return (athletes, f, myCoachId) => {
    const from = last && last.athletes === athletes && last.myCoachId === myCoachId && narrows(last.f, f) ? last.matches : athletes;
    const matches = filterAthletes(from, f, myCoachId);
    last = { athletes, f, myCoachId, matches };
    return matches;
  };
}

export type FacetKey = 'status' | 'level' | 'label' | 'group' | 'coach';
/** For each filter, how many athletes each of its choices would leave given the other filters (and the search). */
export type FacetCounts = Record<FacetKey, Map<string, number>>;

const FACETS: readonly FacetKey[] = ['status', 'level', 'label', 'group', 'coach'];

/** Facet counts in one pass over the roster: an athlete counts for a filter when it passes every other filter. */
export function facetCounts(athletes: readonly Athlete[], f: RosterFilter, myCoachId: string | null = null): FacetCounts {
  const counts: FacetCounts = { status: new Map(), level: new Map(), label: new Map(), group: new Map(), coach: new Map() };
  const bump = (key: FacetKey, value: string) => counts[key].set(value, (counts[key].get(value) ?? 0) + 1);
  const words = queryWords(f.q);
  for (const a of athletes) {
    if (!textMatches(a, words)) continue;
    const fails: Record<FacetKey, boolean> = {
      status: f.status !== null && a.status !== f.status,
      level: f.level !== null && a.member_level !== f.level,
      label: f.label !== null && !a.labels.includes(f.label),
      group: f.group !== null && !a.group_ids.includes(f.group),
      coach: f.coach !== null && !coachMatches(a, f.coach, myCoachId),
    };
    let failing = 0;
    for (const key of FACETS) if (fails[key]) failing++;
    if (failing > 1) continue;
    const counted = (key: FacetKey) => failing === 0 || fails[key];
    if (counted('status')) bump('status', a.status);
    if (counted('level') && a.member_level) bump('level', a.member_level);
    if (counted('label')) for (const l of new Set(a.labels)) bump('label', l);
    if (counted('group')) for (const g of new Set(a.group_ids)) bump('group', g);
    if (counted('coach')) {
      if (a.coach_ids.length === 0) bump('coach', COACH_NONE);
      for (const c of new Set(a.coach_ids)) bump('coach', c);
      if (myCoachId !== null && a.coach_ids.includes(myCoachId)) bump('coach', COACH_ME);
    }
  }
  return counts;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Roster order: last name, then first name. */
export function sortAthletes(athletes: readonly Athlete[]): Athlete[] {
  return [...athletes].sort((a, b) => collator.compare(a.last_name, b.last_name) || collator.compare(a.first_name, b.first_name) || a.id.localeCompare(b.id));
}

export const SORT_COLUMNS = ['name', 'display_name', 'email', 'status', 'level', 'coaches', 'attention'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type RosterSort = { column: SortColumn; direction: 'asc' | 'desc' };
export const DEFAULT_SORT: RosterSort = { column: 'name', direction: 'asc' };

/** Per athlete: the worst open attention signal and how many are open (data/signals.ts attentionByAthlete). */
export type AttentionKeys = ReadonlyMap<string, { severity: 'urgent' | 'watch'; count: number }>;

/**
 * Sorts by a column, stable: ties keep the given order (roster order). Keys are computed once per
 * athlete, so 10,000 rows sort in a few milliseconds; empty values go last in both directions.
 * `attention` ascending (its first click) is the Needs attention order: urgent, then watch, more
 * open signals first; athletes without open signals last.
 */
export function sortRoster(
  athletes: readonly Athlete[],
  sort: RosterSort,
  coachNames: ReadonlyMap<string, string> = new Map(),
  attention: AttentionKeys = new Map(),
): Athlete[] {
  if (sort.column === 'name') return sort.direction === 'asc' ? [...athletes] : reverseStable(athletes);
  if (sort.column === 'attention') return sortByAttention(athletes, sort.direction, attention);
  const key = (a: Athlete): string => {
    switch (sort.column) {
      case 'display_name':
        return a.display_name ?? '';
      case 'email':
        return a.email;
      case 'status':
        return a.status;
      case 'level':
        return a.member_level ?? '';
      case 'coaches':
        return a.coach_ids
          .map((id) => coachNames.get(id) ?? '')
          .filter(Boolean)
          .sort(collator.compare)
          .join(', ');
      default:
        return '';
    }
  };
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = athletes.map((a, i) => ({ a, i, k: key(a) }));
  keyed.sort((x, y) => {
    if (x.k === '' || y.k === '') return x.k === y.k ? x.i - y.i : x.k === '' ? 1 : -1;
    return sign * collator.compare(x.k, y.k) || x.i - y.i;
  });
  return keyed.map((x) => x.a);
}

/** Higher ranks first when ascending; athletes without an open signal (rank 0) last either way. */
function sortByAttention(athletes: readonly Athlete[], direction: RosterSort['direction'], attention: AttentionKeys): Athlete[] {
  const rank = (a: Athlete) => {
    const x = attention.get(a.id);
    return x ? (x.severity === 'urgent' ? 2000 : 1000) + Math.min(x.count, 999) : 0;
  };
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = athletes.map((a, i) => ({ a, i, r: rank(a) }));
  keyed.sort((x, y) => {
    if (x.r === 0 || y.r === 0) return x.r === y.r ? x.i - y.i : x.r === 0 ? 1 : -1;
    return sign * (y.r - x.r) || x.i - y.i;
  });
  return keyed.map((x) => x.a);
}

/** Name descending: the roster order reversed, keeping athletes with the same name in roster order. */
function reverseStable(athletes: readonly Athlete[]): Athlete[] {
  const keyed = athletes.map((a, i) => ({ a, i }));
  keyed.sort((x, y) => collator.compare(y.a.last_name, x.a.last_name) || collator.compare(y.a.first_name, x.a.first_name) || x.i - y.i);
  return keyed.map((x) => x.a);
}

/** Distinct non-empty values, sorted, for filter options and suggestions. */
export function distinctLevels(athletes: readonly Athlete[]): string[] {
  const set = new Set<string>();
  for (const a of athletes) if (a.member_level) set.add(a.member_level);
  return [...set].sort(collator.compare);
}

export function distinctLabels(athletes: readonly Athlete[]): string[] {
  const set = new Set<string>();
  for (const a of athletes) for (const l of a.labels) set.add(l);
  return [...set].sort(collator.compare);
}
