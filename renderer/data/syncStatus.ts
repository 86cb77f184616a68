/**
 * What the coach sees about sync: online/offline/syncing, how many local changes the server has
 * not acknowledged yet, and when the app last was fully in sync.
 *
 * - Connection and activity are live UI state (a zustand store written by replication.ts).
 * - The outbox (ids of athletes edited locally and not yet acknowledged) and the last sync time
 *   are RxDB local documents, so they survive a restart next to the data. updateAthlete adds an
 *   id before writing; `reconcileOutbox` removes ids whose document did not change while the
 *   replication reached "in sync" (pushed and acknowledged, resolved after a conflict, or edited
 *   back to the server's state so nothing had to be sent).
 */
import { create } from 'zustand';
import type { AstralDatabase } from './database';
import { modifyLocal, readLocal, watchLocal } from './localDocs';

export const OUTBOX_DOC = 'outbox';
export const SYNC_META_DOC = 'sync-meta';

type Outbox = { ids: string[] };
type SyncMeta = { lastSyncedAt: string | null };

export type Connection = 'connecting' | 'online' | 'offline';

type LiveSyncState = {
  connection: Connection;
  /** A pull or push is running. */
  active: boolean;
  /** The server answered 426: this build speaks an old sync schema version. */
  outdated: boolean;
  /**
   * This tab runs the replication and the live stream. Other tabs sharing the database only see
   * the browser's online state and the persisted outbox and last sync time (local documents).
   */
  leader: boolean;
  set(patch: Partial<Pick<LiveSyncState, 'connection' | 'active' | 'outdated' | 'leader'>>): void;
  reset(): void;
};

export const useLiveSyncState = create<LiveSyncState>()((set) => ({
  connection: 'connecting',
  active: false,
  outdated: false,
  leader: true,
  set: (patch) => set(patch),
  reset: () => set({ connection: 'connecting', active: false, outdated: false, leader: true }),
}));

export type SyncDisplayState = 'online' | 'offline' | 'syncing';

/**
 * What the header shows. A tab that is not the leader never says "Syncing…": nothing syncs in it,
 * so it shows the browser's online state (its connection follows the online/offline events).
 */
export function syncDisplayState(live: Pick<LiveSyncState, 'connection' | 'leader'>, showActive: boolean): SyncDisplayState {
  if (live.connection === 'offline') return 'offline';
  if (!live.leader) return 'online';
  return live.connection === 'connecting' || showActive ? 'syncing' : 'online';
}

export async function addToOutbox(db: AstralDatabase, id: string): Promise<void> {
  await modifyLocal<Outbox>(db, OUTBOX_DOC, { ids: [] }, (o) => (o.ids.includes(id) ? o : { ids: [...o.ids, id] }));
}

export async function removeFromOutbox(db: AstralDatabase, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const drop = new Set(ids);
  await modifyLocal<Outbox>(db, OUTBOX_DOC, { ids: [] }, (o) => ({ ids: o.ids.filter((id) => !drop.has(id)) }));
}

export async function readOutbox(db: AstralDatabase): Promise<string[]> {
  return [...((await readLocal<Outbox>(db, OUTBOX_DOC))?.ids ?? [])];
}

export const watchPendingCount = (db: AstralDatabase) => watchLocal<Outbox>(db, OUTBOX_DOC);

export async function markSynced(db: AstralDatabase, at: Date = new Date()): Promise<void> {
  await modifyLocal<SyncMeta>(db, SYNC_META_DOC, { lastSyncedAt: null }, () => ({ lastSyncedAt: at.toISOString() }));
}

export async function readLastSyncedAt(db: AstralDatabase): Promise<string | null> {
  return (await readLocal<SyncMeta>(db, SYNC_META_DOC))?.lastSyncedAt ?? null;
}

export const watchSyncMeta = (db: AstralDatabase) => watchLocal<SyncMeta>(db, SYNC_META_DOC);

/** The local write time of each outboxed athlete (missing documents count as 0). */
async function outboxRevisions(db: AstralDatabase): Promise<Map<string, string>> {
  const ids = await readOutbox(db);
  const docs = await db.athletes.findByIds(ids).exec();
  return new Map(ids.map((id) => [id, docs.get(id)?.revision ?? 'missing']));
}

/**
 * Waits until the replication is in sync (`awaitInSync` of the athletes replication), then clears
 * every outboxed id whose document is still the state it was before the wait, and records the
 * sync time. Ids edited meanwhile stay for the next round.
 */
export async function reconcileOutbox(db: AstralDatabase, awaitInSync: () => Promise<unknown>): Promise<void> {
  const before = await outboxRevisions(db);
  await awaitInSync();
  if (db.closed) return;
  const after = await outboxRevisions(db);
  // A document gone after the wait (removed by the server, or a refused row the server does not
  // have) has nothing left to send.
  const done = [...before].filter(([id, rev]) => after.get(id) === rev || after.get(id) === 'missing').map(([id]) => id);
  await removeFromOutbox(db, done);
  await markSynced(db);
}
