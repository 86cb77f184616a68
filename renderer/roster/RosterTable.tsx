import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import type { Athlete } from '../../shared/domain/athlete';
import { StatusBadge } from '../ui/StatusBadge';

const AthleteRow = memo(function AthleteRow({ athlete, coachNames }: { athlete: Athlete; coachNames: Map<string, string> }) {
  const coaches = athlete.coach_ids.map((id) => coachNames.get(id)).filter((n): n is string => Boolean(n));
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/athletes/${athlete.id}`} fw={600} size="sm">
          {athlete.first_name} {athlete.last_name}
        </Anchor>
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

export function RosterTable({ athletes, coachNames }: { athletes: readonly Athlete[]; coachNames: Map<string, string> }) {
  return (
    <Table.ScrollContainer minWidth={1040}>
      <Table aria-label="Athletes" striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>Name</Table.Th>
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
            <AthleteRow key={a.id} athlete={a} coachNames={coachNames} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
