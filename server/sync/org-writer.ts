/**
 * The writer handed to `DocumentStore.write` (store.ts): reads and writes of replicated documents
 * inside one organization's write transaction, handing out the organization's next seq per write.
 */
import type { Db } from '../db/db';
import type { SyncCollection } from '../../shared/sync/protocol';
import { findDocs, findMembership, isDocId, readDoc, readDocs, type DocData, type LookupField, type Membership, type StoredDoc } from './doc-queries';

/** The key of one document in a writer's cache and pending writes. */
const docKey = (collection: string, id: string) => `${collection}\u0000${id}`;

/** Rows per multi-row INSERT: well under PostgreSQL's parameter and message limits. */
const INSERT_CHUNK = 500;

/**
 * Upserts documents with one multi-row statement per chunk (unnest of parallel arrays). The rows
 * of one call must have distinct (collection, id): ON CONFLICT cannot touch a row twice.
 */
async function upsertDocs(tx: Db, orgId: string, docs: readonly StoredDoc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    const chunk = docs.slice(i, i + INSERT_CHUNK);
    await tx.query(
      `INSERT INTO documents (org_id, collection, id, data, seq, deleted)
       SELECT $1, u.collection, u.id, u.data, u.seq, u.deleted
         FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::bigint[], $6::boolean[]) AS u(collection, id, data, seq, deleted)
       ON CONFLICT (org_id, collection, id) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq, deleted = EXCLUDED.deleted`,
      [orgId, chunk.map((d) => d.collection), chunk.map((d) => d.id), chunk.map((d) => JSON.stringify(d.data)), chunk.map((d) => d.seq), chunk.map((d) => d.deleted)],
    );
  }
}

/**
 * What a write transaction can do; handed to the function given to `DocumentStore.write`.
 *
 * Speed of a 500-row push (issue 7: pushes/s with conflicts checked): `put` does not run an
 * INSERT per document. Written documents wait in `pending` and go to the database in one
 * multi-row upsert just before the next statement of the transaction (every query through `tx`,
 * reads included, flushes first, so whatever the write reads afterwards sees them) and at commit.
 * `prefetch` reads the stored state of many documents in one SELECT; `read` answers from those
 * (and from documents put since) without a round trip. Without this a push cost two round trips
 * per row (read, insert): ~1,000 statements for one batch of the app.
 */
export class OrgWriter {
  readonly written: StoredDoc[] = [];
  /** Work to do once the write committed (e.g. send an email); never run when it rolls back. */
  readonly committed: (() => Promise<void> | void)[] = [];
  /** The transaction; any statement through it first stores the pending documents. */
  readonly tx: Db;
  private readonly pending = new Map<string, StoredDoc>();
  /** Known current state of documents (null: known not to exist), from prefetch and put. */
  private readonly known = new Map<string, StoredDoc | null>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly rawTx: Db,
    readonly orgId: string,
    private seq: number,
  ) {
    const flushFirst = async <T>(run: () => Promise<T>): Promise<T> => {
      await this.flush();
      return run();
    };
    this.tx = {
      kind: rawTx.kind,
      query: (sql, params) => flushFirst(() => rawTx.query(sql, params)),
      exec: (sql) => flushFirst(() => rawTx.exec(sql)),
      transaction: (fn) => flushFirst(() => fn(this.tx)),
      close: () => rawTx.close(),
    };
  }

  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Stores the documents put since the last statement (one upsert per 500). Flushes are chained,
   * so a statement issued while one is under way still waits for all of it; a failed flush fails
   * every later statement (the write rolls back).
   */
  flush(): Promise<void> {
    if (this.pending.size > 0) {
      const docs = [...this.pending.values()];
      this.pending.clear();
      this.flushing = this.flushing.then(() => upsertDocs(this.rawTx, this.orgId, docs));
    }
    return this.flushing;
  }

  /** Reads the stored state of many documents at once; later `read`s of them need no query. */
  async prefetch(collection: SyncCollection, ids: readonly string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => isDocId(id) && !this.known.has(docKey(collection, id)));
    if (wanted.length === 0) return;
    const found = await readDocs(this.tx, this.orgId, collection, wanted);
    for (const id of wanted) this.known.set(docKey(collection, id), null);
    for (const doc of found) this.known.set(docKey(collection, doc.id), doc);
  }

  read(collection: SyncCollection, id: string): Promise<StoredDoc | null> {
    const known = this.known.get(docKey(collection, id));
    if (known !== undefined) return Promise.resolve(known);
    return readDoc(this.tx, this.orgId, collection, id);
  }

  readMany(collection: SyncCollection, ids: readonly string[]): Promise<StoredDoc[]> {
    return readDocs(this.tx, this.orgId, collection, ids);
  }

  /** Every live document of a collection (small collections: groups, coaches). */
  list(collection: SyncCollection): Promise<StoredDoc[]> {
    return findDocs(this.tx, this.orgId, collection);
  }

  /** Live documents whose text `field` equals `value` (e.g. the assignments of a plan). */
  findBy(collection: SyncCollection, field: LookupField, value: string): Promise<StoredDoc[]> {
    return findDocs(this.tx, this.orgId, collection, { field, value });
  }

  /** Live documents whose array `field` contains `value` (e.g. the athletes of a group). */
  findContaining(collection: SyncCollection, field: LookupField, value: string): Promise<StoredDoc[]> {
    return findDocs(this.tx, this.orgId, collection, { field, value, array: true });
  }

  membership(userId: string): Promise<Membership | null> {
    return findMembership(this.tx, this.orgId, userId);
  }
  /** Runs `fn` after the commit (in order, after the live stream got the change); its errors are logged, never thrown. */
  afterCommit(fn: () => Promise<void> | void): void {
    this.committed.push(fn);
  }

  /** Stores a document under the next seq of the organization. `data.id` is the document id. */
  async put(collection: SyncCollection, data: DocData, deleted = false): Promise<StoredDoc> {
    const id = data.id;
    if (typeof id !== 'string' || id === '') throw new Error('document without id');
    const doc: StoredDoc = { collection, id, data, seq: ++this.seq, deleted };
    this.stage(doc);
    return doc;
  }

  /** `put` for many live documents (the demo seed's thousands of activities). */
  async putMany(collection: SyncCollection, docs: readonly DocData[]): Promise<void> {
    for (const data of docs) {
      if (typeof data.id !== 'string' || data.id === '') throw new Error('document without id');
      this.stage({ collection, id: data.id, data, seq: ++this.seq, deleted: false });
    }
    if (this.pending.size >= INSERT_CHUNK * 4) await this.flush();
  }

  private stage(doc: StoredDoc): void {
    const key = docKey(doc.collection, doc.id);
    // A second put of the same document in one write replaces the first (its seq is simply skipped).
    this.pending.delete(key);
    this.pending.set(key, doc);
    this.known.set(key, doc);
    this.written.push(doc);
  }
}
