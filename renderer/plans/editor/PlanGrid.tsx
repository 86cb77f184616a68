/**
 * The plan as a week-by-day grid (Mon..Sun columns): each day shows its workout compactly, and a
 * click opens the day's form. Weeks past the plan's length (after shortening it) are shown greyed
 * so no workout disappears unseen.
 */
import { ActionIcon, Badge, Group, Menu, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { memo } from 'react';
import { DAY_NAMES, WORKOUT_KIND_LABELS, type PlanSession } from '../../../shared/domain/plan';
import { weekdayShort } from '../../ui/dates';
import { DotsIcon } from '../../ui/icons';
import { KIND_COLORS, workoutFigures, workoutSummary } from '../../ui/workout';
import { cellKey } from './draft';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

type CellProps = { week: number; day: number; session: PlanSession | undefined; error: string | undefined; onOpen(week: number, day: number): void };

const DayCell = memo(function DayCell({ week, day, session, error, onOpen }: CellProps) {
  const where = `Week ${week}, ${DAY_NAMES[day - 1] ?? ''}`;
  return (
    <Table.Td p={3} style={{ verticalAlign: 'top' }}>
      <UnstyledButton
        onClick={() => onOpen(week, day)}
        aria-label={session ? `${where}: ${workoutSummary(session)}` : `${where}: add a workout`}
        aria-invalid={error ? true : undefined}
        w="100%"
        mih={64}
        p={6}
        style={{
          display: 'block',
          borderRadius: 'var(--mantine-radius-sm)',
          border: error
            ? '2px solid var(--mantine-color-error)'
            : session
              ? '1px solid var(--mantine-color-default-border)'
              : '1px dashed var(--mantine-color-default-border)',
          background: session ? 'var(--mantine-color-body)' : 'transparent',
        }}
        title={error ?? session?.note ?? undefined}
      >
        {session ? (
          <Stack gap={2}>
            <Badge color={KIND_COLORS[session.kind]} variant="light" size="xs" tt="none" maw="100%">
              {WORKOUT_KIND_LABELS[session.kind]}
            </Badge>
            {workoutFigures(session)
              .slice(0, 3)
              .map((f) => (
                <Text key={f} size="xs" lh={1.3} style={{ whiteSpace: 'nowrap' }}>
                  {f}
                </Text>
              ))}
            {session.note && (
              <Text size="xs" c="dimmed" lh={1.3} lineClamp={1}>
                {session.note}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="xs" c="dimmed" ta="center" pt={14} aria-hidden="true">
            +
          </Text>
        )}
        {error && (
          <Text size="xs" c="red" lh={1.3} mt={2}>
            {error}
          </Text>
        )}
      </UnstyledButton>
    </Table.Td>
  );
});

function WeekHeader({ week, beyond, km, onCopyPrevious, onClear }: { week: number; beyond: boolean; km: number; onCopyPrevious?: () => void; onClear(): void }) {
  return (
    <Table.Th scope="row" style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }} p={6}>
      <Group gap={2} justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} c={beyond ? 'dimmed' : undefined}>
          Week {week}
        </Text>
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Week ${week} actions`}>
              <DotsIcon size={14} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {onCopyPrevious && <Menu.Item onClick={onCopyPrevious}>Copy week {week - 1} here</Menu.Item>}
            <Menu.Item color="red" onClick={onClear}>
              Clear week {week}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Text size="xs" c="dimmed" fw={400}>
        {beyond ? 'past the end' : km > 0 ? `${km} km` : 'no distance'}
      </Text>
    </Table.Th>
  );
}

export function PlanGrid({
  weeks,
  sessions,
  cellErrors,
  onOpen,
  onCopyWeek,
  onClearWeek,
}: {
  weeks: number;
  sessions: readonly PlanSession[];
  cellErrors: Map<string, string>;
  onOpen(week: number, day: number): void;
  onCopyWeek(from: number, to: number): void;
  onClearWeek(week: number): void;
}) {
  const byCell = new Map(sessions.map((s) => [cellKey(s.week, s.day), s]));
  const rows = Math.max(weeks, ...sessions.map((s) => s.week), 1);
  const km = (w: number) => Math.round(sessions.reduce((sum, s) => sum + (s.week === w ? (s.distance_m ?? 0) : 0), 0) / 100) / 10;
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table aria-label="Plan weeks" withTableBorder withColumnBorders layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={96}>
              <VisuallyHidden>Week</VisuallyHidden>
            </Table.Th>
            {DAYS.map((d) => (
              <Table.Th key={d} ta="center" scope="col">
                <abbr title={DAY_NAMES[d - 1]} style={{ textDecoration: 'none' }}>
                  {weekdayShort(d)}
                </abbr>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Array.from({ length: rows }, (_, i) => i + 1).map((w) => (
            <Table.Tr key={w} style={w > weeks ? { opacity: 0.55 } : undefined}>
              <WeekHeader week={w} beyond={w > weeks} km={km(w)} onCopyPrevious={w > 1 ? () => onCopyWeek(w - 1, w) : undefined} onClear={() => onClearWeek(w)} />
              {DAYS.map((d) => (
                <DayCell key={d} week={w} day={d} session={byCell.get(cellKey(w, d))} error={cellErrors.get(cellKey(w, d))} onOpen={onOpen} />
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
