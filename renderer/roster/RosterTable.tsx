import { Anchor, Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import { DEFAULT_SORT, type RosterSort } from '../data/search';
import { StatusBadge } from '../ui/StatusBadge';
import { SortHeader } from './SortHeader';

type RowProps = { athlete: Athlete; coachNames: Map<string, string>; selected: boolean; onToggle(id: string, selected: boolean): void };

// Rows get plain props (no subscriptions of their own) and are memoised: ticking one box re-renders one row.
const AthleteRow = memo(function AthleteRow({ athlete, coachNames, selected, onToggle }: RowProps) {
  const coaches = athlete.coach_ids.map((id) => coachNames.get(id)).filter((n): n is string => Boolean(n));
  return (
    <Table.Tr bg={selected ? 'var(--mantine-primary-color-light)' : undefined}>
      <Table.Td>
        {/* The selection box shares the name cell, so the columns stay as they were. */}
        <Group gap="sm" wrap="nowrap" align="center">
          <Checkbox
            size="xs"
            checked={selected}
            onChange={(e) => onToggle(athlete.id, e.currentTarget.checked)}
            aria-label={`Select ${athleteName(athlete)}`}
          />
          <Anchor component={Link} to={`/athletes/${athlete.id}`} fw={600} size="sm">
            {athlete.first_name} {athlete.last_name}
          </Anchor>
        </Group>
      </Table.Td>
      <Table.Td>{athlete.display_name ?? ''}</Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {athlete.email}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <StatusBadge status={athlete.status} size="sm" />
      </Table.Td>
      <Table.Td>{athlete.member_level ?? ''}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {athlete.labels.map((l) => (
            <Badge key={l} variant="outline" color="gray" size="sm" tt="none" fw={500}>
              {l}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        {coaches.length > 0 ? (
          <Text size="sm">{coaches.join(', ')}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            Unassigned
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
});

const ignoreSort = () => {};

export function RosterTable({
  athletes,
  coachNames,
  selected,
  onToggle,
  onToggleAll,
  sort = DEFAULT_SORT,
  onSort = ignoreSort,
}: {
  athletes: readonly Athlete[];
  coachNames: Map<string, string>;
  selected: ReadonlySet<string>;
  onToggle(id: string, selected: boolean): void;
  /** Selects or unselects every row shown. */
  onToggleAll(selected: boolean): void;
  /** The column the rows are sorted by (the caller sorts); headers call onSort on click. */
  sort?: RosterSort;
  onSort?(sort: RosterSort): void;
}) {
  const shownSelected = athletes.reduce((n, a) => n + (selected.has(a.id) ? 1 : 0), 0);
  const all = athletes.length > 0 && shownSelected === athletes.length;
  return (
    <Table.ScrollContainer minWidth={1060}>
      <Table aria-label="Athletes" striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <SortHeader
              column="name"
              sort={sort}
              onSort={onSort}
              before={
                <Checkbox
                  size="xs"
                  checked={all}
                  indeterminate={shownSelected > 0 && !all}
                  onChange={() => onToggleAll(!all)}
                  aria-label="Select all athletes shown"
                />
              }
            >
              Name
            </SortHeader>
            <SortHeader column="display_name" sort={sort} onSort={onSort}>
              Display name
            </SortHeader>
            <SortHeader column="email" sort={sort} onSort={onSort}>
              Email
            </SortHeader>
            {/* room for the widest status ("Suspended") so the badge is never cut */}
            <SortHeader column="status" sort={sort} onSort={onSort} minWidth={112}>
              Status
            </SortHeader>
            <SortHeader column="level" sort={sort} onSort={onSort}>
              Member level
            </SortHeader>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Labels</Table.Th>
            <SortHeader column="coaches" sort={sort} onSort={onSort}>
              Coaches
            </SortHeader>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {athletes.map((a) => (
            <AthleteRow key={a.id} athlete={a} coachNames={coachNames} selected={selected.has(a.id)} onToggle={onToggle} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
