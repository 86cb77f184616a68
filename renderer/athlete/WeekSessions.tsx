/** The sessions of the current calendar week of an assigned plan, one line per day (Monday to Sunday). */
import { Badge, Group, Table, Text } from '@mantine/core';
import { WORKOUT_KIND_LABELS } from '../../shared/domain/plan';
import { addDays, mondayOf, type IsoDate } from '../../shared/schedule/dates';
import type { ScheduledSession } from '../../shared/schedule/plan-schedule';
import { formatDate } from '../ui/dates';
import { KIND_COLORS, workoutFigures } from '../ui/workout';

export function WeekSessions({ sessions, today, label }: { sessions: readonly ScheduledSession[]; today: IsoDate; label: string }) {
  const monday = mondayOf(today);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const byDate = new Map(sessions.map((s) => [s.date, s]));
  return (
    <Table aria-label={label} verticalSpacing={6} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={150}>
            Day
          </Table.Th>
          <Table.Th scope="col">Workout</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {days.map((date) => {
          const s = byDate.get(date);
          const isToday = date === today;
          return (
            <Table.Tr key={date} bg={isToday ? 'var(--mantine-primary-color-light)' : undefined} aria-current={isToday ? 'date' : undefined}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" fw={isToday ? 700 : 500} span>
                  {formatDate(date, { year: false })}
                </Text>
                {isToday && (
                  <Text size="xs" c="dimmed" span ml={6}>
                    today
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {s ? (
                  <Group gap={8} wrap="wrap">
                    <Badge color={KIND_COLORS[s.session.kind]} variant="light" tt="none">
                      {WORKOUT_KIND_LABELS[s.session.kind]}
                    </Badge>
                    {workoutFigures(s.session).length > 0 && <Text size="sm">{workoutFigures(s.session).join(' · ')}</Text>}
                    {s.session.note && (
                      <Text size="sm" c="dimmed">
                        {s.session.note}
                      </Text>
                    )}
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    Nothing planned
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
