/**
 * Carries out the "add existing user" requests kept while offline (renderer/data/addExisting.ts)
 * whenever this tab runs the sync and the server is reachable, and tells the coach each outcome
 * once: "Ana Silva was added", "No Astral account uses x@y" with Invite instead, "x@y is already in
 * the organization". Retries every 30 s while requests wait.
 */
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { INDEX_DOC, outcomeWords, processQueue, takeOutcomes, type AddOutcome, type QueuedAdd } from '../data/addExisting';
import { useAstralData, useObservable } from '../data/context';
import { watchLocal } from '../data/localDocs';
import { useLiveSyncState, watchPendingCount } from '../data/syncStatus';
import { useOnline, useServerContext } from '../settings/useServer';
import { openInviteDialog } from './inviteDialog';

const RETRY_MS = 30_000;

export function AddExistingRunner() {
  const { db } = useAstralData();
  const ctx = useServerContext();
  const online = useOnline();
  const leader = useLiveSyncState((s) => s.leader);
  const navigate = useNavigate();
  const waiting = useObservable(() => watchLocal<{ ids: string[] }>(db, INDEX_DOC), [db])?.ids.length ?? 0;
  const outbox = useObservable(() => watchPendingCount(db), [db])?.ids.length ?? 0;
  const chain = useRef<Promise<void>>(Promise.resolve());
  const { serverUrl, token, orgId } = ctx ?? { serverUrl: '', token: '', orgId: '' };

  useEffect(() => {
    if (!token || !online || !leader || waiting === 0) return;
    let alive = true;
    const show = (r: QueuedAdd & { outcome: AddOutcome }) => {
      const words = outcomeWords(r, r.outcome);
      const id = `add-existing-${r.id}`;
      const action =
        r.outcome.kind === 'not_found' ? (
          <Button size="compact-sm" variant="light" onClick={() => {
            notifications.hide(id);
            openInviteDialog('invite', { email: r.email, group_id: r.group_id, training_plan_id: r.training_plan_id, plan_start_date: r.plan_start_date });
          }}>
            Invite instead
          </Button>
        ) : r.outcome.kind === 'added' ? (
          <Button size="compact-sm" variant="light" onClick={() => {
            notifications.hide(id);
            void navigate(`/athletes/${r.outcome.kind === 'added' ? r.outcome.athleteId : ''}`);
          }}>
            Open athlete
          </Button>
        ) : null;
      notifications.show({
        id,
        color: words.ok ? 'teal' : r.outcome.kind === 'refused' ? 'red' : 'yellow',
        title: words.title,
        message: (
          <>
            <Text size="sm">{words.message}</Text>
            {action && <Group mt={6}>{action}</Group>}
          </>
        ),
        autoClose: words.ok ? 8000 : false,
        withBorder: true,
      });
    };
    const tick = () => {
      chain.current = chain.current.then(async () => {
        if (!alive || db.closed) return;
        await processQueue(db, { serverUrl, token, orgId });
        if (!alive || db.closed) return;
        for (const r of await takeOutcomes(db)) show(r);
      }).catch(() => undefined);
    };
    tick();
    const timer = setInterval(tick, RETRY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [db, serverUrl, token, orgId, online, leader, waiting, outbox, navigate]);
  return null;
}
