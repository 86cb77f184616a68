/**
 * The roster's five filters (status, member level, label, group, coach). Memoised with stable
 * props, so typing in the search box (which re-renders the page per key) does not re-render these
 * five Mantine comboboxes. Facet counts are passed only while one of the lists is open.
 */
import { memo } from 'react';
import { ATHLETE_STATUSES } from '../../shared/domain/athlete';
import type { FacetCounts, FacetKey, RosterFilter } from '../data/search';
import { STATUS_LABELS } from '../ui/format';
import { FilterSelect, type FilterOption } from './FilterSelect';

const STATUS_OPTIONS = ATHLETE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

export type RosterFiltersProps = {
  filter: RosterFilter;
  onChange(patch: Partial<RosterFilter>): void;
  levels: readonly FilterOption[];
  labels: readonly FilterOption[];
  groups: readonly FilterOption[];
  coaches: readonly FilterOption[];
  /** '' while still loading (no "Deleted group" / "Former coach" guess before the list is known). */
  unknownGroup: string;
  unknownCoach: string;
  counts: FacetCounts | null;
  onFacetOpen(key: FacetKey, open: boolean): void;
};

export const RosterFilters = memo(function RosterFilters({ filter, onChange, levels, labels, groups, coaches, unknownGroup, unknownCoach, counts, onFacetOpen }: RosterFiltersProps) {
  const facet = (key: FacetKey) => ({ counts: counts?.[key], onOpenChange: (open: boolean) => onFacetOpen(key, open) });
  return (
    <>
      <FilterSelect label="Status" value={filter.status} options={STATUS_OPTIONS} onChange={(status) => onChange({ status })} {...facet('status')} />
      <FilterSelect label="Member level" value={filter.level} options={levels} onChange={(level) => onChange({ level })} {...facet('level')} />
      <FilterSelect label="Label" value={filter.label} options={labels} onChange={(label) => onChange({ label })} {...facet('label')} />
      <FilterSelect label="Group" value={filter.group} options={groups} onChange={(group) => onChange({ group })} unknownLabel={unknownGroup} {...facet('group')} />
      <FilterSelect label="Coach" value={filter.coach} options={coaches} onChange={(coach) => onChange({ coach })} unknownLabel={unknownCoach} {...facet('coach')} />
    </>
  );
});
