/**
 * Replication of the collections with the sync server (protocol: shared/sync/protocol.ts).
 *
 * - first pull of a collection never synced here: in bulk (firstPull.ts), then the replication
 *   starts where it ended.
 * - pull: `GET {base}/{collection}/pull?seq=&limit=` by checkpoint; push of every collection the
 *   app edits (pushed.ts; coaches is read-only): pushHandler.ts, in the order pushed.ts sets.
 * - The outbox ("changes not yet sent") is reconciled whenever a pushed collection goes idle.
 * - live: ONE multiplexed SSE stream; `ready` (sent on every connect) -> 'RESYNC' into every
 *   collection's stream$, so anything missed while disconnected is pulled by checkpoint (coming
 *   back online reconnects the stream; only without a stream does it prompt the pulls itself);
 *   `change` -> its documents are written at once (so another coach's edit shows without waiting
 *   for a pull), then a 'RESYNC' into that collection's stream$ (bursts coalesced, one per
 *   collection per RESYNC_COALESCE_MS, resyncPrompts.ts). The event's checkpoint is never taken:
 *   with several server processes on one database an event's checkpoint can pass a row committed
 *   through another process, which would then never be pulled. Its documents go in under a
 *   position no further than the last pull's and before the event's first row, so only a pull moves
 *   the position forward, and the pull that follows every event brings the server's current copy
 *   of those rows again: a copy that arrived late (older than one already written) is replaced.
 * - 401 anywhere -> onUnauthorized (the app signs out); 426 -> onOutdated (banner, sync stops).
 * - Runs in the leader tab only when several tabs share the database.
 */
