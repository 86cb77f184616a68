/**
 * What the coach sees about sync: online/offline/syncing, how many local changes the server has
 * not acknowledged yet, and when the app last was fully in sync.
 *
 * - Connection and activity are live UI state (a zustand store written by replication.ts).
 * - The outbox (documents edited locally and not yet acknowledged, of every pushed collection) and
 *   the last sync time are RxDB local documents, so they survive a restart next to the data. Every
 *   write adds its documents before writing; `reconcileOutbox` removes entries whose document did
 *   not change while the replication reached "in sync" (pushed and acknowledged, resolved after a
 *   conflict, or edited back to the server's state so nothing had to be sent).
 * - Outbox entries are `collection:id`; a bare id (written by an older version, which only pushed
 *   athletes) is an athlete.
 */
import { create } from 'zustand';
import type { AstralDatabase } from './database';
import { modifyLocal, readLocal, watchLocal } from './localDocs';
import { PUSHED_COLLECTIONS, type PushedCollection } from './pushed';

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

export const outboxKey = (collection: PushedCollection, id: string): string => `${collection}:${id}`;

export function parseOutboxKey(key: string): { collection: PushedCollection; id: string } {
  const at = key.indexOf(':');
  const collection = key.slice(0, at) as PushedCollection;
  return at > 0 && PUSHED_COLLECTIONS.includes(collection) ? { collection, id: key.slice(at + 1) } : { collection: 'athletes', id: key };
}

export async function addToOutbox(db: AstralDatabase, collection: PushedCollection, ids: readonly string[]): Promise<void> {
  const keys = ids.map((id) => outboxKey(collection, id));
  if (keys.length === 0) return;
  await modifyLocal<Outbox>(db, OUTBOX_DOC, { ids: [] }, (o) => {
    const known = new Set(o.ids);
    const added = keys.filter((k) => !known.has(k) && known.add(k));
    return added.length === 0 ? o : { ids: [...o.ids, ...added] };
  });
}

/** Removes outbox entries (keys as readOutbox returns them). */
export async function removeFromOutbox(db: AstralDatabase, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const drop = new Set(keys);
  await modifyLocal<Outbox>(db, OUTBOX_DOC, { ids: [] }, (o) => ({ ids: o.ids.filter((k) => !drop.has(k)) }));
}

/** The outbox entries, `collection:id` (bare ids are athletes of an older version's outbox). */
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

/** The local revision of each outboxed document ('missing' when it is gone). */
async function outboxRevisions(db: AstralDatabase): Promise<Map<string, string>> {
  const keys = await readOutbox(db);
  const byCollection = new Map<PushedCollection, string[]>();
  for (const key of keys) {
    const { collection, id } = parseOutboxKey(key);
    byCollection.set(collection, [...(byCollection.get(collection) ?? []), id]);
  }
  const out = new Map<string, string>();
  for (const [collection, ids] of byCollection) {
    const docs: Map<string, { revision: string }> = await db[collection].findByIds(ids).exec();
    for (const key of keys) {
      const parsed = parseOutboxKey(key);
      if (parsed.collection === collection) out.set(key, docs.get(parsed.id)?.revision ?? 'missing');
    }
  }
  return out;
}

/**
 * Waits until the replication is in sync (`awaitInSync` of every pushed collection), then clears
 * every outbox entry whose document is still the state it was before the wait, and records the
 * sync time. Entries edited meanwhile stay for the next round.
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
