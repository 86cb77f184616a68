/**
 * /invitations: every invitation and join link of the organization with its state, filtered by
 * state (?state=pending), and the buttons to invite an athlete or create a join link.
 */
import { Button, Center, Group, Loader, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { athleteName } from '../../shared/domain/athlete';
import { INVITATION_STATE_LABELS } from '../../shared/domain/invitation';
import { useAthletes } from '../data/athletes';
import { useCoachNames } from '../data/coaches';
import { useGroups } from '../data/groups';
import { useInvitations, type InvitationRowState } from '../data/invitations';
import { usePlans } from '../data/plans';
import { PlusIcon } from '../ui/icons';
import { InvitationRow, type RowNames } from './InvitationRow';
import { openInviteDialog } from './inviteDialog';

const STATES: InvitationRowState[] = ['waiting', 'pending', 'accepted', 'used_up', 'expired', 'revoked'];
const isState = (s: string | null): s is InvitationRowState => s !== null && (STATES as string[]).includes(s);

export function InvitationsPage() {
  const invitations = useInvitations();
  const groups = useGroups();
  const plans = usePlans();
  const coaches = useCoachNames();
  const athletes = useAthletes();
  const [params, setParams] = useSearchParams();
  const raw = params.get('state');
  const state = isState(raw) ? raw : null;

  const names: RowNames = useMemo(
    () => ({
      groups: new Map((groups ?? []).map((g) => [g.id, g.name])),
      plans: new Map((plans ?? []).map((p) => [p.id, p.name])),
      coaches,
      athletes: new Map((athletes ?? []).map((a) => [a.id, athleteName(a)])),
    }),
    [groups, plans, coaches, athletes],
  );
  const counts = useMemo(() => {
    const c = new Map<InvitationRowState, number>();
    for (const i of invitations ?? []) c.set(i.state, (c.get(i.state) ?? 0) + 1);
    return c;
  }, [invitations]);
  const shown = useMemo(() => (invitations ?? []).filter((i) => !state || i.state === state), [invitations, state]);
  const options = STATES.map((s) => ({ value: s, label: `${INVITATION_STATE_LABELS[s]} (${counts.get(s) ?? 0})` }));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Invitations
          </Title>
          <Text c="dimmed" size="sm">
            Personal invitations sent by email and join links you share. New athletes appear in the roster the moment they join.
          </Text>
        </Stack>
        <Group gap="sm">
          <Button variant="default" onClick={() => openInviteDialog('link')}>
            Create join link
          </Button>
          <Button leftSection={<PlusIcon size={16} />} onClick={() => openInviteDialog('invite')}>
            Invite athlete
          </Button>
        </Group>
      </Group>
      <Group>
        <Select
          label="State"
          placeholder={`All (${invitations?.length ?? 0})`}
          data={options}
          value={state}
          onChange={(value) => setParams(value ? { state: value } : {}, { replace: true })}
          clearable
          w={240}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {!invitations ? (
        <Center py="xl">
          <Loader aria-label="Loading invitations" />
        </Center>
      ) : invitations.length === 0 ? (
        <Stack align="center" py={48} gap={4}>
          <Text fw={600}>No invitations yet.</Text>
          <Text c="dimmed" size="sm">
            Invite an athlete by email, or create a join link to share with a group.
          </Text>
        </Stack>
      ) : shown.length === 0 ? (
        <Stack align="center" py={48} gap="sm">
          <Text fw={600}>No invitations are {state ? INVITATION_STATE_LABELS[state].toLowerCase() : 'shown'}.</Text>
          <Button variant="light" onClick={() => setParams({}, { replace: true })}>
            Show all
          </Button>
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Invited</Table.Th>
                <Table.Th>Group</Table.Th>
                <Table.Th>Plan</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Joined</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Created by</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((inv) => (
                <InvitationRow key={inv.id} inv={inv} names={names} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
