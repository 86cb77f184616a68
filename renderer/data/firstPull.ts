/**
 * A collection's first pull, written in bulk (issue 7: the first sync of a large organization).
 *
 * RxDB's replication handles every pulled page in steps (read the local copies and the assumed
 * server copies, write the documents, write their server copies, move the checkpoint) and compares
 * each document with what is local. A collection this laptop has never synced has nothing local to
 * compare with, so this writes what the replication would have written, page by page, with the next
 * page already on its way while the current one is written:
 * - the documents into the collection, under RxDB's own write context for pulled documents
 *   (`replication-downstream-…`: not validated again, validatedStorage.ts);
 * - for a pushed collection, each document's server copy into the replication's meta instance: the
 *   base an edit is pushed against (RxDB's getMetaWriteRow; a pull-only collection keeps none, as
 *   RxDB's skipStoringPullMeta);
 * - after each page, both checkpoints: down = the server's position, up = the local position of the
 *   page's last document. The replication, started afterwards, neither pulls these documents again
 *   nor scans them for pushing.
 * A local write that lands in the collection meanwhile (a coach edits while the first sync runs)
 * holds the up checkpoint before it, so the replication pushes it.
 * It runs only while the replication has no checkpoint and the collection holds no document. A
 * failed request or a refused write stops it; the replication carries on from the last checkpoint
 * written (documents of an unfinished page are compared and kept, as on any pull).
 *
 * Coupled to RxDB 17's replication bookkeeping (replication/index.ts names the meta instance,
 * replication-protocol/meta-instance.ts and checkpoint.ts shape its documents); firstPull.test.ts
 * holds it to the replication's own behaviour: nothing pulled or pushed again, edits pushed against
 * the right base.
 */
import {
  createRevision,
  getCheckpointKey,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  now,
  type BulkWriteRow,
  type DexieStorageInternals,
  type RxCollection,
  type RxStorageBulkWriteResponse,
  type RxStorageInstance,
  type RxStorageInstanceReplicationInput,
  type WithDeleted,
} from 'rxdb';
import { fromStorageToDexie } from 'rxdb/plugins/storage-dexie';
import type { Checkpoint } from '../../shared/sync/protocol';

export type PulledPage = { documents: readonly Record<string, unknown>[]; checkpoint: Checkpoint | null };

export type FirstPullOptions = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any collection of the database
  collection: RxCollection<any>;
  /** The replication's identifier (replication.ts replicationIdentifier). */
  replicationIdentifier: string;
  /** Whether the collection is pushed: its documents' server copies are kept as push bases. */
  pushed: boolean;
  batchSize: number;
  /** One page of the server's changes after `seq` (at most batchSize). */
  pull(seq: number, batchSize: number): Promise<PulledPage>;
  /** The pulled document as stored (the replication's pull modifier). */
  modifier(doc: Record<string, unknown>): WithDeleted<Record<string, unknown>>;
  /** Sync was stopped: write nothing more. */
  stopped(): boolean;
};

/** What a first pull wrote, or why it did not run. */
export type FirstPullResult = { ran: true; documents: number; error: unknown } | { ran: false; reason: 'synced-before' | 'not-empty' };

type Doc = Record<string, unknown>;
type LocalCheckpoint = { id: string; lwt: number };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB's storage instances are generic in their settings
type AnyInstance = RxStorageInstance<any, any, any>;

/** The names RxDB's replication gives its bookkeeping (rxdb/src/plugins/replication/index.ts). */
async function replicationNames(collection: FirstPullOptions['collection'], replicationIdentifier: string) {
  const db = collection.database;
  const identifier = `rxdbreplication${replicationIdentifier}`;
  const metaCollection = `rx-replication-meta-${await db.hashFunction([collection.name, replicationIdentifier].join('-'))}`;
  const checkpointKey = await getCheckpointKey({ identifier, forkInstance: collection.storageInstance, hashFunction: db.hashFunction } as unknown as RxStorageInstanceReplicationInput<unknown>);
  return { metaCollection, checkpointKey, downstreamContext: `replication-downstream-${checkpointKey}` };
}

/**
 * The server copies of a page, into the meta instance. RxDB's Dexie storage reads every key of a
 * bulkWrite before writing it, to find conflicts; these rows cannot conflict with anything (the
 * replication has not started, so nothing else writes this instance, and a copy already there from
 * an interrupted first sync is the server's state too), so on Dexie they are put straight into its
 * table, in the storage's own stored form (fromStorageToDexie). That is a fifth of a first sync
 * (tests/bench first-sync: 83 s against 66-68 s). Another storage (memory, in unit tests) gets the
 * ordinary bulkWrite.
 */
async function writeServerCopies(meta: AnyInstance, rows: BulkWriteRow<Doc>[]): Promise<RxStorageBulkWriteResponse<Doc>> {
  const internals = (await (meta as { internals?: unknown }).internals) as Partial<Awaited<DexieStorageInternals>> | undefined;
  if (!internals?.dexieTable || !internals.booleanIndexes) return meta.bulkWrite(rows, 'replication-down-write-meta');
  const { dexieTable, booleanIndexes } = internals;
  await dexieTable.bulkPut(rows.map((r) => fromStorageToDexie(booleanIndexes, r.document)));
  return { error: [] };
}

