/**
 * The "…" menu at the top right of an athlete's page: Remove from organization, after a
 * confirmation that says their account stays and they can be invited again. The removal is a synced
 * write (works offline); the page then goes back to the roster.
 */
import { ActionIcon, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { athleteName, type Athlete } from '../../shared/domain/athlete';
import { removeAthlete } from '../data/athletes';
import { useAstralData } from '../data/context';
import { useLiveSyncState } from '../data/syncStatus';
import { rosterHref } from '../roster/lastRosterSearch';
import { ConfirmModal } from '../ui/ConfirmModal';
import { DotsIcon } from '../ui/icons';

export function AthleteMenu({ athlete }: { athlete: Athlete }) {
  const { db } = useAstralData();
  const navigate = useNavigate();
  const online = useLiveSyncState((s) => s.connection === 'online');
  const [confirming, setConfirming] = useState(false);
  const name = athleteName(athlete);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={`More actions for ${name}`}>
            <DotsIcon />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item color="red" onClick={() => setConfirming(true)}>
            Remove from organization
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirming}
        title={`Remove ${name}?`}
        confirmLabel="Remove from organization"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          const result = await removeAthlete(db, athlete.id);
          if (!result.ok) return result.message;
          void navigate(rosterHref());
          notifications.show({
            color: 'teal',
            title: `${result.name} was removed`,
            message: online ? 'They are no longer in your roster.' : 'They are no longer in your roster; the server hears of it once the app has synced.',
            autoClose: 5000,
          });
          return null;
        }}
      >
        <Stack gap="xs">
          <Text size="sm">
            {name} ({athlete.email}) leaves your roster, their groups and their training plans in this organization.
          </Text>
          <Text size="sm">Their Astral account is not deleted, and you can invite or add them again later.</Text>
        </Stack>
      </ConfirmModal>
    </>
  );
}
