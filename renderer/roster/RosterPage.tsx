import { Button, Center, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAthletes } from '../data/athletes';
import { useAstralData } from '../data/context';
import { useRosterSnapshot } from '../data/rosterSnapshot';
import { coachName, useCoaches, useCoachNames, useMyMembership } from '../data/coaches';
import { useGroups } from '../data/groups';
import { useAttentionByAthlete } from '../data/signals';
import { AssignPlanModal } from '../plans/assign/AssignPlanModal';
import { COACH_ME, COACH_NONE, distinctLabels, distinctLevels, facetCounts, isFiltering, narrowingFilter, sortRoster, type FacetKey, type RosterFilter } from '../data/search';
import { ExportCsvButton } from '../csv/ExportCsvButton';
import { ImportCsvButton } from '../csv/ImportCsvButton';
import { RosterActions } from '../invitations/RosterActions';
import { useSession } from '../session/store';
import { plural } from '../ui/format';
import { SearchIcon } from '../ui/icons';
import { BulkActionModal, type BulkKind } from './BulkActionModal';
import { rememberRosterSearch, searchToRestore } from './lastRosterSearch';
import { RosterFilters } from './RosterFilters';
import { RosterTable } from './RosterTable';
import { SelectionBar } from './SelectionBar';
import { useRosterParams, type RosterParams } from './useRosterParams';
import { useSearchQuery } from './useSearchQuery';

/** Rows rendered at once; more on request, so a 10,000-athlete roster stays responsive. */
const PAGE = 100;
// Memoised with stable props: a keystroke re-renders the page, not these closed dialogs.
const NO_OPTIONS: { value: string; label: string }[] = [];
const BulkDialog = memo(BulkActionModal);
const AssignDialog = memo(AssignPlanModal);
const ImportButton = memo(ImportCsvButton);
const GrowActions = memo(RosterActions);

