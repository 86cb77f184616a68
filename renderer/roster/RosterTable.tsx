import { Anchor, Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import { StatusBadge } from '../ui/StatusBadge';

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

export function RosterTable({
  athletes,
  coachNames,
  selected,
  onToggle,
  onToggleAll,
}: {
  athletes: readonly Athlete[];
  coachNames: Map<string, string>;
  selected: ReadonlySet<string>;
  onToggle(id: string, selected: boolean): void;
  /** Selects or unselects every row shown. */
  onToggleAll(selected: boolean): void;
}) {
  const shownSelected = athletes.reduce((n, a) => n + (selected.has(a.id) ? 1 : 0), 0);
  const all = athletes.length > 0 && shownSelected === athletes.length;
  return (
    <Table.ScrollContainer minWidth={1060}>
      <Table aria-label="Athletes" striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
              <Group gap="sm" wrap="nowrap">
                <Checkbox
                  size="xs"
                  checked={all}
                  indeterminate={shownSelected > 0 && !all}
                  onChange={() => onToggleAll(!all)}
                  aria-label="Select all athletes shown"
                />
                Name
              </Group>
            </Table.Th>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Display name</Table.Th>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Email</Table.Th>
            {/* room for the widest status ("Suspended") so the badge is never cut */}
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap', minWidth: 112 }}>Status</Table.Th>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Member level</Table.Th>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Labels</Table.Th>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Coaches</Table.Th>
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