import { Subject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { ReplicationPushOptions, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import {
  SYNC_COLLECTIONS,
  syncBasePath,
  type Checkpoint,
  type PullResponse,
  type SyncCollection,
  type SyncDocs,
} from '../../shared/sync/protocol';
import type { AstralData } from './database';
import { SCHEMA_FIELDS } from './schemas';
import { openLiveStream, type FetchLike, type LiveStream, type SseEvent } from './sse';
import { PUSHED_COLLECTIONS, isPushed, type PushedCollection } from './pushed';
import { pushHandler, pushOrder } from './pushHandler';
import { coalesceResyncs } from './resyncPrompts';
import { firstPull } from './firstPull';
import { reconcileOutbox, useLiveSyncState } from './syncStatus';

export const PULL_BATCH = 1000; // the server's PULL_MAX_LIMIT: fewer round trips on a first sync
/** How many pulled server copies the push handler can look back on (a row waits for its push only briefly). */
export const RECENTLY_PULLED_MAX = 2000;
/** How long stop() waits for a first pull in progress to stop. */
export const STOP_WAIT_MS = 2000;
export const PUSH_BATCH = 500; // PUSH_MAX_ROWS; also the chunk size of RxDB's scan of local changes after a RESYNC

export type SyncConfig = {
  serverUrl: string;
  token: string;
  orgId: string;
  onUnauthorized(): void;
  onOutdated(): void;
  fetch?: FetchLike;
  /** Open the live stream (default true). */
  live?: boolean;
  retryTimeMs?: number;
  /** Where failed requests are reported (they are retried); the console by default. */
  log?(message: string): void;
};

type Replications = { [C in SyncCollection]: RxReplicationState<SyncDocs[C], Checkpoint> };

export type SyncHandle = {
  replications: Replications;
  /** Resolves when every collection finished its first pull (and pending pushes). */
  firstSync: Promise<void>;
  reSync(): void;
  stop(): Promise<void>;
};

export class SyncHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

/**
 * The name under which RxDB keeps a collection's replication state (what the server last sent for
 * each document: the base of every unsent edit). Frozen at the form of sync protocol 2: it must not
 * change with SYNC_SCHEMA_VERSION, or a build with a new protocol would forget those bases and push
 * every unsent edit of an existing document as a creation, which the server answers as a conflict.
 */
export function replicationIdentifier(collection: SyncCollection, serverUrl: string, orgId: string): string {
  return `astral-${collection}-${serverUrl.replace(/\/+$/, '')}/sync/v2/orgs/${orgId}`;
}

export function trimToSchema<C extends SyncCollection>(collection: C, doc: Record<string, unknown>): WithDeleted<SyncDocs[C]> {
  const out: Record<string, unknown> = { _deleted: Boolean(doc._deleted) };
  for (const key of SCHEMA_FIELDS[collection]) if (key in doc) out[key] = doc[key];
  return out as unknown as WithDeleted<SyncDocs[C]>;
}

export function startSync(data: AstralData, config: SyncConfig): SyncHandle {
  const { db, conflicts } = data;
  const doFetch: FetchLike = config.fetch ?? ((input, init) => fetch(input, init));
  const base = `${config.serverUrl.replace(/\/+$/, '')}${syncBasePath(config.orgId)}`;
  const auth = { authorization: `Bearer ${config.token}` };
  const status = useLiveSyncState.getState();
  const log = config.log ?? ((message: string) => console.warn(message));
  let stopped = false;
  status.reset();

  let reportedUnauthorized = false;
  let reportedOutdated = false;
  const unauthorized = () => {
    if (stopped || reportedUnauthorized) return;
    reportedUnauthorized = true;
    config.onUnauthorized();
  };
  const outdated = () => {
    if (stopped || reportedOutdated) return;
    reportedOutdated = true;
    useLiveSyncState.getState().set({ outdated: true, connection: 'offline' });
    config.onOutdated();
    void handle.stop(); // retrying cannot help until the app is updated
  };

  const failed = async (res: Response): Promise<never> => {
    if (res.status === 401) unauthorized();
    if (res.status === 426) outdated();
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new SyncHttpError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${res.status}`);
  };

  const streams = Object.fromEntries(
    SYNC_COLLECTIONS.map((c) => [c, new Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>()]),
  ) as { [C in SyncCollection]: Subject<RxReplicationPullStreamItem<SyncDocs[C], Checkpoint>> };

  // The last pulled server copies (bounded): the push handler's answer for a row the server
  // already held (pushHandler.ts hasServerStamps).
  const recentlyPulled = new Map<string, Record<string, unknown>>();
  const rememberPulled = (collection: SyncCollection, docs: readonly Record<string, unknown>[]) => {
    for (const d of docs) {
      const key = `${collection}:${String(d.id)}`;
      recentlyPulled.delete(key);
      recentlyPulled.set(key, d);
    }
    for (const key of recentlyPulled.keys()) {
      if (recentlyPulled.size <= RECENTLY_PULLED_MAX) break;
      recentlyPulled.delete(key);
    }
  };

  // The position each collection's last pull reached: the checkpoint a live event's documents are
  // written under (they must not move it; see the header).
  const pulledTo = new Map<SyncCollection, Checkpoint>();

  const order = pushOrder((c) => replications[c]?.awaitInSync() ?? Promise.resolve(true));

  function pushOptions<C extends PushedCollection>(collection: C): ReplicationPushOptions<SyncDocs[C]> {
    return {
      batchSize: PUSH_BATCH,
      handler: pushHandler({
        collection,
        url: `${base}/${collection}/push`,
        headers: auth,
        fetch: doFetch,
        conflicts: conflicts[collection],
        trim: (doc) => trimToSchema(collection, doc),
        awaitCollections: (cs) => order(collection, cs),
        failed,
        pulled: (id) => recentlyPulled.get(`${collection}:${id}`) as WithDeleted<SyncDocs[C]> | undefined,
        current: async (ids) => {
          const found = await db[collection].findByIds([...ids]).exec();
          return new Map([...found].map(([id, doc]) => [id, trimToSchema(collection, doc.toJSON(true) as Record<string, unknown>)]));
        },
      }),
    };
  }

  /** One page of a collection's changes after `seq` on the server. */
  const pullPage = async <C extends SyncCollection>(collection: C, seq: number, limit: number): Promise<PullResponse<SyncDocs[C]>> => {
    const res = await doFetch(`${base}/${collection}/pull?seq=${seq}&limit=${limit}`, { headers: auth, cache: 'no-store' });
    if (!res.ok) return failed(res);
    return (await res.json()) as PullResponse<SyncDocs[C]>;
  };

  function replicate<C extends SyncCollection>(collection: C): RxReplicationState<SyncDocs[C], Checkpoint> {
    return replicateRxCollection<SyncDocs[C], Checkpoint>({
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB types collections per name; the union is safe here
      collection: db[collection] as any,
      replicationIdentifier: replicationIdentifier(collection, config.serverUrl, config.orgId),
      live: true,
      retryTime: config.retryTimeMs ?? 5000,
      waitForLeadership: true,
      autoStart: false, // started in the leader tab after its bulk first pull (begin)
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: PULL_BATCH,
        stream$: streams[collection].asObservable(),
        modifier: (doc: Record<string, unknown>) => trimToSchema(collection, doc),
        handler: async (checkpoint, batchSize) => {
          const seq = checkpoint?.seq ?? 0;
          const body = await pullPage(collection, seq, batchSize);
          if (isPushed(collection)) rememberPulled(collection, body.documents.map((d) => trimToSchema(collection, d as Record<string, unknown>) as unknown as Record<string, unknown>));
          const reached = body.checkpoint ?? checkpoint ?? { seq };
          pulledTo.set(collection, reached);
          return { documents: body.documents, checkpoint: reached };
        },
      },
      // The conditional type of a generic collection name cannot be narrowed by isPushed.
      push: isPushed(collection) ? (pushOptions(collection) as unknown as ReplicationPushOptions<SyncDocs[C]>) : undefined,
    });
  }

  // Every collection the database has (all of them in the app; tests may open a subset).
  const present = SYNC_COLLECTIONS.filter((c) => Object.hasOwn(db.collections, c));
  const replications = Object.fromEntries(present.map((c) => [c, replicate(c)])) as Replications;
  const all = Object.values(replications) as RxReplicationState<unknown, Checkpoint>[];

  const pushed = PUSHED_COLLECTIONS.filter((c) => present.includes(c)).map((c) => replications[c] as RxReplicationState<unknown, Checkpoint>);
  // Outbox bookkeeping: whenever a pushed collection's replication goes idle, see what got acknowledged.
  let reconciling = false;
  let reconcileAgain = false;
  const reconcile = async () => {
    if (reconciling) {
      reconcileAgain = true;
      return;
    }
    reconciling = true;
    try {
      do {
        reconcileAgain = false;
        await reconcileOutbox(db, () => Promise.all(pushed.map((r) => r.awaitInSync())));
      } while (reconcileAgain && !stopped);
    } catch (err) {
      if (!stopped) log(`[sync] outbox bookkeeping failed: ${String(err)}`);
    } finally {
      reconciling = false;
    }
  };

  const activity = new Map<RxReplicationState<unknown, Checkpoint>, boolean>();
  let firstPulls = 0; // collections still in their bulk first pull
  const showActivity = () => useLiveSyncState.getState().set({ active: firstPulls > 0 || [...activity.values()].some(Boolean) });
  const subs = all.flatMap((rep) => [
    rep.active$.subscribe((active) => {
      activity.set(rep, active);
      showActivity();
      if (!active && pushed.includes(rep)) void reconcile();
    }),
    rep.error$.subscribe((err) => {
      if (!stopped) log(`[sync] ${describeError(err)}`);
    }),
  ]);

  const onEvent = (event: SseEvent) => {
    if (event.event === 'ready') {
      useLiveSyncState.getState().set({ connection: 'online' });
      for (const c of present) streams[c].next('RESYNC');
      void reconcile();
      return;
    }
    if (event.event !== 'change') return;
    let change: { collection?: unknown; documents?: unknown; first_seq?: unknown };
    try {
      change = JSON.parse(event.data) as typeof change;
    } catch {
      return;
    }
    const collection = change.collection as SyncCollection;
    if (!present.includes(collection)) return;
    // RxDB lets a RESYNC overtake documents on their way in (their pull modifier is awaited), so the
    // pull is prompted a turn later: after them, not before them.
    if (writeLive(collection, change.documents, change.first_seq)) setTimeout(() => prompts.request(collection), 0);
    else prompts.request(collection);
  };

  /**
   * A live event's documents, written at once. The position they are written under never passes
   * the last pull's, and it is moved back to just before the event's first row (`first_seq`): the
   * pull that follows then brings the server's current copy of each of its rows again, which
   * replaces a copy that came late (another server process's event for an earlier commit). Before
   * the first pull, or when the event lacks `first_seq` or is not what the server sends, the pull
   * alone does the work.
   */
  const writeLive = (collection: SyncCollection, documents: unknown, firstSeq: unknown): boolean => {
    const at = pulledTo.get(collection);
    if (!at || !Array.isArray(documents) || documents.length === 0 || typeof firstSeq !== 'number' || !Number.isInteger(firstSeq)) return false;
    const docs = documents.filter((d): d is Record<string, unknown> => d !== null && typeof d === 'object' && typeof (d as { id?: unknown }).id === 'string');
    if (docs.length !== documents.length) return false;
    if (isPushed(collection)) rememberPulled(collection, docs.map((d) => trimToSchema(collection, d) as unknown as Record<string, unknown>));
    const under: Checkpoint = { seq: Math.max(0, Math.min(at.seq, firstSeq - 1)) };
    (streams[collection] as Subject<RxReplicationPullStreamItem<unknown, Checkpoint>>).next({ documents: docs as WithDeleted<unknown>[], checkpoint: under });
    return true;
  };

  // A burst of change events becomes one pull per collection.
  const prompts = coalesceResyncs((c) => {
    if (!stopped) streams[c].next('RESYNC');
  });

  let stream: LiveStream | null = null;
  // Until this tab leads, it shows the browser's online state, not a sync that never starts here.
  let leader = !db.multiInstance || db.isLeader();
  const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;
  if (!leader) useLiveSyncState.getState().set({ leader: false, connection: browserOffline() ? 'offline' : 'online' });
  const leadership = leader ? Promise.resolve(true) : db.waitForLeadership();
  /**
   * A collection never synced here gets its first pull in bulk (firstPull.ts), then its replication
   * starts from where that pull ended. A first pull that fails part way is said on the log; the
   * replication carries on from its last page (and retries as it does any pull).
   */
  const begin = async (c: SyncCollection) => {
    firstPulls++;
    showActivity();
    try {
      const result = await firstPull({
        collection: db[c],
        replicationIdentifier: replicationIdentifier(c, config.serverUrl, config.orgId),
        pushed: isPushed(c),
        batchSize: PULL_BATCH,
        pull: (seq, limit) => pullPage(c, seq, limit),
        modifier: (doc) => trimToSchema(c, doc) as unknown as WithDeleted<Record<string, unknown>>,
        stopped: () => stopped,
      });
      if (result.ran && result.error && !stopped) log(`[sync] ${c}: first pull stopped after ${result.documents} documents (the sync carries on): ${String(result.error)}`);
    } catch (err) {
      if (!stopped) log(`[sync] ${c}: first pull not run (the sync pulls instead): ${String(err)}`);
    } finally {
      firstPulls--;
      showActivity();
    }
    // Errors of start() are emitted on error$ (logged above).
    if (!stopped) await replications[c].start().catch(() => undefined);
  };
  const beginnings: Promise<void>[] = [];

  void leadership.then(() => {
    if (stopped) return;
    if (!leader) {
      leader = true;
      useLiveSyncState.getState().set({ leader: true, connection: browserOffline() ? 'offline' : 'connecting' });
    }
    for (const c of present) beginnings.push(begin(c));
    if (config.live === false) return;
    stream = openLiveStream({
      url: `${base}/stream`,
      headers: auth,
      fetch: doFetch,
      onEvent,
      onDisconnect: () => useLiveSyncState.getState().set({ connection: 'offline' }),
      onHttpError: (code) => {
        useLiveSyncState.getState().set({ connection: 'offline' });
        if (code === 401) unauthorized();
        if (code === 426) outdated();
        return code === 401 || code === 426;
      },
    });
  });

  const reSync = () => {
    for (const rep of all) rep.reSync();
  };
  const onOnline = () => {
    if (!leader) useLiveSyncState.getState().set({ connection: 'online' });
    // The live stream's `ready` on reconnecting prompts every collection's pull; a second prompt
    // here would make RxDB scan again, for pushing, every document that pull has just written.
    if (stream) stream.reconnectNow();
    else reSync();
  };
  const onOffline = () => {
    useLiveSyncState.getState().set({ connection: 'offline' });
    stream?.reconnectNow(); // drop a connection the browser may keep half-open
  };
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  if (hasWindow) {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    if (navigator.onLine === false) useLiveSyncState.getState().set({ connection: 'offline' });
  }

  const handle: SyncHandle = {
    replications,
    firstSync: Promise.all(all.map((r) => r.awaitInitialReplication())).then(() => undefined),
    reSync,
    async stop() {
      if (stopped) return;
      stopped = true;
      stream?.stop();
      prompts.cancel();
      if (hasWindow) {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      }
      // A first pull stops at its next step. It is waited for only briefly: a request the server
      // never answers must not hold up signing out (a write it tries after the database closed fails
      // and is not reported).
      let bound: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([Promise.all(beginnings), new Promise((resolve) => (bound = setTimeout(resolve, STOP_WAIT_MS)))]);
      clearTimeout(bound);
      subs.forEach((s) => s.unsubscribe());
      await Promise.all(all.map((r) => r.cancel()));
      useLiveSyncState.getState().set({ active: false });
    },
  };
  return handle;
}

/** One line for the console: RxDB wraps handler errors, the interesting part is inside. */
function describeError(err: { message: string; code?: string; parameters?: { errors?: { message?: string }[]; direction?: string } }): string {
  const inner = err.parameters?.errors?.map((e) => e.message).filter(Boolean).join('; ');
  const direction = err.parameters?.direction;
  return inner ? `${direction ?? err.code ?? 'sync'} failed: ${inner}` : err.message;
}
