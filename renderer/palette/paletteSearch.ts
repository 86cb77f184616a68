/**
 * What the command palette lists for a query: athletes by name, display name or email (the
 * roster's accent- and case-insensitive search), best matches first and capped, and the commands
 * whose label or keywords hold every word of the query. Pure; the palette only renders it.
 */
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import { EMPTY_FILTER, filterAthletes, normalizeSearchText } from '../data/search';

export type PaletteCommand = { id: string; label: string; description?: string; keywords?: readonly string[] };

const nameCache = new WeakMap<Athlete, string>();
function normalizedName(a: Athlete): string {
  let name = nameCache.get(a);
  if (name === undefined) {
    name = normalizeSearchText(`${athleteName(a)} ${a.display_name ? `${a.first_name} ${a.last_name}` : ''}`);
    nameCache.set(a, name);
  }
  return name;
}

/**
 * Athletes matching every word of the query, at most `limit`: names that start with the query
 * first, then names with a word starting with its first word, then the rest (e.g. an email match);
 * roster order within each. An empty query lists none (the palette then shows its commands).
 */
export function matchAthletes(athletes: readonly Athlete[], query: string, limit: number): Athlete[] {
  const q = normalizeSearchText(query);
  if (q === '' || limit <= 0) return [];
  const first = q.split(' ')[0] ?? q;
  const buckets: Athlete[][] = [[], [], []];
  for (const a of filterAthletes(athletes, { ...EMPTY_FILTER, q: query })) {
    const name = normalizedName(a);
    const rank = name.startsWith(q) ? 0 : name.split(' ').some((w) => w.startsWith(first)) ? 1 : 2;
    const bucket = buckets[rank];
    if (bucket && bucket.length < limit) bucket.push(a);
    if (buckets[0]?.length === limit) break;
  }
  return buckets.flat().slice(0, limit);
}

/** Commands whose label, description or keywords contain every word of the query; all for an empty query. */
export function matchCommands<T extends PaletteCommand>(commands: readonly T[], query: string): T[] {
  const words = normalizeSearchText(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((c) => {
    const text = normalizeSearchText([c.label, c.description ?? '', ...(c.keywords ?? [])].join(' '));
    return words.every((w) => text.includes(w));
  });
}
