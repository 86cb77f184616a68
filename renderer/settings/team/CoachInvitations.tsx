/**
 * Settings › Coaching staff › Pending invitations (head coach only): coach invitations not yet
 * accepted, read from the server, with Resend (a new email and link, 14 more days) and Revoke.
 * Hidden while there are none; offline, the last list stays and the actions say they need the server.
 */
import { Badge, Box, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { formatWhen } from '../apikeys/keyStatus';
import { errorMessage, resendCoachInvitation, revokeCoachInvitation, type CoachInvitation, type ServerContext } from '../teamApi';
import type { CoachInvitationsState } from './useCoachInvitations';

function deliveryText(inv: CoachInvitation): { label: string; color: string; detail?: string } {
  if (inv.status === 'expired') return { label: 'Expired', color: 'gray', detail: `Link expired ${formatWhen(inv.expires_at)}` };
  if (inv.email_status === 'failed') return { label: 'Not delivered', color: 'red', detail: inv.email_error ?? undefined };
  if (inv.email_status === 'queued') return { label: 'Sending…', color: 'blue' };
  return { label: 'Email sent', color: 'teal', detail: inv.last_sent_at ? `Sent ${formatWhen(inv.last_sent_at, true)}` : undefined };
}

function InvitationRow({ inv, busy, onResend, onRevoke }: { inv: CoachInvitation; busy: boolean; onResend(): void; onRevoke(): void }) {
  const delivery = deliveryText(inv);
  const who = inv.first_name ? `${inv.first_name} (${inv.email})` : inv.email;
  return (
    <Table.Tr>
      <Table.Td>
        {inv.first_name && (
          <Text size="sm" fw={600}>
            {inv.first_name}
          </Text>
        )}
        <Text size="sm" c={inv.first_name ? 'dimmed' : undefined} fw={inv.first_name ? undefined : 600} style={{ overflowWrap: 'anywhere' }}>
          {inv.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={delivery.color} tt="none">
          {delivery.label}
        </Badge>
        {delivery.detail && (
          <Text size="xs" c="dimmed" mt={4} lineClamp={2}>
            {delivery.detail}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{inv.status === 'expired' ? 'Expired' : formatWhen(inv.expires_at)}</Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Button size="compact-sm" variant="subtle" onClick={onResend} loading={busy} aria-label={`Resend the invitation to ${who}`}>
            Resend
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={onRevoke} disabled={busy} aria-label={`Revoke the invitation to ${who}`}>
            Revoke
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function CoachInvitations({ ctx, state, reload }: { ctx: ServerContext; state: CoachInvitationsState; reload(): Promise<void> }) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<CoachInvitation | null>(null);

  if (state.status === 'loading') return null;
  if (state.status === 'error') {
    return (
      <Text size="sm" c="dimmed" role="status">
        {state.offline ? 'Pending coach invitations are shown when the server can be reached.' : `Pending coach invitations could not be loaded: ${state.message}`}
      </Text>
    );
  }
  if (state.invitations.length === 0) return null;

  const resend = async (inv: CoachInvitation) => {
    setBusyId(inv.id);
    setError(null);
    try {
      await resendCoachInvitation(ctx, inv.id);
      notifications.show({ color: 'teal', title: `Invitation sent again to ${inv.email}`, message: 'With a new link that works for 14 days.', autoClose: 4000 });
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  const revoke = async (): Promise<string | null> => {
    if (!revoking) return null;
    try {
      await revokeCoachInvitation(ctx, revoking.id);
      notifications.show({ color: 'teal', title: `Invitation to ${revoking.email} revoked`, message: 'Its links no longer work.', autoClose: 4000 });
      await reload();
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="settings-coach-invitations">
      <Title order={3} size="h5" id="settings-coach-invitations">
        Pending invitations
      </Title>
      <Box style={{ overflowX: 'auto' }}>
        <Table aria-label="Pending coach invitations" verticalSpacing="sm" miw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Invited</Table.Th>
              <Table.Th scope="col">Email</Table.Th>
              <Table.Th scope="col">Link works until</Table.Th>
              <Table.Th scope="col" w={170}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {state.invitations.map((inv) => (
              <InvitationRow key={inv.id} inv={inv} busy={busyId === inv.id} onResend={() => void resend(inv)} onRevoke={() => setRevoking(inv)} />
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <ConfirmModal opened={revoking !== null} title="Revoke this invitation?" confirmLabel="Revoke invitation" onConfirm={revoke} onClose={() => setRevoking(null)}>
        <Text size="sm">
          The links sent to <b>{revoking?.email}</b> stop working at once. You can invite them again later.
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
