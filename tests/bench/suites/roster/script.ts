/**
 * The keystrokes typed into the roster search, identical for the app and the baseline: names,
 * display names and partial emails, with and without accents, mixed case, deleting one character
 * at a time and clearing the box. Which of them change the visible table (the first 100 matches
 * in roster order, or the "no match" message) is computed here with the app's own filter, so only
 * keystrokes with something to paint are measured; the others are still typed, unmeasured.
 */
import type { Athlete } from '../../../../shared/domain/athlete';
import { EMPTY_FILTER, filterAthletes } from '../../../../renderer/data/search';

/** Rows the roster page shows before "Show more" (renderer/roster/RosterPage.tsx PAGE). */
export const FIRST_PAGE = 100;

/** `text`: typed as text (one key per character); `key`: a named key (Backspace); `clear`: select all + Backspace. */
export type Action = { kind: 'text'; text: string } | { kind: 'key'; key: 'Backspace' } | { kind: 'clear' };

/** `rows`/`firstId`: what the table shows after the step (0 rows: the "no match" message). */
export type Step = { action: Action; query: string; measured: boolean; rows: number; firstId: string | null };

const typeText = (text: string): Action[] => [...text].map((c) => ({ kind: 'text', text: c }));
const backspace = (n: number): Action[] => Array.from({ length: n }, () => ({ kind: 'key', key: 'Backspace' }));
const CLEAR: Action = { kind: 'clear' };

/** The script: about 90 keys, about 60 of which change the visible rows. */
export const SCRIPT: Action[] = [
  ...typeText('gar zo'),
  ...backspace(2),
  ...typeText('mo'),
  CLEAR,
  ...typeText('zoë mü'),
  ...backspace(1),
  ...typeText('ar'),
  CLEAR,
  ...typeText('jose.go'),
  CLEAR,
  ...typeText('Siobhán kr'),
  CLEAR,
  ...typeText('ngstr ém'),
  ...backspace(3),
  CLEAR,
  ...typeText('nguyễn th'),
  CLEAR,
  ...typeText('pepe r'),
  CLEAR,
  ...typeText('lukasz now'),
  ...backspace(3),
  CLEAR,
  ...typeText('xq'),
  ...backspace(2),
];

function apply(query: string, action: Action): string {
  if (action.kind === 'text') return query + action.text;
  if (action.kind === 'key') return query.slice(0, -1);
  return '';
}

/** The athletes the table shows for a query (none: the "no match" message). */
const visible = (sorted: readonly Athlete[], q: string): Athlete[] => filterAthletes(sorted, { ...EMPTY_FILTER, q }).slice(0, FIRST_PAGE);
const key = (shown: readonly Athlete[]) => shown.map((a) => a.id).join(',');

/** The script as steps, each marked measured when it changes what the table shows. */
export function planSteps(sorted: readonly Athlete[]): Step[] {
  let query = '';
  let shown = key(visible(sorted, query));
  return SCRIPT.map((action) => {
    query = apply(query, action);
    const next = visible(sorted, query);
    const measured = key(next) !== shown;
    shown = key(next);
    return { action, query, measured, rows: next.length, firstId: next[0]?.id ?? null };
  });
}
