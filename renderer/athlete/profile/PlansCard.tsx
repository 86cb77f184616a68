/** Current and upcoming plans of the athlete, with a link to the Plans tab where they are managed. */
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
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
          <PlanLine key={a.id} href={href} assignment={a} badge="Current" color="teal">
            {a.week !== null && a.plan ? `Week ${a.week} of ${a.plan.weeks} · ` : ''}
            {a.end_date ? formatDateRange(a.start_date, a.end_date) : `from ${formatDate(a.start_date)}`}
          </PlanLine>
        ))}
        {upcoming.map((a) => (
          <PlanLine key={a.id} href={href} assignment={a} badge="Upcoming" color="blue">
            {a.plan ? `Starts ${formatDate(a.start_date)} · ${a.plan.weeks} weeks` : 'Plan not synced yet'}
          </PlanLine>
        ))}
      </Stack>
    </Section>
  );
}

/** One assignment: its state as a badge, the plan's name (to the Plans tab) and when it runs. */
function PlanLine({ href, assignment, badge, color, children }: { href: string; assignment: AssignmentView; badge: string; color: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Group gap="xs" wrap="nowrap">
        <Badge color={color} variant="light" tt="none" size="sm">
          {badge}
        </Badge>
        <Anchor component={Link} to={href} size="sm" fw={600}>
          {assignment.plan_name}
        </Anchor>
      </Group>
      <Text size="xs" c="dimmed">
        {children}
      </Text>
    </Stack>
  );
}
