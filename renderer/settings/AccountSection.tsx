/** Settings › Account & organization: who is signed in, where, with which role, and sign out. */
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useMyMembership } from '../data/coaches';
import { bridge } from '../platform/bridge';
import { signOut } from '../session/signOut';
import { useSession } from '../session/store';
import { ROLE_LABELS } from './rules';

/** The desktop app's version from the shell; null in a browser (the web dashboard). */
function useAppVersion(): string | null | undefined {
  const [version, setVersion] = useState<string | null | undefined>(() => (bridge() ? undefined : null));
  useEffect(() => {
    const shell = bridge();
    if (!shell) return;
    let alive = true;
    shell.getVersion().then(
      (v) => alive && setVersion(v),
      () => alive && setVersion(null),
    );
    return () => {
      alive = false;
    };
  }, []);
  return version;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

export function AccountSection() {
  const user = useSession((s) => s.user);
  const org = useSession((s) => s.org);
  const serverUrl = useSession((s) => s.serverUrl);
  const membership = useMyMembership(user?.id);
  const version = useAppVersion();
  const navigate = useNavigate();
  const name = user ? `${user.first_name} ${user.last_name}`.trim() : '';
  const role = membership?.role ?? org?.role;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="settings-account">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Title order={2} size="h4" id="settings-account">
              Account & organization
            </Title>
            <Text size="sm" c="dimmed">
              Signing out keeps this organization's data on this device for your next sign-in.
            </Text>
          </Stack>
          <Button variant="default" onClick={() => void signOut({ tellServer: true }).then(() => navigate('/signin'))}>
            Sign out
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg" verticalSpacing="md">
          <Fact label="Signed in as">
            {name ? (
              <>
                {name}
                <Text span size="sm" c="dimmed" display="block">
                  {user?.email}
                </Text>
              </>
            ) : (
              user?.email
            )}
          </Fact>
          <Fact label="Organization">{org?.name}</Fact>
          <Fact label="Your role">{role ? ROLE_LABELS[role] : '…'}</Fact>
          <Fact label="Time zone">{org?.time_zone}</Fact>
          <Fact label="Server">{serverUrl}</Fact>
          <Fact label="App version">{version === undefined ? '…' : version === null ? 'Web dashboard (browser)' : `Astral Coach ${version}`}</Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
