/**
 * Settings › Coaching staff: the organization's coaches from the local database (live, also
 * offline). The head coach adds, invites (pending invitations listed below the staff), removes and
 * promotes coaches here (server actions, teamApi.ts);
 * a regular coach sees the same list read-only, without any control that would fail (rules.ts).
 */
import { ActionIcon, Badge, Box, Center, Group, Loader, Menu, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { CoachMembership } from '../../../shared/domain/organization';
import { useAthletes } from '../../data/athletes';
import { coachName, useCoaches, useMyMembership } from '../../data/coaches';
import { useSession } from '../../session/store';
import { plural } from '../../ui/format';
import { DotsIcon } from '../../ui/icons';
import { ROLE_LABELS, athleteCountsByCoach, canManageStaff, coachActions } from '../rules';
import type { ServerContext } from '../teamApi';
import { useOnline } from '../useServer';
import { AddCoachForm } from './AddCoachForm';
import { CoachInvitations } from './CoachInvitations';
import { useCoachInvitations } from './useCoachInvitations';
import { CoachDialogs, type CoachDialog } from './CoachDialogs';

function CoachRow({
  coach,
  me,
  withActions,
  athletes,
  onAction,
}: {
  coach: CoachMembership;
  me: CoachMembership | null | undefined;
  /** The actions column is there only for the head coach. */
  withActions: boolean;
  athletes: number | undefined;
  onAction(dialog: CoachDialog): void;
}) {
  const name = coachName(coach);
  const allowed = coachActions(me, coach);
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap={8} wrap="nowrap">
          <Text size="sm" fw={600}>
            {name}
          </Text>
          {coach.id === me?.id && (
            <Badge size="sm" variant="outline" color="gray" tt="none">
              You
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {coach.email}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge variant={coach.role === 'head_coach' ? 'filled' : 'light'} tt="none">
          {ROLE_LABELS[coach.role]}
        </Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{athletes === undefined ? '…' : athletes ? plural(athletes, 'athlete') : <Text span size="sm" c="dimmed">None</Text>}</Text>
      </Table.Td>
      {withActions && (
        <Table.Td ta="right">
          {(allowed.remove || allowed.handOver) && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
                  <DotsIcon />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {allowed.handOver && <Menu.Item onClick={() => onAction({ kind: 'hand-over', coach })}>Make head coach…</Menu.Item>}
                {allowed.remove && (
                  <Menu.Item color="red" onClick={() => onAction({ kind: 'remove', coach })}>
                    Remove from staff…
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

export function CoachingStaff({ ctx }: { ctx: ServerContext | null }) {
  const coaches = useCoaches();
  const athletes = useAthletes();
  const userId = useSession((s) => s.user?.id);
  const me = useMyMembership(userId);
  const counts = useMemo(() => (athletes ? athleteCountsByCoach(athletes) : undefined), [athletes]);
  const [dialog, setDialog] = useState<CoachDialog>(null);
  const manage = canManageStaff(me) && ctx !== null;
  const head = coaches?.find((c) => c.role === 'head_coach');
  const online = useOnline();
  const [invitations, reloadInvitations] = useCoachInvitations(manage ? ctx : null, online);

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="settings-staff">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id="settings-staff">
            Coaching staff
          </Title>
          <Text size="sm" c="dimmed">
            {manage
              ? 'As head coach you add, invite and remove coaches and can hand your role to another coach.'
              : me === undefined
                ? 'The coaches of this organization.'
                : `Only the head coach${head ? `, ${coachName(head)},` : ''} can add or remove coaches.`}
          </Text>
        </Stack>
        {manage && ctx && <AddCoachForm ctx={ctx} onInvited={() => void reloadInvitations()} />}
        {!coaches ? (
          <Center py="md">
            <Loader size="sm" aria-label="Loading coaches" />
          </Center>
        ) : (
          <Box style={{ overflowX: 'auto' }}>
            <Table aria-label="Coaching staff" verticalSpacing="sm" highlightOnHover miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Email</Table.Th>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col">Assigned</Table.Th>
                  {manage && (
                    <Table.Th scope="col" w={56}>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {coaches.map((c) => (
                  <CoachRow key={c.id} coach={c} me={me} withActions={manage} athletes={counts?.get(c.id) ?? (counts ? 0 : undefined)} onAction={setDialog} />
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
        {coaches && <Text size="xs" c="dimmed">{plural(coaches.length, 'coach', 'coaches')}. The list updates as changes sync.</Text>}
        {manage && ctx && <CoachInvitations ctx={ctx} state={invitations} reload={reloadInvitations} />}
      </Stack>
      {manage && ctx && (
        <CoachDialogs ctx={ctx} dialog={dialog} athleteCounts={counts} onClose={() => setDialog(null)} />
      )}
    </Paper>
  );
}
