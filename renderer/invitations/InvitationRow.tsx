/**
 * One invitation in the Invitations table: who (or "Join link"), group and plan by name, its state
 * in words, uses, expiry, who created it, and what the coach can do with it now.
 */
import { Anchor, Badge, Button, CopyButton, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { INVITATION_STATE_LABELS } from '../../shared/domain/invitation';
import { todayIn } from '../../shared/schedule/dates';
import { useAstralData } from '../data/context';
import { newLinkHere, resendInvitation, revokeInvitation, useInvitationLink, type InvitationRow as Row, type InvitationRowState } from '../data/invitations';
import { orgTimeZone } from '../data/orgToday';
import { useSession } from '../session/store';
import { ConfirmModal } from '../ui/ConfirmModal';
import { formatDate } from '../ui/dates';
import { notifyError } from '../ui/notify';

export const STATE_COLORS: Record<InvitationRowState, string> = {
  waiting: 'blue',
  pending: 'teal',
  accepted: 'green',
  used_up: 'gray',
  expired: 'gray',
  revoked: 'red',
};

export type RowNames = { groups: Map<string, string>; plans: Map<string, string>; coaches: Map<string, string>; athletes: Map<string, string> };

/** A timestamp as the organization's calendar day, "Mon 1 Dec 2026". */
export function useDayOf(): (timestamp: string) => string {
  const zone = orgTimeZone(useSession((s) => s.org?.time_zone));
  return (timestamp: string) => formatDate(todayIn(zone, new Date(timestamp)));
}

function uses(inv: Row): string {
  if (inv.type === 'single_use') return inv.state === 'accepted' ? 'Joined' : 'Not yet';
  if (inv.max_uses !== null) return `${inv.uses} of ${inv.max_uses} joined`;
  return `${inv.uses} joined`;
}

const open = (state: InvitationRowState) => state === 'pending' || state === 'waiting';

function Actions({ inv, who }: { inv: Row; who: string }) {
  const { db } = useAstralData();
  const serverUrl = useSession((s) => s.serverUrl);
  const link = useInvitationLink(inv.id, serverUrl);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (title: string, action: () => Promise<{ ok: true } | { ok: false; message: string }>) => {
    setBusy(true);
    try {
      const result = await action();
      if (!result.ok) notifyError(title, result.message);
    } finally {
      setBusy(false);
    }
  };
  if (!open(inv.state)) return null;
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      {link ? (
        <CopyButton value={link}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy} aria-label={`Copy link of ${who}`} data-link={link}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
      ) : (
        <Button size="compact-sm" variant="light" loading={busy} onClick={() => void run('No link was made', () => newLinkHere(db, inv.id, serverUrl))}>
          Get a link on this laptop
        </Button>
      )}
      {inv.type === 'single_use' && inv.state === 'pending' && (
        <Button size="compact-sm" variant="default" loading={busy} onClick={() => void run('The invitation was not resent', () => resendInvitation(db, inv.id))} aria-label={`Resend invitation of ${who}`}>
          Resend
        </Button>
      )}
      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`Revoke invitation of ${who}`}>
        Revoke
      </Button>
      <ConfirmModal
        opened={confirming}
        title={inv.type === 'single_use' ? 'Revoke this invitation?' : 'Revoke this join link?'}
        confirmLabel="Revoke"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          const result = await revokeInvitation(db, inv.id);
          return result.ok ? null : result.message;
        }}
      >
        <Text size="sm">
          {inv.type === 'single_use'
            ? `The link sent to ${inv.email ?? 'this athlete'} stops working. You can invite them again later.`
            : 'Nobody can join through this link any more. Athletes who already joined stay in your organization.'}
        </Text>
      </ConfirmModal>
    </Group>
  );
}

export function InvitationRow({ inv, names }: { inv: Row; names: RowNames }) {
  const dayOf = useDayOf();
  const who = inv.type === 'single_use' ? `${inv.first_name ?? ''} (${inv.email ?? ''})` : 'join link';
  const plan = inv.training_plan_id ? (names.plans.get(inv.training_plan_id) ?? 'Deleted plan') : null;
  return (
    <Table.Tr data-state={inv.state}>
      <Table.Td>
        {inv.type === 'single_use' ? (
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {inv.first_name}
            </Text>
            <Text size="xs" c="dimmed">
              {inv.email}
            </Text>
          </Stack>
        ) : (
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              Join link
            </Text>
            <Text size="xs" c="dimmed">
              For anyone with the link
            </Text>
          </Stack>
        )}
      </Table.Td>
      <Table.Td>{inv.group_id ? (names.groups.get(inv.group_id) ?? 'Deleted group') : <Text span size="sm" c="dimmed">None</Text>}</Table.Td>
      <Table.Td>
        {plan ? (
          <Stack gap={0}>
            <Text size="sm">{plan}</Text>
            <Text size="xs" c="dimmed">
              {inv.plan_start_date ? `from ${formatDate(inv.plan_start_date)}` : 'from the day they join'}
            </Text>
          </Stack>
        ) : (
          <Text span size="sm" c="dimmed">
            None
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={STATE_COLORS[inv.state]} variant="light" tt="none" style={{ flexShrink: 0 }}>
          {INVITATION_STATE_LABELS[inv.state]}
        </Badge>
        {inv.state === 'waiting' && (
          <Text size="xs" c="dimmed" maw={220} mt={4}>
            This invitation is on this laptop only; the link works once the app has synced.
          </Text>
        )}
        {inv.state === 'pending' && inv.email_status === 'failed' && (
          <Text size="xs" c="red" maw={220} mt={4}>
            The email could not be sent{inv.email_error ? `: ${inv.email_error}` : ''}. Copy the link or resend.
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {inv.type === 'single_use' && inv.accepted_athlete_id && names.athletes.has(inv.accepted_athlete_id) ? (
          <Anchor component={Link} to={`/athletes/${inv.accepted_athlete_id}`} size="sm">
            {names.athletes.get(inv.accepted_athlete_id)}
          </Anchor>
        ) : (
          uses(inv)
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{inv.expires_at ? dayOf(inv.expires_at) : <Text span size="sm" c="dimmed">Never</Text>}</Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm">{names.coaches.get(inv.created_by) ?? 'Former coach'}</Text>
          <Text size="xs" c="dimmed">
            {dayOf(inv.created_at)}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Actions inv={inv} who={who} />
      </Table.Td>
    </Table.Tr>
  );
}
