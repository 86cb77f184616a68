/** Goal race (name, date and how far away, distance, goal time and the pace it implies) and target pace, with Edit. */
import { Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Athlete } from '../../../shared/domain/athlete';
import type { CoachRole } from '../../../shared/domain/organization';
import { daysBetween, type IsoDate } from '../../../shared/schedule/dates';
import { formatDistance, formatDuration, formatPace, type DistanceUnits } from '../../../shared/training/units';
import { formatDate } from '../../ui/dates';
import { PencilIcon } from '../../ui/icons';
import { GoalModal } from './GoalModal';
import { RACE_PRESETS, presetOf } from './format';
import { Dimmed, Section } from './Section';

function until(date: IsoDate, today: IsoDate): string {
  const d = daysBetween(today, date);
  if (d === 0) return 'today';
  if (d < 0) return `${-d} day${d === -1 ? '' : 's'} ago`;
  if (d < 21) return `in ${d} day${d === 1 ? '' : 's'}`;
  return `in ${Math.round(d / 7)} weeks`;
}

export function GoalCard({ athlete, units, today, role }: { athlete: Athlete; units: DistanceUnits; today: IsoDate; role?: CoachRole }) {
  const [opened, { open, close }] = useDisclosure(false);
  const g = athlete.goal_race;
  const preset = g ? RACE_PRESETS.find((p) => p.value === presetOf(g.distance_m) && p.value !== 'custom') : undefined;
  return (
    <Section
      id="goal"
      title="Goal race"
      source="Set by a coach"
      action={
        <Button size="compact-sm" variant="light" leftSection={<PencilIcon size={14} />} onClick={open} aria-label="Edit goal race">
          Edit
        </Button>
      }
    >
      <Stack gap={6}>
        {g ? (
          <>
            <Text fw={600}>{g.name}</Text>
            <Text size="sm">
              {formatDate(g.date)} · {until(g.date, today)}
            </Text>
            <Text size="sm">
              {preset ? `${preset.label} · ` : ''}
              {formatDistance(g.distance_m, units, 2)}
            </Text>
            {g.goal_time_s !== null && (
              <Text size="sm">
                Goal time {formatDuration(g.goal_time_s)}{' '}
                <Text span c="dimmed" size="xs">
                  ({formatPace(g.goal_time_s / (g.distance_m / 1000), units)} average)
                </Text>
              </Text>
            )}
          </>
        ) : (
          <Dimmed>No goal race set.</Dimmed>
        )}
        <Text size="sm" data-testid="target-pace">
          Target pace:{' '}
          {athlete.target_pace_s_per_km === null ? (
            <Text span c="dimmed" size="sm">
              not set
            </Text>
          ) : (
            <Text span fw={600} size="sm">
              {formatPace(athlete.target_pace_s_per_km, units)}
            </Text>
          )}
        </Text>
      </Stack>
      {opened && <GoalModal athlete={athlete} units={units} role={role} opened={opened} onClose={close} />}
    </Section>
  );
}
