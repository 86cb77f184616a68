/** /groups/:id: one group's athletes (add, remove), rename, delete, and assign a plan to the whole group. */
import { Anchor, Button, Center, Group as Row, Loader, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import { useAthletes } from '../data/athletes';
import { useAstralData } from '../data/context';
import { removeFromGroup, useGroups } from '../data/groups';
import { AssignPlanModal } from '../plans/assign/AssignPlanModal';
import { plural } from '../ui/format';
import { ArrowLeftIcon, CalendarIcon, PlusIcon } from '../ui/icons';
import { notifyError, useSavedNotice } from '../ui/notify';
import { StatusBadge } from '../ui/StatusBadge';
import { AddMembersModal } from './AddMembersModal';
import { GroupDialogs, type GroupDialog } from './GroupActions';

function BackToGroups() {
  return (
    <Anchor component={Link} to="/groups" size="sm" w="fit-content">
      <Row gap={4} component="span">
        <ArrowLeftIcon size={16} />
        Back to groups
      </Row>
    </Anchor>
  );
}

function Members({ group, members }: { group: Group; members: readonly Athlete[] }) {
  const { db } = useAstralData();
  const saved = useSavedNotice();
  const remove = async (a: Athlete) => {
    const r = await removeFromGroup(db, group.id, [a.id]);
    if (!r.ok) return notifyError('Not removed', r.message);
    saved(`Removed ${athleteName(a)} from ${group.name}`);
  };
  if (members.length === 0) {
    return (
      <Stack align="center" py={40} gap={4}>
        <Text fw={600}>No athletes in this group yet.</Text>
        <Text c="dimmed" size="sm">
          Add athletes with Add athletes.
        </Text>
      </Stack>
    );
  }
  return (
    <Table aria-label="Athletes in this group" striped highlightOnHover verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Email</Table.Th>
          <Table.Th scope="col" style={{ minWidth: 112 }}>
            Status
          </Table.Th>
          <Table.Th scope="col">Member level</Table.Th>
          <Table.Th scope="col" w={110}>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <Anchor component={Link} to={`/athletes/${a.id}`} fw={600} size="sm">
                {athleteName(a)}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {a.email}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={a.status} size="sm" />
            </Table.Td>
            <Table.Td>{a.member_level ?? ''}</Table.Td>
            <Table.Td ta="right">
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => void remove(a)} aria-label={`Remove ${athleteName(a)} from the group`}>
                Remove
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function GroupPage() {
  const { id = '' } = useParams();
  const groups = useGroups();
  const athletes = useAthletes();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<GroupDialog>(null);
  const [adding, setAdding] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const group = groups?.find((g) => g.id === id);
  const members = useMemo(() => (athletes ?? []).filter((a) => a.group_ids.includes(id)), [athletes, id]);

  if (groups === undefined || athletes === undefined) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading group" />
      </Center>
    );
  }
  if (!group) {
    return (
      <Stack gap="sm" py="md">
        <BackToGroups />
        <Title order={1} size="h2">
          Group not found
        </Title>
        <Text c="dimmed">This group is not in your organization, or was deleted.</Text>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={1000}>
      <BackToGroups />
      <Row justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {group.name}
          </Title>
          <Text c="dimmed" size="sm">
            {plural(members.length, 'athlete')} ·{' '}
            <Anchor component={Link} to={`/?group=${encodeURIComponent(group.id)}`} size="sm">
              Show in roster
            </Anchor>
          </Text>
        </Stack>
        <Row gap="sm">
          <Button variant="default" onClick={() => setDialog('rename')}>
            Rename
          </Button>
          <Button variant="default" color="red" onClick={() => setDialog('delete')}>
            Delete
          </Button>
          <Button variant="light" leftSection={<CalendarIcon size={16} />} onClick={() => setAssigning(true)}>
            Assign a plan to this group
          </Button>
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setAdding(true)}>
            Add athletes
          </Button>
        </Row>
      </Row>
      <Members group={group} members={members} />
      <GroupDialogs group={group} size={members.length} dialog={dialog} onClose={() => setDialog(null)} onDeleted={() => void navigate('/groups')} />
      <AddMembersModal opened={adding} onClose={() => setAdding(false)} group={group} athletes={athletes} />
      <AssignPlanModal opened={assigning} onClose={() => setAssigning(false)} target={{ kind: 'group', groupId: group.id, name: group.name, size: members.length }} />
    </Stack>
  );
}
