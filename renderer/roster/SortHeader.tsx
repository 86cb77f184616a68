/** A roster column header that sorts by its column on click (again: the other direction), with aria-sort. */
import { Group, Table, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { RosterSort, SortColumn } from '../data/search';

export function SortHeader({
  column,
  sort,
  onSort,
  children,
  before,
  minWidth,
}: {
  column: SortColumn;
  sort: RosterSort;
  onSort(sort: RosterSort): void;
  children: ReactNode;
  /** Shown before the button inside the cell (the select-all box of the name column). */
  before?: ReactNode;
  minWidth?: number;
}) {
  const active = sort.column === column;
  const next: RosterSort = { column, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' };
  return (
    <Table.Th scope="col" style={{ whiteSpace: 'nowrap', minWidth }} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Group gap="sm" wrap="nowrap">
        {before}
        <UnstyledButton onClick={() => onSort(next)} fw={700} fz="sm" title={`Sort by ${String(children).toLowerCase()}`}>
          {children}
          <span aria-hidden style={{ opacity: active ? 1 : 0.3, marginLeft: 4 }}>
            {active && sort.direction === 'desc' ? '▼' : '▲'}
          </span>
        </UnstyledButton>
      </Group>
    </Table.Th>
  );
}
