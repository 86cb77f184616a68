/** What the header shows about sync, combined from the live state and the persisted bookkeeping. */
import { useEffect, useState } from 'react';
import { useAstralData, useObservable } from './context';
import { syncDisplayState, useLiveSyncState, watchPendingCount, watchSyncMeta } from './syncStatus';

export type SyncSummary = {
  state: 'online' | 'offline' | 'syncing';
  pending: number;
  lastSyncedAt: Date | null;
  outdated: boolean;
};

/** Pulls that finish within this time do not flash "Syncing…". */
const SYNCING_DELAY_MS = 400;

export function useSyncSummary(): SyncSummary {
  const { db } = useAstralData();
  const { connection, active, outdated, leader } = useLiveSyncState();
  const outbox = useObservable(() => watchPendingCount(db), [db]);
  const meta = useObservable(() => watchSyncMeta(db), [db]);
  const [showActive, setShowActive] = useState(false);
  useEffect(() => {
    if (!active) {
      setShowActive(false);
      return;
    }
    const timer = setTimeout(() => setShowActive(true), SYNCING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [active]);
  const state = syncDisplayState({ connection, leader }, showActive);
  return {
    state,
    pending: outbox?.ids.length ?? 0,
    lastSyncedAt: meta?.lastSyncedAt ? new Date(meta.lastSyncedAt) : null,
    outdated,
  };
}
