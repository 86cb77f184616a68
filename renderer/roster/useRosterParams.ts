import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DEFAULT_SORT, SORT_COLUMNS, type RosterFilter, type RosterSort, type SortColumn } from '../data/search';

const KEYS = { q: 'q', status: 'status', level: 'level', label: 'label', group: 'group', coach: 'coach' } as const;

export type RosterParams = RosterFilter & { sort: RosterSort };

function parseSort(value: string | null): RosterSort {
  if (!value) return DEFAULT_SORT;
  const desc = value.startsWith('-');
  const column = desc ? value.slice(1) : value;
  return (SORT_COLUMNS as readonly string[]).includes(column) ? { column: column as SortColumn, direction: desc ? 'desc' : 'asc' } : DEFAULT_SORT;
}

const formatSort = (s: RosterSort) => (s.column === DEFAULT_SORT.column && s.direction === DEFAULT_SORT.direction ? null : `${s.direction === 'desc' ? '-' : ''}${s.column}`);

/**
 * Search, filters and sort live in the URL query string (?q=&status=&level=&label=&group=&coach=&sort=),
 * so a reload or a bookmark keeps the view. `coach` is a coach id, `me` or `none`; `sort` is a column, `-column` descending.
 */
export function useRosterParams(): [RosterParams, (patch: Partial<RosterFilter> & { sort?: RosterSort } | null) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<RosterParams>(
    () => ({
      q: params.get(KEYS.q) ?? '',
      status: params.get(KEYS.status) || null,
      level: params.get(KEYS.level) || null,
      label: params.get(KEYS.label) || null,
      group: params.get(KEYS.group) || null,
      coach: params.get(KEYS.coach) || null,
      sort: parseSort(params.get('sort')),
    }),
    [params],
  );
  const update = useCallback(
    (patch: (Partial<RosterFilter> & { sort?: RosterSort }) | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (patch === null) {
            // Clearing filters keeps the sort.
            for (const key of Object.values(KEYS)) next.delete(key);
            return next;
          }
          for (const [key, value] of Object.entries(patch) as [keyof RosterFilter | 'sort', unknown][]) {
            if (value === undefined) continue;
            if (key === 'sort') {
              const sort = formatSort(value as RosterSort);
              if (sort === null) next.delete('sort');
              else next.set('sort', sort);
              continue;
            }
            if (value === null || value === '') next.delete(KEYS[key]);
            else next.set(KEYS[key], String(value));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filter, update];
}
