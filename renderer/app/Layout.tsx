import { Alert, AppShell, Box, Button, Container, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useLiveSyncState } from '../data/syncStatus';
import { AttentionNavCount } from '../attention/AttentionNavCount';
import { AccountMenu } from '../auth/AccountMenu';
import { InvitationsHost } from '../invitations/InvitationsHost';
import { SyncMessages } from '../sync/SyncMessages';
import { SyncStatusBadge } from '../sync/SyncStatusBadge';

const SECTIONS = [
  { label: 'Roster', to: '/', match: (path: string) => path === '/' || path.startsWith('/athletes/') },
  { label: 'Plans', to: '/plans', match: (path: string) => path.startsWith('/plans') },
  { label: 'Groups', to: '/groups', match: (path: string) => path.startsWith('/groups') },
  { label: 'Invitations', to: '/invitations', match: (path: string) => path.startsWith('/invitations') },
  { label: 'Needs attention', to: '/attention', match: (path: string) => path.startsWith('/attention'), count: AttentionNavCount },
] as const;

/** The app's sections; the current one is marked for assistive technology too (aria-current). */
function MainNav() {
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label="Main" gap={4} wrap="nowrap">
      {SECTIONS.map((s) => {
        const current = s.match(pathname);
        return (
          <Button
            key={s.to}
            component={Link}
            to={s.to}
            variant={current ? 'light' : 'subtle'}
            color={current ? undefined : 'gray'}
            size="compact-md"
            fw={current ? 650 : 500}
            aria-current={current ? 'page' : undefined}
          >
            {s.label}
            {'count' in s && <s.count />}
          </Button>
        );
      })}
    </Group>
  );
}

export function Layout({ orgName, children }: { orgName: string; children: ReactNode }) {
  const outdated = useLiveSyncState((s) => s.outdated);
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" miw={0}>
            {/* The product and, under it, the organization: stacked, so five sections fit beside them. */}
            <Stack gap={0} miw={0} maw={190}>
              <Text component={Link} to="/" fw={750} size="lg" lh={1.15} c="var(--mantine-color-anchor)" style={{ textDecoration: 'none', whiteSpace: 'nowrap' }}>
                Astral Coach
              </Text>
              <Text size="xs" c="dimmed" fw={500} truncate="end" title={orgName}>
                {orgName}
              </Text>
            </Stack>
            <Box w={1} h={22} bg="var(--mantine-color-default-border)" />
            <MainNav />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SyncStatusBadge />
            <SyncMessages />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <InvitationsHost />
        <Container size="xl" px={0}>
          {outdated && (
            <Alert color="red" title="This app is out of date" mb="md">
              The server has moved to a newer sync version, so syncing has stopped. Update Astral Coach to continue; your
              changes stay safe on this device until then.
            </Alert>
          )}
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
