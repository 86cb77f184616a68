/** /athletes/:id: the athlete's header (name, status, Edit) and two tabs, Overview and Plans (?tab=plans). */
import { Anchor, Button, Center, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useParams, useSearchParams } from 'react-router';
import { athleteName } from '../../shared/domain/athlete';
import { useAthlete } from '../data/athletes';
import { useMyMembership } from '../data/coaches';
import { useSession } from '../session/store';
import { StatusBadge } from '../ui/StatusBadge';
import { ArrowLeftIcon, PencilIcon } from '../ui/icons';
import { rosterHref } from '../roster/lastRosterSearch';
import { AthleteMenu } from './AthleteMenu';
import { EditAthleteModal } from './EditAthleteModal';
import { OverviewTab } from './OverviewTab';
import { PlansTab } from './PlansTab';

function BackLink() {
  return (
    <Anchor component={Link} to={rosterHref()} size="sm" w="fit-content">
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
  const userId = useSession((s) => s.user?.id);
  const me = useMyMembership(userId);
  const [editing, { open, close }] = useDisclosure(false);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'plans' ? 'plans' : 'overview';

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

  const fullName = `${athlete.first_name} ${athlete.last_name}`.trim();

  return (
    <Stack gap="lg" maw={960}>
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
        <Group gap="xs">
          <Button leftSection={<PencilIcon size={16} />} onClick={open}>
            Edit
          </Button>
          <AthleteMenu athlete={athlete} />
        </Group>
      </Group>

      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'plans' ? { tab: 'plans' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="plans">Plans</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab athlete={athlete} />
        </Tabs.Panel>
        <Tabs.Panel value="plans">
          <PlansTab athlete={athlete} />
        </Tabs.Panel>
      </Tabs>

      <EditAthleteModal athlete={athlete} opened={editing} onClose={close} canAssignCoaches={me?.role === 'head_coach'} role={me?.role} />
    </Stack>
  );
}
