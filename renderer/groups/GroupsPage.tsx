/** The organization's groups with their sizes: create, rename, delete, open one to manage its athletes. */
import { ActionIcon, Anchor, Button, Center, Group as Row, Loader, Menu, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Group } from '../../shared/domain/group';
import { useAstralData } from '../data/context';
import { createGroup, useGroupSizes, useGroups } from '../data/groups';
import { plural } from '../ui/format';
import { DotsIcon, PlusIcon } from '../ui/icons';
import { useSavedNotice } from '../ui/notify';
import { GroupDialogs, type GroupDialog } from './GroupActions';
import { GroupNameModal } from './GroupNameModal';

function GroupRow({ group, size }: { group: Group; size: number | undefined }) {
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<GroupDialog>(null);
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/groups/${group.id}`} fw={600} size="sm">
          {group.name}
        </Anchor>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {size === undefined ? '…' : size > 0 ? plural(size, 'athlete') : <Text span size="sm" c="dimmed">No athletes</Text>}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/?group=${encodeURIComponent(group.id)}`} size="sm">
          Show in roster
        </Anchor>
      </Table.Td>
      <Table.Td ta="right">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${group.name}`}>
              <DotsIcon />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void navigate(`/groups/${group.id}`)}>Manage athletes</Menu.Item>
            <Menu.Item onClick={() => setDialog('rename')}>Rename</Menu.Item>
            <Menu.Item color="red" onClick={() => setDialog('delete')}>
              Delete
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <GroupDialogs group={group} size={size ?? 0} dialog={dialog} onClose={() => setDialog(null)} />
      </Table.Td>
    </Table.Tr>
  );
}

export function GroupsPage() {
  const { db } = useAstralData();
  const groups = useGroups();
  const sizes = useGroupSizes();
  const saved = useSavedNotice();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="md">
      <Row justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Groups
          </Title>
          <Text c="dimmed" size="sm">
            Squads such as "Marathon squad" or "Beginners 5K": filter the roster by group and assign a plan to a whole group.
          </Text>
        </Stack>
        <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
          New group
        </Button>
      </Row>
      {!groups ? (
        <Center py="xl">
          <Loader aria-label="Loading groups" />
        </Center>
      ) : groups.length === 0 ? (
        <Stack align="center" py={48} gap={4}>
          <Text fw={600}>No groups yet.</Text>
          <Text c="dimmed" size="sm">
            Create one with New group, then add athletes to it.
          </Text>
        </Stack>
      ) : (
        <Table aria-label="Groups" striped highlightOnHover verticalSpacing="xs" maw={880}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Size</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Roster</VisuallyHidden>
              </Table.Th>
              <Table.Th scope="col" w={56}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((g) => (
              <GroupRow key={g.id} group={g} size={sizes?.get(g.id)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <GroupNameModal
        opened={creating}
        onClose={() => setCreating(false)}
        title="New group"
        submitLabel="Create group"
        initial=""
        onSubmit={async (name) => {
          const r = await createGroup(db, name);
          if (r.ok) {
            saved(`Created ${r.value.name}`);
            void navigate(`/groups/${r.value.id}`);
          }
          return r;
        }}
      />
    </Stack>
  );
}
