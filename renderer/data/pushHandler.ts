/**
 * The push side of the replication of one pushed collection: `POST {base}/{collection}/push
 * {rows}` -> {conflicts, rejections}. Rejections are handed to the collection's conflict handler
 * before RxDB resolves the returned master states. A refused row the server returned no copy of
 * does not exist there: a deleted copy is answered as its master, so it is removed locally.
 *
 * Order (pushed.ts): before sending, the collections pushAfter names for the batch are brought in
 * sync; deletes of a collection with DELETE_AFTER go in a second request once those are in sync
 * (a plan is deleted after its assignments' removals reached the server). Every wait is bounded,
 * and a collection never waits for one that is itself waiting, so none can wait for each other.
 */
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import type { PushResponse, SyncDocs } from '../../shared/sync/protocol';
import type { CollectionConflicts } from './conflicts';
import { DELETE_AFTER, isRemoval, pushAfter, type PushedCollection } from './pushed';
import type { FetchLike } from './sse';

export const PUSH_ORDER_WAIT_MS = 10_000;

export type PushDeps<C extends PushedCollection> = {
  collection: C;
  url: string;
  headers: Record<string, string>;
  fetch: FetchLike;
  conflicts: CollectionConflicts<SyncDocs[C]>;
  trim(doc: Record<string, unknown>): WithDeleted<SyncDocs[C]>;
  /** Resolves when these collections are in sync (see pushOrder). */
  awaitCollections(collections: readonly PushedCollection[]): Promise<unknown>;
  failed(res: Response): Promise<never>;
};

const idOf = (doc: unknown) => (doc as { id: string }).id;

/**
 * The waits of all pushed collections of one sync: `awaitCollections(self, deps)` waits for the
 * deps that are not themselves waiting (one that waits may be waiting for `self`).
 */
export function pushOrder(awaitInSync: (c: PushedCollection) => Promise<unknown>) {
  const waiting = new Set<PushedCollection>();
  return async (self: PushedCollection, collections: readonly PushedCollection[]): Promise<void> => {
    const deps = collections.filter((c) => c !== self && !waiting.has(c));
    if (deps.length === 0) return;
    waiting.add(self);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        Promise.all(deps.map((c) => awaitInSync(c))).catch(() => undefined),
        new Promise((resolve) => {
          timer = setTimeout(resolve, PUSH_ORDER_WAIT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      waiting.delete(self);
    }
  };
}

export function pushHandler<C extends PushedCollection>(deps: PushDeps<C>) {
  type Row = RxReplicationWriteToMasterRow<SyncDocs[C]>;
  const send = async (rows: Row[]): Promise<WithDeleted<SyncDocs[C]>[]> => {
    if (rows.length === 0) return [];
    const res = await deps.fetch(deps.url, {
      method: 'POST',
      headers: { ...deps.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
    });
    if (!res.ok) return deps.failed(res);
    const body = (await res.json()) as PushResponse<SyncDocs[C]>;
    const conflictDocs = (body.conflicts ?? []).map((d) => deps.trim(d as Record<string, unknown>));
    const conflictIds = new Set(conflictDocs.map(idOf));
    const rejections = body.rejections ?? [];
    deps.conflicts.noteRejections(
      rows.map((r) => idOf(r.newDocumentState)),
      rejections,
    );
    const pushed = new Map(rows.map((r) => [idOf(r.newDocumentState), r.newDocumentState]));
    for (const r of rejections) {
      const local = pushed.get(r.id);
      if (!local || conflictIds.has(r.id)) continue;
      conflictIds.add(r.id);
      conflictDocs.push({ ...deps.trim(local as Record<string, unknown>), _deleted: true });
    }
    return conflictDocs;
  };
  return async (rows: Row[]): Promise<WithDeleted<SyncDocs[C]>[]> => {
    const deleteAfter = DELETE_AFTER[deps.collection];
    const later = deleteAfter.length > 0 ? rows.filter(isRemoval) : [];
    const now = later.length > 0 ? rows.filter((r) => !isRemoval(r)) : rows;
    await deps.awaitCollections(pushAfter(deps.collection, now));
    const first = await send(now);
    if (later.length === 0) return first;
    await deps.awaitCollections(deleteAfter);
    return [...first, ...(await send(later))];
  };
}
