/**
 * /settings (also the desktop menu's Settings): account and organization, the coaching staff, and
 * the head coach's API keys. Staff changes and keys are server actions; offline the page says so
 * and still shows what the device knows.
 */
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useMyMembership } from '../data/coaches';
import { useSession } from '../session/store';
import { AccountSection } from './AccountSection';
import { NotificationsSection } from './NotificationsSection';
import { DisplaySection } from './DisplaySection';
import { ApiKeysSection } from './apikeys/ApiKeysSection';
import { canManageApiKeys, canManageStaff } from './rules';
import { CoachingStaff } from './team/CoachingStaff';
import { useOnline, useServerContext } from './useServer';

export function SettingsPage() {
  const userId = useSession((s) => s.user?.id);
  const me = useMyMembership(userId);
  const ctx = useServerContext();
  const online = useOnline();

  return (
    <Stack gap="lg" maw={1040}>
      <Stack gap={2}>
        <Title order={1} size="h2">
          Settings
        </Title>
        <Text c="dimmed" size="sm">
          Your account, your organization's coaching staff{canManageApiKeys(me) ? ' and its API keys' : ''}.
        </Text>
      </Stack>
      {!online && (canManageStaff(me) || canManageApiKeys(me)) && (
        <Alert color="gray" title="You are offline">
          Changes to the coaching staff and API keys need a connection to the server; they are not saved on this device to send
          later. The staff list below is the last one synced.
        </Alert>
      )}
      <AccountSection />
      <NotificationsSection />
      <DisplaySection />
      <CoachingStaff ctx={ctx} />
      {ctx && canManageApiKeys(me) && <ApiKeysSection ctx={ctx} online={online} />}
    </Stack>
  );
}
