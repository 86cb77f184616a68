/** The athlete's Plans tab: the current plan(s) with this week's sessions, the upcoming ones and the finished ones. */
import { Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import { useAthleteAssignments, useOrgToday, type AssignmentView } from '../data/assignments';
import { AssignPlanModal } from '../plans/assign/AssignPlanModal';
import { CalendarIcon } from '../ui/icons';
import { AssignmentCard } from './AssignmentCard';

function Section({ title, empty, items, today, name }: { title: string; empty: ReactNode; items: AssignmentView[]; today: string; name: string }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        items.map((a) => <AssignmentCard key={a.id} assignment={a} today={today} athleteName={name} />)
      )}
    </Stack>
  );
}

export function PlansTab({ athlete }: { athlete: Athlete }) {
  const assignments = useAthleteAssignments(athlete.id);
  const today = useOrgToday();
  const [assigning, setAssigning] = useState(false);
  const name = athleteName(athlete);

  if (!assignments) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading plans" />
      </Center>
    );
  }
  const current = assignments.filter((a) => a.status === 'active');
  // A plan not synced yet has no status: listed with the upcoming ones until it arrives.
  const upcoming = assignments.filter((a) => a.status === 'upcoming' || a.status === null);
  // Most recent first.
  const finished = assignments.filter((a) => a.status === 'completed' || a.status === 'ended').reverse();

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Plans run in the organization's calendar; today is shown highlighted.
        </Text>
        <Button leftSection={<CalendarIcon size={16} />} onClick={() => setAssigning(true)}>
          Assign plan
        </Button>
      </Group>
      <Section title="Current plan" empty="No plan running this week." items={current} today={today} name={name} />
      <Section title="Upcoming" empty="Nothing planned yet." items={upcoming} today={today} name={name} />
      <Section title="Finished" empty="No finished plans." items={finished} today={today} name={name} />
      <AssignPlanModal opened={assigning} onClose={() => setAssigning(false)} target={{ kind: 'athlete', athleteId: athlete.id, name }} />
    </Stack>
  );
}
