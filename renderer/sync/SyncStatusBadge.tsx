import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSyncSummary } from '../data/useSyncSummary';
import { formatTime, plural } from '../ui/format';

const STATE = {
  online: { label: 'Online', color: 'var(--mantine-color-teal-6)' },
  offline: { label: 'Offline', color: 'var(--mantine-color-gray-6)' },
  syncing: { label: 'Syncing…', color: 'var(--mantine-color-blue-5)' },
} as const;

/** Re-renders every minute so "Last synced" stays honest about the day. */
function useMinuteTick(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function SyncStatusBadge() {
  const { state, pending, lastSyncedAt } = useSyncSummary();
  const now = useMinuteTick();
  const look = STATE[state];
  const last = lastSyncedAt ? `Last synced ${formatTime(lastSyncedAt, now)}` : 'Never synced';
  const tip =
    state === 'offline'
      ? 'No connection to the server. Edits are saved on this device and sent when the connection returns.'
      : 'Connected to the server. Changes from other coaches arrive live.';
  return (
    <Tooltip label={tip} multiline w={260} withArrow openDelay={300}>
      <Group
        role="status"
        aria-label="Sync status"
        gap={8}
        wrap="nowrap"
        px="sm"
        py={6}
        bd="1px solid var(--mantine-color-default-border)"
        style={{ borderRadius: 999 }}
        tabIndex={0}
      >
        <Box w={9} h={9} bg={look.color} style={{ borderRadius: 999, flex: 'none' }} aria-hidden="true" />
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {look.label}
        </Text>
        {pending > 0 && (
          <Text size="sm" c="orange.7" fw={500} style={{ whiteSpace: 'nowrap' }}>
            <span aria-hidden="true">· </span>
            {plural(pending, 'change')} not yet sent
          </Text>
        )}
        <Text size="sm" c="dimmed" visibleFrom="lg" style={{ whiteSpace: 'nowrap' }}>
          <span aria-hidden="true">· </span>
          {last}
        </Text>
      </Group>
    </Tooltip>
  );
}