export async function firstPull(options: FirstPullOptions): Promise<FirstPullResult> {
  const { collection } = options;
  const db = collection.database;
  const fork = collection.storageInstance as unknown as AnyInstance;
  const primary = collection.schema.primaryPath as string;
  const names = await replicationNames(collection, options.replicationIdentifier);
  const schema = getRxReplicationMetaInstanceSchema(collection.schema.jsonSchema, false);
  const meta: AnyInstance = await db.storage.createStorageInstance({
    databaseName: db.name,
    collectionName: names.metaCollection,
    databaseInstanceToken: db.token,
    // No other tab reads the replication's bookkeeping (only the leader replicates), so these
    // writes are not broadcast to other tabs (a copy of every document, for nobody).
    multiInstance: false,
    options: {},
    schema,
    password: db.password,
    devMode: false,
  });
  const metaId = (itemId: string, isCheckpoint: '0' | '1') => getComposedPrimaryKeyOfDocumentData(schema, { itemId, isCheckpoint });
  const checkpoints: { down?: Doc; up?: Doc } = {};
  try {
    if ((await meta.findDocumentsById([metaId('down', '1'), metaId('up', '1')], true)).length > 0) return { ran: false, reason: 'synced-before' };
    if ((await getChangedDocumentsSince(fork, 1)).documents.length > 0) return { ran: false, reason: 'not-empty' };

    // Where the pulled pages end locally, and where the first local write meanwhile begins.
    let upTo: LocalCheckpoint | null = null;
    let localFrom: LocalCheckpoint | null = null;
    const watch = fork.changeStream().subscribe((bulk: { context: string; checkpoint: LocalCheckpoint; events: { documentData: Doc }[] }) => {
      if (bulk.context === names.downstreamContext) {
        upTo = bulk.checkpoint;
        return;
      }
      for (const e of bulk.events) {
        const lwt = (e.documentData._meta as { lwt: number }).lwt;
        if (!localFrom || lwt < localFrom.lwt) localFrom = { id: '', lwt };
      }
    });

    /** Both checkpoints in one write (the replication's setCheckpoint shape). */
    const writeCheckpoints = async (positions: { down: unknown; up: unknown }) => {
      const rows = (['down', 'up'] as const)
        .filter((direction) => positions[direction] !== null)
        .map((direction) => {
          const previous = checkpoints[direction];
          const document = {
            id: metaId(direction, '1'),
            isCheckpoint: '1',
            itemId: direction,
            checkpointData: positions[direction],
            _deleted: false,
            _attachments: {},
            _meta: { lwt: now() },
            _rev: createRevision(names.checkpointKey, previous as Parameters<typeof createRevision>[1]),
          };
          return { direction, row: { previous, document } };
        });
      const result = await meta.bulkWrite(rows.map((r) => r.row), 'replication-set-checkpoint');
      if (result.error.length > 0) throw new Error(`checkpoints not written (${result.error[0]?.status})`);
      for (const r of rows) checkpoints[r.direction] = r.row.document;
    };

    let documents = 0;
    let next: Promise<PulledPage> | null = options.pull(0, options.batchSize);
    try {
      while (next && !options.stopped()) {
        const page: PulledPage = await next;
        const reached = page.checkpoint;
        // The next page travels while this one is written.
        next = page.documents.length === options.batchSize && reached ? options.pull(reached.seq, options.batchSize) : null;
        next?.catch(() => undefined); // awaited on the next turn; a failure before must not leave it unhandled
        if (page.documents.length === 0 || !reached || options.stopped()) break;
        const docs = page.documents.map((d) => options.modifier(d)).sort((a, b) => (String(a[primary]) < String(b[primary]) ? -1 : 1));
        // RxDB's wrapper stamps _meta and _rev of a new document; these are placeholders of the same shape.
        const forkRows: BulkWriteRow<Doc>[] = docs.map((d) => ({ document: { ...d, _meta: { lwt: 0 }, _rev: '', _attachments: {} } }));
        const metaRows: BulkWriteRow<Doc>[] = options.pushed
          ? docs.map((d) => ({
              document: {
                id: metaId(String(d[primary]), '0'),
                isCheckpoint: '0',
                itemId: String(d[primary]),
                docData: d,
                _deleted: false,
                _attachments: {},
                _meta: { lwt: now() },
                _rev: createRevision(names.checkpointKey),
              },
            }))
          : [];
        const [forkResult, metaResult] = await Promise.all([
          fork.bulkWrite(forkRows, names.downstreamContext),
          metaRows.length > 0 ? writeServerCopies(meta, metaRows) : Promise.resolve({ error: [] }),
        ]);
        const refused = [...forkResult.error, ...metaResult.error];
        if (refused.length > 0) throw new Error(`${refused.length} of ${docs.length} pulled documents not written (${refused[0]?.status})`);
        // The documents and their server copies are in: only now do the positions move past them.
        await writeCheckpoints({ down: reached, up: localFrom ?? upTo });
        documents += docs.length;
      }
      return { ran: true, documents, error: null };
    } catch (error) {
      return { ran: true, documents, error };
    } finally {
      watch.unsubscribe();
    }
  } finally {
    await meta.close();
  }
}
