import { Alert, AppShell, Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLiveSyncState } from '../data/syncStatus';
import { AccountMenu } from '../auth/AccountMenu';
import { SyncMessages } from '../sync/SyncMessages';
import { SyncStatusBadge } from '../sync/SyncStatusBadge';

export function Layout({ orgName, children }: { orgName: string; children: ReactNode }) {
  const outdated = useLiveSyncState((s) => s.outdated);
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Text component={Link} to="/" fw={750} size="lg" c="var(--mantine-color-anchor)" style={{ textDecoration: 'none', whiteSpace: 'nowrap' }}>
              Astral Coach
            </Text>
            <Box w={1} h={22} bg="var(--mantine-color-default-border)" visibleFrom="xs" />
            <Text fw={500} truncate="end" visibleFrom="xs">
              {orgName}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SyncStatusBadge />
            <SyncMessages />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
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
