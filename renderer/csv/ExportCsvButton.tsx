/**
 * Downloads the athletes it is given (the roster as filtered and sorted) as CSV, with the columns
 * the import reads back. Props: `athletes` to export, optional `fileName` (default
 * `roster-YYYY-MM-DD.csv`), and any Button props (size, variant...). Needs the open database.
 */
import { Button, type ButtonProps } from '@mantine/core';
import { useMemo } from 'react';
import type { Athlete } from '../../shared/domain/athlete';
import { useCoachNames } from '../data/coaches';
import { useGroups } from '../data/groups';
import { rosterCsv } from '../data/rosterCsv';
import { plural } from '../ui/format';
import { downloadText } from '../ui/download';

export type ExportCsvButtonProps = { athletes: readonly Athlete[]; fileName?: string } & Omit<ButtonProps, 'children' | 'onClick'>;

/** `roster-2026-03-14.csv`, by the local date. */
export function rosterFileName(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `roster-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.csv`;
}

export function ExportCsvButton({ athletes, fileName, ...buttonProps }: ExportCsvButtonProps) {
  const coachNames = useCoachNames();
  const groups = useGroups();
  const groupNames = useMemo(() => new Map((groups ?? []).map((g) => [g.id, g.name])), [groups]);
  return (
    <Button
      variant="default"
      {...buttonProps}
      disabled={athletes.length === 0 || buttonProps.disabled}
      title={`Download ${plural(athletes.length, 'athlete')} as a CSV file`}
      onClick={() => downloadText(fileName ?? rosterFileName(), rosterCsv(athletes, { coachNames, groupNames }), 'text/csv;charset=utf-8')}
    >
      Export CSV
    </Button>
  );
}
