import { Anchor, Badge, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { athleteName } from '../../shared/domain/athlete';
import { useAthlete } from '../data/athletes';
import { useCoachNames, useMyMembership } from '../data/coaches';
import { useGroups } from '../data/groups';
import { useSession } from '../session/store';
import { StatusBadge } from '../ui/StatusBadge';
import { ArrowLeftIcon, LockIcon, PencilIcon } from '../ui/icons';
import { rosterHref } from '../roster/lastRosterSearch';
import { EditAthleteModal } from './EditAthleteModal';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" component="dt" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Stack gap={0} component="dd" m={0}>
        {children}
      </Stack>
    </Stack>
  );
}

const None = ({ children = 'None' }: { children?: string }) => (
  <Text c="dimmed" size="sm">
    {children}
  </Text>
);

function BackLink() {
  return (
    <Anchor component={Link} to={rosterHref()} size="sm">
      <Group gap={4} component="span">
        <ArrowLeftIcon size={16} />
        Back to athletes
      </Group>
    </Anchor>
  );
}

export function AthletePage() {
  const { id = '' } = useParams();
  const athlete = useAthlete(id);
  const coachNames = useCoachNames();
  const groups = useGroups();
  const userId = useSession((s) => s.user?.id);
  const me = useMyMembership(userId);
  const [editing, { open, close }] = useDisclosure(false);

  if (athlete === undefined) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading athlete" />
      </Center>
    );
  }
  if (athlete === null) {
    return (
      <Stack gap="sm" py="md">
        <BackLink />
        <Title order={1} size="h2">
          Athlete not found
        </Title>
        <Text c="dimmed">This athlete is not in your organization, or was removed from it.</Text>
      </Stack>
    );
  }

  const coaches = athlete.coach_ids.map((cid) => coachNames.get(cid)).filter((n): n is string => Boolean(n));
  const groupNames = (groups ?? []).filter((g) => athlete.group_ids.includes(g.id)).map((g) => g.name);
  const fullName = `${athlete.first_name} ${athlete.last_name}`.trim();

  return (
    <Stack gap="lg" maw={920}>
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {athleteName(athlete)}
            </Title>
            <StatusBadge status={athlete.status} size="lg" />
          </Group>
          {athlete.display_name && (
            <Text size="sm" c="dimmed">
              Account name: {fullName}
            </Text>
          )}
          <Anchor href={`mailto:${athlete.email}`} size="sm">
            {athlete.email}
          </Anchor>
        </Stack>
        <Button leftSection={<PencilIcon size={16} />} onClick={open}>
          Edit
        </Button>
      </Group>

      <Paper withBorder p="lg" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="lg" component="dl" m={0}>
          <Field label="Member level">{athlete.member_level ? <Text size="sm">{athlete.member_level}</Text> : <None>Not set</None>}</Field>
          <Field label="Labels">
            {athlete.labels.length ? (
              <Group gap={6}>
                {athlete.labels.map((l) => (
                  <Badge key={l} variant="outline" color="gray" tt="none" fw={500}>
                    {l}
                  </Badge>
                ))}
              </Group>
            ) : (
              <None />
            )}
          </Field>
          <Field label="Assigned coaches">
            {coaches.length ? coaches.map((c) => <Text size="sm" key={c}>{c}</Text>) : <None>Unassigned</None>}
          </Field>
          <Field label="Groups">{groupNames.length ? <Text size="sm">{groupNames.join(', ')}</Text> : <None />}</Field>
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="private-notes-heading">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h5" id="private-notes-heading">
            Private notes
          </Title>
          <Badge variant="light" color="grape" leftSection={<LockIcon size={12} />} tt="none">
            Private — coaches only
          </Badge>
        </Group>
        {athlete.private_notes ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {athlete.private_notes}
          </Text>
        ) : (
          <None>No notes yet.</None>
        )}
      </Paper>

      <EditAthleteModal athlete={athlete} opened={editing} onClose={close} canAssignCoaches={me?.role === 'head_coach'} role={me?.role} />
    </Stack>
  );
}
