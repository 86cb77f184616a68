/**
 * The push side of the replication of one pushed collection: `POST {base}/{collection}/push
 * {rows}` -> {conflicts, rejections}. Rejections are handed to the collection's conflict handler
 * before RxDB resolves the returned master states. A refused row the server returned no copy of
 * does not exist there: a deleted copy is answered as its master, so it is removed locally.
 *
 * Order: rows may name documents created offline in another collection (an athlete's new group,
 * an assignment's new plan). Before sending, the collections in PUSH_AFTER are brought in sync,
 * so the server has them first; the wait is bounded, a stuck dependency never blocks a push.
 */
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import type { PushResponse, SyncDocs } from '../../shared/sync/protocol';
import type { CollectionConflicts } from './conflicts';
import type { PushedCollection } from './pushed';
import type { FetchLike } from './sse';

export const PUSH_ORDER_WAIT_MS = 10_000;

export type PushDeps<C extends PushedCollection> = {
  collection: C;
  url: string;
  headers: Record<string, string>;
  fetch: FetchLike;
  conflicts: CollectionConflicts<SyncDocs[C]>;
  trim(doc: Record<string, unknown>): WithDeleted<SyncDocs[C]>;
  /** Resolves when the collections this one refers to are in sync. */
  awaitDependencies(): Promise<unknown>;
  failed(res: Response): Promise<never>;
};

const idOf = (doc: unknown) => (doc as { id: string }).id;

export function pushHandler<C extends PushedCollection>(deps: PushDeps<C>) {
  return async (rows: RxReplicationWriteToMasterRow<SyncDocs[C]>[]): Promise<WithDeleted<SyncDocs[C]>[]> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      deps.awaitDependencies().catch(() => undefined),
      new Promise((resolve) => {
        timer = setTimeout(resolve, PUSH_ORDER_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
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
}
