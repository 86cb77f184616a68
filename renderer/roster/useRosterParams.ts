import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { RosterFilter } from '../data/search';

const KEYS = { q: 'q', status: 'status', level: 'level', label: 'label', group: 'group' } as const;

/** Search and filters live in the URL query string (?q=&status=&level=&label=&group=), so a reload keeps the view. */
export function useRosterParams(): [RosterFilter, (patch: Partial<RosterFilter> | null) => void] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<RosterFilter>(
    () => ({
      q: params.get(KEYS.q) ?? '',
      status: params.get(KEYS.status) || null,
      level: params.get(KEYS.level) || null,
      label: params.get(KEYS.label) || null,
      group: params.get(KEYS.group) || null,
    }),
    [params],
  );
  const update = useCallback(
    (patch: Partial<RosterFilter> | null) =>
      setParams(
        (prev) => {
          if (patch === null) return new URLSearchParams();
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch) as [keyof RosterFilter, string | null | undefined][]) {
            if (value === undefined) continue;
            if (value === null || value === '') next.delete(KEYS[key]);
            else next.set(KEYS[key], value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filter, update];
}
