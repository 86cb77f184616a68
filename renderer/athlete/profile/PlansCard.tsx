/** Current and upcoming plans of the athlete, with a link to the Plans tab where they are managed. */
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AssignmentView } from '../../data/assignmentViews';
import { formatDate, formatDateRange } from '../../ui/dates';
import { Dimmed, Section } from './Section';

export function PlansCard({ athleteId, current, upcoming }: { athleteId: string; current: readonly AssignmentView[]; upcoming: readonly AssignmentView[] }) {
  const href = `/athletes/${athleteId}?tab=plans`;
  return (
    <Section
      id="plans"
      title="Plans"
      source="Assigned training plans"
      action={
        <Anchor component={Link} to={href} size="sm">
          Plans tab
        </Anchor>
      }
    >
      <Stack gap="sm">
        {current.length === 0 && <Dimmed>No plan running.</Dimmed>}
        {current.map((a) => (
          <Stack key={a.id} gap={0}>
            <Group gap="xs" wrap="nowrap">
              <Badge color="teal" variant="light" tt="none" size="sm">
                Current
              </Badge>
              <Anchor component={Link} to={href} size="sm" fw={600}>
                {a.plan_name}
              </Anchor>
            </Group>
            <Text size="xs" c="dimmed">
              {a.week !== null && a.plan ? `Week ${a.week} of ${a.plan.weeks} · ` : ''}
              {a.end_date ? formatDateRange(a.start_date, a.end_date) : `from ${formatDate(a.start_date)}`}
            </Text>
          </Stack>
        ))}
        {upcoming.map((a) => (
          <Stack key={a.id} gap={0}>
            <Group gap="xs" wrap="nowrap">
              <Badge color="blue" variant="light" tt="none" size="sm">
                Upcoming
              </Badge>
              <Anchor component={Link} to={href} size="sm" fw={600}>
                {a.plan_name}
              </Anchor>
            </Group>
            <Text size="xs" c="dimmed">
              {a.plan ? `Starts ${formatDate(a.start_date)} · ${a.plan.weeks} weeks` : 'Plan not synced yet'}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