export function RosterPage() {
  const athletes = useAthletes();
  const coachNames = useCoachNames();
  const groups = useGroups();
  const [filter, setFilter] = useRosterParams();
  const coaches = useCoaches();
  const me = useMyMembership(useSession((s) => s.user?.id));
  // undefined while the coaches are still being read: "My athletes" then shows the loader, not an empty roster.
  const myCoachId = me?.id ?? null;
  const isHead = me?.role === 'head_coach';
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    // After a restart the roster opens as it was left, unless the URL asks for a view of its own.
    const restore = searchToRestore(location.search);
    if (restore !== null) navigate({ search: restore }, { replace: true });
    else rememberRosterSearch(location.search);
  }, [location.search, navigate]);

  // Each keystroke filters once (this memo) and renders only rows new to the page; the URL follows after a pause.
  const writeQuery = useCallback((q: string) => setFilter({ q }), [setFilter]);
  const { query, setQuery, flush, reset } = useSearchQuery(filter.q, writeQuery);
  const { status, level, label, group, coach } = filter;
  const effective = useMemo<RosterFilter>(() => ({ q: query, status, level, label, group, coach }), [query, status, level, label, group, coach]);

  const all = useMemo(() => athletes ?? [], [athletes]);
  // Sorted once per change of the roster or the sort; filtering keeps that order.
  const attention = useAttentionByAthlete();
  // Signals change the order only while sorting by attention.
  const attentionKeys = filter.sort.column === 'attention' ? attention : undefined;
  const sorted = useMemo(() => sortRoster(all, filter.sort, coachNames, attentionKeys), [all, filter.sort, coachNames, attentionKeys]);
  // Typing on narrows the last matches instead of filtering all athletes again.
  const [filterAthletes] = useState(narrowingFilter);
  const matches = useMemo(() => filterAthletes(sorted, effective, myCoachId), [filterAthletes, sorted, effective, myCoachId]);
  // Counts beside each filter choice, computed only while a filter's list is open (not per keystroke).
  const [openFacet, setOpenFacet] = useState<FacetKey | null>(null);
  const counts = useMemo(() => (openFacet ? facetCounts(all, effective, myCoachId) : null), [openFacet, all, effective, myCoachId]);
  const onFacetOpen = useCallback((key: FacetKey, open: boolean) => setOpenFacet((prev) => (open ? key : prev === key ? null : prev)), []);
  const onFilter = useCallback((patch: Partial<RosterFilter>) => setFilter(patch), [setFilter]);
  const coachOptions = useMemo(
    () => [
      ...(myCoachId || filter.coach === COACH_ME ? [{ value: COACH_ME, label: 'My athletes' }] : []),
      { value: COACH_NONE, label: 'Unassigned' },
      ...(coaches ?? []).map((c) => ({ value: c.id, label: coachName(c) })),
    ],
    [coaches, myCoachId, filter.coach],
  );
  const staffOptions = useMemo(() => (coaches ?? []).map((c) => ({ value: c.id, label: coachName(c) })), [coaches]);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const levels = useMemo(() => distinctLevels(all).map((l) => ({ value: l, label: l })), [all]);
  const labelValues = useMemo(() => distinctLabels(all), [all]);
  const labels = useMemo(() => labelValues.map((l) => ({ value: l, label: l })), [labelValues]);
  const groupOptions = useMemo(() => (groups ?? []).map((g) => ({ value: g.id, label: g.name })), [groups]);

  // Selected athletes (ids) for bulk actions; kept across searches and filters until cleared.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [assigning, setAssigning] = useState(false);
  const selectedIds = useMemo(() => all.filter((a) => selected.has(a.id)).map((a) => a.id), [all, selected]);
  const toggle = useCallback(
    (id: string, on: boolean) =>
      setSelected((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );

  // "Show more" counts for one search and filters; a new one starts again at one page, in the same render.
  const [page, setPage] = useState({ of: effective, shown: PAGE });
  const shown = page.of === effective ? page.shown : PAGE;
  const showMore = () => setPage({ of: effective, shown: shown + PAGE * 5 });
  const visible = useMemo(() => matches.slice(0, shown), [matches, shown]);
  const toggleAll = (on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const a of visible) if (on) next.add(a.id);
      else next.delete(a.id);
      return next;
    });
  const allMatchingSelected = matches.every((a) => selected.has(a.id));

  // Until the live roster is read, the first page as it was last shown for this view (renderer/data/rosterSnapshot.ts).
  const { db } = useAstralData();
  const loading = !athletes || (coach === COACH_ME && me === undefined);
  const liveShown = useMemo(() => (loading ? null : { rows: visible, matched: matches.length, total: all.length }), [loading, visible, matches, all]);
  const snapshot = useRosterSnapshot(db, location.search, liveShown);
  const early = loading && snapshot && query === filter.q ? snapshot : null;
  const rows = early ? early.rows : !loading && visible.length > 0 ? visible : null;

  const filtering = isFiltering({ ...filter, q: query });
  const clear = () => {
    reset('');
    setFilter(null);
  };
  const closeBulk = useCallback(() => setBulk(null), []);
  const closeAssign = useCallback(() => setAssigning(false), []);
  const assignTarget = useMemo(() => ({ kind: 'athletes' as const, athleteIds: selectedIds }), [selectedIds]);
  const onSort = useCallback((sort: RosterParams['sort']) => setFilter({ sort }), [setFilter]);

  return (
    <Stack gap="md" data-roster={loading ? (early ? 'snapshot' : 'loading') : 'live'}>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          Athletes
        </Title>
        {(early || !loading) && (
          <Text c="dimmed" size="sm" aria-live="polite">
            {early
              ? filtering
                ? `${early.matched.toLocaleString()} of ${plural(early.total, 'athlete')}`
                : plural(early.total, 'athlete')
              : filtering
                ? `${matches.length.toLocaleString()} of ${plural(all.length, 'athlete')}`
                : plural(all.length, 'athlete')}
          </Text>
        )}
      </Group>

      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
        <TextInput
          label="Search"
          aria-label="Search athletes"
          placeholder="Name, display name or email"
          leftSection={<SearchIcon size={16} />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onBlur={flush}
          type="search"
          autoComplete="off"
        />
        <RosterFilters
          filter={filter}
          onChange={onFilter}
          levels={levels}
          labels={labels}
          groups={groupOptions}
          coaches={coachOptions}
          unknownGroup={groups ? 'Deleted group' : ''}
          unknownCoach={coaches ? 'Former coach' : ''}
          counts={counts}
          onFacetOpen={onFacetOpen}
        />
      </SimpleGrid>
      <Group gap="sm" justify="flex-end">
        <ImportButton size="sm" />
        <ExportCsvButton size="sm" athletes={matches} />
        <GrowActions />
      </Group>

      {selectedIds.length > 0 && (
        <SelectionBar
          count={selectedIds.length}
          matching={matches.length}
          allMatchingSelected={allMatchingSelected}
          onSelectAllMatching={() => setSelected((prev) => new Set([...prev, ...matches.map((a) => a.id)]))}
          onAssign={() => setAssigning(true)}
          onBulk={setBulk}
          canAssignCoach={isHead}
          onClear={() => setSelected(new Set())}
        />
      )}
      <BulkDialog kind={bulk} ids={selectedIds} role={me?.role} labels={labelValues} coaches={isHead ? staffOptions : NO_OPTIONS} onClose={closeBulk} />
      <AssignDialog opened={assigning} onClose={closeAssign} target={assignTarget} />

      {/* One table for the saved first page and the live roster, so the switch updates rows in place. */}
      {rows && (
        <RosterTable
          athletes={rows}
          coachNames={coachNames}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          sort={filter.sort}
          onSort={onSort}
          attention={attention}
        />
      )}
      {early ? (
        <Center>
          <Loader size="sm" aria-label="Loading athletes" />
        </Center>
      ) : loading ? (
        <Center py="xl">
          <Loader aria-label="Loading athletes" />
        </Center>
      ) : all.length === 0 ? (
        <Stack align="center" py={48} gap={4}>
          <Text fw={600}>No athletes in this organization yet.</Text>
          <Text c="dimmed" size="sm">
            Athletes appear here once they join your organization.
          </Text>
        </Stack>
      ) : matches.length === 0 ? (
        <Stack align="center" py={48} gap="sm">
          <Text fw={600}>No athletes match your search or filters.</Text>
          <Button variant="light" onClick={clear}>
            Clear filters
          </Button>
        </Stack>
      ) : (
        <>
          {matches.length > visible.length && (
            <Group justify="center">
              <Button variant="default" onClick={showMore}>
                Show more ({(matches.length - visible.length).toLocaleString()} not shown)
              </Button>
            </Group>
          )}
          {filtering && (
            <Group justify="center">
              <Button variant="subtle" color="gray" onClick={clear}>
                Clear filters
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
