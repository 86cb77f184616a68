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
import { sameJson } from '../../shared/sync/canonical';
import { SERVER_FIELDS, sameDocumentState, type PushResponse, type SyncDocs } from '../../shared/sync/protocol';
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
  /** The server state of a document as last pulled, if it was pulled lately (replication.ts). */
  pulled?(id: string): WithDeleted<SyncDocs[C]> | undefined;
  /** The local documents now (trimmed; a removed one is absent). */
  current?(ids: readonly string[]): Promise<Map<string, WithDeleted<SyncDocs[C]>>>;
};

const idOf = (doc: unknown) => (doc as { id: string }).id;

/**
 * An accepted row whose server copy was already pulled while the row waited to be sent (a push
 * answered after a server crash, retried once the server was back): RxDB skipped that master
 * because a local write was pending, and the server stores nothing new for a row equal to what it
 * has, so it would never come down again and this laptop would keep its own created_at and
 * updated_at. Answering it as a conflict with that master makes the conflict handler (a merge
 * with nothing to merge) store the server's copy. Found by the chaos test (tests/chaos).
 *
 * Only while the local document is still what was pushed (`current`): when the coach edited it
 * again meanwhile (an undo right after a bulk assign, while the live event of the assign came
 * before its answer), RxDB cannot store the resolved copy over that edit, leaves the document
 * without a push base, and the edit's push comes back as a conflict the server wins: the undo was
 * lost. Such a row is taken as accepted; the edit is pushed against it, and its pull brings the
 * server's stamps.
 */
function hasServerStamps(master: Record<string, unknown>, local: Record<string, unknown>): boolean {
  return sameDocumentState(master, local) && SERVER_FIELDS.some((f) => !sameJson(master[f], local[f]));
}

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

/** How many accepted states the push handler remembers as push bases (a row needs one only briefly). */
export const ACCEPTED_MAX = 2000;

export function pushHandler<C extends PushedCollection>(deps: PushDeps<C>) {
  type Row = RxReplicationWriteToMasterRow<SyncDocs[C]>;
  /**
   * The state the server last accepted from this handler, per document (bounded). RxDB keeps that
   * state as the base of the next push, except where it could not store the copy resolving a
   * conflict because the coach had edited the document again meanwhile (rxdb upstream: a 409 on
   * that write skips the base): the next push then has no base, which the server can only answer
   * as a conflict, and the coach's edit would lose to the server's copy of their own earlier edit.
   * Such a row is sent with the accepted state as its base.
   */
  const accepted = new Map<string, WithDeleted<SyncDocs[C]>>();
  const remember = (id: string, state: WithDeleted<SyncDocs[C]>) => {
    accepted.delete(id);
    accepted.set(id, state);
    for (const key of accepted.keys()) {
      if (accepted.size <= ACCEPTED_MAX) break;
      accepted.delete(key);
    }
  };
  const send = async (given: Row[]): Promise<WithDeleted<SyncDocs[C]>[]> => {
    if (given.length === 0) return [];
    const rows = given.map((r) => {
      const base = r.assumedMasterState ? undefined : accepted.get(idOf(r.newDocumentState));
      return base ? { ...r, assumedMasterState: base } : r;
    });
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
    const rejectedIds = new Set(rejections.map((r) => r.id));
    for (const r of rows) {
      const id = idOf(r.newDocumentState);
      if (!conflictIds.has(id) && !rejectedIds.has(id)) remember(id, r.newDocumentState);
    }
    deps.conflicts.noteRejections(
      rows.map((r) => idOf(r.newDocumentState)),
      rejections,
    );
    const pushed = new Map(rows.map((r) => [idOf(r.newDocumentState), r.newDocumentState]));
    const refusedIds = new Set(rejections.map((r) => r.id));
    const stamped = [...pushed].filter(([id, local]) => {
      const master = conflictIds.has(id) || refusedIds.has(id) ? undefined : deps.pulled?.(id);
      return master !== undefined && hasServerStamps(master, local);
    });
    const now = stamped.length > 0 && deps.current ? await deps.current(stamped.map(([id]) => id)) : null;
    for (const [id, local] of stamped) {
      const master = deps.pulled?.(id);
      if (!master || (now && !sameJson(now.get(id), deps.trim(local as Record<string, unknown>)))) continue;
      conflictIds.add(id);
      conflictDocs.push(master);
    }
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
