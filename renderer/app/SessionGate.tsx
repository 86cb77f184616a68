import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, Outlet } from 'react-router';
import { AttentionWatcher } from '../attention/AttentionWatcher';
import { ImportCsvHost } from '../csv/ImportCsvHost';
import { DataContext } from '../data/context';
import { useNotices } from '../data/notices';
import { useDataSession } from '../data/session';
import { ApiRequestError, getMe } from '../session/api';
import { signOut } from '../session/signOut';
import { useSession } from '../session/store';
import { CommandPalette } from '../palette/CommandPalette';
import { setRosterScope } from '../roster/lastRosterSearch';
import { NoticeToasts } from '../sync/NoticeToasts';
import { Layout } from './Layout';

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

function FullPage({ children }: { children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md">
      <Stack align="center" gap="md" maw={460} ta="center">
        {children}
      </Stack>
    </Center>
  );
}

function FirstSyncScreen({ serverUrl, orgName }: { serverUrl: string; orgName: string }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 12_000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <FullPage>
      <Loader size="lg" aria-hidden="true" />
      <Title order={1} size="h2">
        Syncing your roster…
      </Title>
      <Text c="dimmed">
        Downloading the athletes, coaches and groups of {orgName} from {serverUrl}. After this first sync the app also works
        without a network.
      </Text>
      {slow && (
        <Text size="sm" c="dimmed">
          This is taking longer than usual. The app keeps trying; you can also sign out and try later.
        </Text>
      )}
      <Button variant="subtle" color="gray" onClick={() => void signOut()}>
        Sign out
      </Button>
    </FullPage>
  );
}

/**
 * Everything behind sign-in: opens the organization's local database, runs the first sync once
 * (later starts open straight on local data, with or without a network), then the app layout.
 */
export function SessionGate() {
  const { serverUrl, token, user, org, firstSyncDone, markFirstSyncDone, refreshAccount } = useSession();
  const cfg = token && user && org ? { serverUrl, token, userId: user.id, orgId: org.id } : null;
  const session = useDataSession(cfg, {
    onUnauthorized: () => void signOut({ reason: SESSION_ENDED }),
    onOutdated: () => undefined, // the layout shows the banner from the live sync state
    onNotice: (database, notice) => void useNotices.getState().add(database, notice),
  });

  // Refresh name, organizations and roles when the server is reachable; stay quiet when offline.
  useEffect(() => {
    if (!token) return;
    getMe(serverUrl, token).then(
      (me) => refreshAccount(me.user, me.organizations),
      (err: unknown) => {
        if (err instanceof ApiRequestError && err.status === 401) void signOut({ reason: SESSION_ENDED });
      },
    );
  }, [serverUrl, token, refreshAccount]);

  const name = session?.name;
  const synced = name ? firstSyncDone[name] === true : false;
  const ready = session?.status === 'ready' ? session : null;
  useEffect(() => {
    if (!ready || synced) return;
    let alive = true;
    void ready.sync.firstSync.then(() => alive && markFirstSyncDone(ready.name));
    return () => {
      alive = false;
    };
  }, [ready, synced, markFirstSyncDone]);

  if (!cfg || !org) return <Navigate to="/signin" replace />;
  if (!session || session.status === 'opening') {
    return (
      <FullPage>
        <Loader aria-label="Opening your roster" />
      </FullPage>
    );
  }
  if (session.status === 'error') {
    return (
      <FullPage>
        <Alert color="red" title="The local database could not be opened" ta="left">
          {session.error.message}
        </Alert>
        <Button onClick={() => void signOut()}>Sign out</Button>
      </FullPage>
    );
  }
  if (!synced) return <FirstSyncScreen serverUrl={serverUrl} orgName={org.name} />;
  setRosterScope(session.name); // before any page renders: the roster view and "Back to athletes" are this organization's
  return (
    <DataContext.Provider value={session.data}>
      <NoticeToasts database={session.name} />
      <AttentionWatcher />
      {/* App-wide tools that need the open database: Ctrl/Cmd+K palette and the one CSV import dialog. */}
      <CommandPalette />
      <ImportCsvHost />
      <Layout orgName={org.name}>
        <Outlet />
      </Layout>
    </DataContext.Provider>
  );
}
