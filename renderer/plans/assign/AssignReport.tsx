import { Badge, Group, ScrollArea, Table, Text } from '@mantine/core';
import type { AssignOutcome } from '../../data/assignments';
import { formatDate } from '../../ui/dates';
import { plural } from '../../ui/format';

/** Outcome messages may carry ISO dates ("from 2026-12-01"); coaches read "Tue 1 Dec 2026". */
const readableDates = (text: string) => text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDate(d));

const OUTCOME = {
  assigned: { label: 'Assigned', color: 'teal' },
  already_assigned: { label: 'Already assigned', color: 'blue' },
  refused: { label: 'Refused', color: 'red' },
} as const;

/** What happened for each athlete of a (bulk) assignment: refused ones first, since they need attention. */
export function AssignReport({ outcomes }: { outcomes: readonly AssignOutcome[] }) {
  const count = (o: AssignOutcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
  const rank = { refused: 0, already_assigned: 1, assigned: 2 } as const;
  const sorted = [...outcomes].sort((a, b) => rank[a.outcome] - rank[b.outcome] || a.athleteName.localeCompare(b.athleteName));
  return (
    <>
      <Group gap="xs" aria-label="Summary" role="group">
        {(['assigned', 'already_assigned', 'refused'] as const).map((o) =>
          count(o) > 0 ? (
            <Badge key={o} color={OUTCOME[o].color} variant="light" tt="none" size="lg">
              {OUTCOME[o].label}: {count(o).toLocaleString()}
            </Badge>
          ) : null,
        )}
        <Text size="sm" c="dimmed">
          of {plural(outcomes.length, 'athlete')}
        </Text>
      </Group>
      <ScrollArea.Autosize mah={340} type="auto">
        <Table aria-label="Outcome per athlete" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Athlete</Table.Th>
              <Table.Th scope="col">Outcome</Table.Th>
              <Table.Th scope="col">Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((o) => (
              <Table.Tr key={o.athleteId}>
                <Table.Td fw={500}>{o.athleteName}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={OUTCOME[o.outcome].color} variant="light" tt="none">
                    {OUTCOME[o.outcome].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{readableDates(o.message)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </>
  );
}
