/**
 * The athlete's Overview tab, the profile in one view: organization facts, attention signals, plans,
 * goal race, integrations, the weekly distance trend, training load, insights, recent activities
 * with the file drop zone, and the coaches' private notes. Figures come from useAthleteProfile.
 */
import { Anchor, Badge, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Athlete } from '../../shared/domain/athlete';
import { useCoachNames, useMyMembership } from '../data/coaches';
import { useAthleteProfile } from '../data/profile';
import { useSession } from '../session/store';
import { ProfileSections } from './profile/ProfileSections';
import { useGroups } from '../data/groups';
import { LockIcon } from '../ui/icons';

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

export function OverviewTab({ athlete }: { athlete: Athlete }) {
  const coachNames = useCoachNames();
  const groups = useGroups();
  const coaches = athlete.coach_ids.map((cid) => coachNames.get(cid)).filter((n): n is string => Boolean(n));
  const athleteGroups = (groups ?? []).filter((g) => athlete.group_ids.includes(g.id));
  const profile = useAthleteProfile(athlete.id);
  const me = useMyMembership(useSession((s) => s.user?.id));

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="lg" verticalSpacing="lg" component="dl" m={0}>
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
          <Field label="Groups">
            {athleteGroups.length ? (
              <Group gap={6}>
                {athleteGroups.map((g) => (
                  <Anchor key={g.id} component={Link} to={`/groups/${g.id}`} size="sm">
                    {g.name}
                  </Anchor>
                ))}
              </Group>
            ) : (
              <None />
            )}
          </Field>
        </SimpleGrid>
      </Paper>

      {profile ? (
        <ProfileSections profile={profile} coachId={me?.id ?? null} role={me?.role} />
      ) : (
        <Center py="xl">
          <Loader aria-label="Loading the profile" />
        </Center>
      )}

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
    </Stack>
  );
}
