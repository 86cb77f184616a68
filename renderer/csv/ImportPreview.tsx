/**
 * The import preview: per row of the file, which athlete it is, what would change (from -> to)
 * and what is wrong. Rows with problems come first when filtered; long files are paged.
 */
import { Alert, Badge, Group, List, Pagination, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FIELD_LABELS } from '../../shared/domain/athlete';
import type { AthleteImportPlan, ImportRowReport } from '../../shared/domain/athlete-import';
import { plural } from '../ui/format';
import { formatImportValue } from './importFormat';

const PAGE_SIZE = 50;
type RowFilter = 'all' | 'changes' | 'problems';

const hasProblems = (r: ImportRowReport) => r.errors.length > 0 || r.warnings.length > 0;
const willChange = (r: ImportRowReport) => r.errors.length === 0 && r.changes.length > 0;

export function ImportSummary({ plan }: { plan: AthleteImportPlan }) {
  const { summary, columns } = plan;
  return (
    <Stack gap="xs">
      <Group gap="xs" role="group" aria-label="Import summary">
        <Badge color="teal" variant="light" tt="none" size="lg">
          To update: {summary.toUpdate.toLocaleString()}
        </Badge>
        <Badge color="gray" variant="light" tt="none" size="lg">
          Unchanged: {summary.unchanged.toLocaleString()}
        </Badge>
        <Badge color={summary.withErrors > 0 ? 'red' : 'gray'} variant="light" tt="none" size="lg">
          With errors (skipped): {summary.withErrors.toLocaleString()}
        </Badge>
        {summary.withWarnings > 0 && (
          <Badge color="yellow" variant="light" tt="none" size="lg">
            With warnings: {summary.withWarnings.toLocaleString()}
          </Badge>
        )}
        <Text size="sm" c="dimmed">
          of {plural(summary.rows, 'row')}
        </Text>
      </Group>
      <Text size="sm">
        Imported columns: {columns.imported.map((f) => FIELD_LABELS[f]).join(', ')}. Rows are matched by{' '}
        {columns.matchBy.length === 2 ? 'id, else email' : columns.matchBy[0]}.
      </Text>
      {columns.unknown.length > 0 && (
        <Alert color="yellow" title="Columns that are ignored">
          This import does not know {plural(columns.unknown.length, 'column')}: {columns.unknown.join(', ')}.
        </Alert>
      )}
      {columns.notImported.length > 0 && (
        <Text size="sm" c="dimmed">
          Read but never written: {columns.notImported.join(', ')} (account details, groups and coaches are changed elsewhere).
        </Text>
      )}
    </Stack>
  );
}

export function ImportPreview({ plan }: { plan: AthleteImportPlan }) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const [page, setPage] = useState(1);
  const problems = plan.rows.filter(hasProblems).length;
  const rows = plan.rows.filter((r) => (filter === 'changes' ? willChange(r) : filter === 'problems' ? hasProblems(r) : true));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Rows to show"
        value={filter}
        onChange={(v) => {
          setFilter(v as RowFilter);
          setPage(1);
        }}
        data={[
          { value: 'all', label: `All rows (${plan.rows.length.toLocaleString()})` },
          { value: 'changes', label: `To update (${plan.summary.toUpdate.toLocaleString()})` },
          { value: 'problems', label: `Problems (${problems.toLocaleString()})` },
        ]}
      />
      <Table.ScrollContainer minWidth={640} maxHeight={420}>
        <Table aria-label="Import preview" verticalSpacing={6} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={60}>
                Line
              </Table.Th>
              <Table.Th scope="col">Athlete</Table.Th>
              <Table.Th scope="col">What would change</Table.Th>
              <Table.Th scope="col">Problems</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <PreviewRow key={row.line} row={row} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" ta="center">
          No rows to show.
        </Text>
      )}
      {pages > 1 && <Pagination total={pages} value={current} onChange={setPage} size="sm" aria-label="Preview pages" />}
    </Stack>
  );
}

function PreviewRow({ row }: { row: ImportRowReport }) {
  const skipped = row.errors.length > 0;
  return (
    <Table.Tr bg={skipped ? 'var(--mantine-color-red-light)' : undefined}>
      <Table.Td>{row.line}</Table.Td>
      <Table.Td fw={500}>{row.athlete?.name ?? <Text span c="dimmed">No match</Text>}</Table.Td>
      <Table.Td>
        {row.changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {skipped ? '—' : 'Nothing to change'}
          </Text>
        ) : (
          <List size="sm" spacing={2} listStyleType="none">
            {row.changes.map((c) => (
              <List.Item key={c.field}>
                <Text span size="sm" fw={600}>
                  {FIELD_LABELS[c.field]}:
                </Text>{' '}
                <Text span size="sm" td="line-through" c="dimmed">
                  {formatImportValue(c.field, c.from)}
                </Text>{' '}
                → {formatImportValue(c.field, c.to)}
              </List.Item>
            ))}
          </List>
        )}
      </Table.Td>
      <Table.Td>
        <List size="sm" spacing={2} listStyleType="none">
          {row.errors.map((e, i) => (
            <List.Item key={`e${i}`} c="red">
              {e.message}
            </List.Item>
          ))}
          {row.warnings.map((w, i) => (
            <List.Item key={`w${i}`} c="yellow.8">
              {w.message}
            </List.Item>
          ))}
        </List>
        {skipped && (
          <Text size="xs" c="red" fw={600}>
            This row will not be imported.
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
