/** The final report of an import: what happened to each row, failures and skipped rows first. */
import { Badge, Group, Table, Text } from '@mantine/core';
import type { ImportOutcome } from '../data/rosterCsv';
import { plural } from '../ui/format';

const STATUS = {
  failed: { label: 'Failed', color: 'red' },
  skipped: { label: 'Skipped', color: 'orange' },
  updated: { label: 'Updated', color: 'teal' },
  unchanged: { label: 'Unchanged', color: 'gray' },
} as const;
const ORDER = ['failed', 'skipped', 'updated', 'unchanged'] as const;

export function ImportOutcomes({ outcomes }: { outcomes: readonly ImportOutcome[] }) {
  const count = (s: ImportOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const sorted = [...outcomes].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.line - b.line);
  // Unchanged rows say nothing useful one by one; past a few hundred rows only the others are listed.
  const listed = sorted.length > 300 ? sorted.filter((o) => o.status !== 'unchanged') : sorted;
  return (
    <>
      <Group gap="xs" role="group" aria-label="Import result">
        {ORDER.map((s) =>
          count(s) > 0 ? (
            <Badge key={s} color={STATUS[s].color} variant="light" tt="none" size="lg">
              {STATUS[s].label}: {count(s).toLocaleString()}
            </Badge>
          ) : null,
        )}
        <Text size="sm" c="dimmed">
          of {plural(outcomes.length, 'row')}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={560} maxHeight={420}>
        <Table aria-label="Import result per row" verticalSpacing={6} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={60}>
                Line
              </Table.Th>
              <Table.Th scope="col">Athlete</Table.Th>
              <Table.Th scope="col">Result</Table.Th>
              <Table.Th scope="col">Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listed.map((o) => (
              <Table.Tr key={o.line}>
                <Table.Td>{o.line}</Table.Td>
                <Table.Td fw={500}>{o.athlete?.name ?? <Text span c="dimmed">No match</Text>}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={STATUS[o.status].color} variant="light" tt="none">
                    {STATUS[o.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{o.message}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
