/**
 * The only module that reads and writes replicated documents (table `documents`).
 *
 * Ordering: every write of an organization's documents runs in one transaction that first locks
 * the organization's row (`SELECT ... FOR UPDATE`), so writes of one organization are serialised
 * across connections and processes; each written row gets the next value of `organizations.seq`,
 * which is stored back before commit. Sequence order therefore equals commit order and a pull
 * checkpoint (`seq > N`) never skips a row that committed late.
 *
 * Live changes: after the commit, still holding the in-process per-organization mutex, the written
 * rows are emitted on the ChangeBus grouped by collection in seq order. The sync pushes and the
 * REST API both write through `write()`, so an API edit reaches open apps exactly like a sync push.
 */
import type { Db } from '../db/db';
import { Id } from '../../shared/domain/common';
import type { CoachRole } from '../../shared/domain/organization';
import type { SyncCollection, StreamChange, WithDeleted } from '../../shared/sync/protocol';
import { ChangeBus } from './bus';
import { OpenStreams } from './open-streams';
import { KeyedMutex } from './mutex';

export type DocData = Record<string, unknown>;
export type StoredDoc = { collection: SyncCollection; id: string; data: DocData; seq: number; deleted: boolean };
export type Membership = { id: string; userId: string; role: CoachRole };

type DocRow = { collection: string; id: string; data: DocData; seq: number | string; deleted: boolean };

/** Every replicated document id is a UUID (shared schemas); anything else cannot exist, so it is not looked up. */
const isDocId = (id: string) => Id.safeParse(id).success;

const toStored = (r: DocRow): StoredDoc => ({
  collection: r.collection as SyncCollection,
  id: r.id,
  data: r.data,
  seq: Number(r.seq),
  deleted: r.deleted,
});

/** The replicated form of a stored document: its data plus `_deleted`. */
export const withDeleted = (d: StoredDoc): WithDeleted<DocData> => ({ ...d.data, _deleted: d.deleted });

export class OrganizationMissing extends Error {
  constructor(readonly orgId: string) {
    super(`organization ${orgId} does not exist`);
  }
}

/** Reads the current coach membership of a user (never a role cached at sign-in). */
export async function findMembership(db: Db, orgId: string, userId: string): Promise<Membership | null> {
  const { rows } = await db.query<{ id: string; role: CoachRole }>(
    `SELECT id, data->>'role' AS role FROM documents
      WHERE org_id = $1 AND collection = 'coaches' AND NOT deleted AND data->>'user_id' = $2`,
    [orgId, userId],
  );
  const row = rows[0];
  return row ? { id: row.id, userId, role: row.role } : null;
}

/** One document by id, through `db` (the pool, or the write transaction). */
async function readDoc(db: Db, orgId: string, collection: SyncCollection, id: string): Promise<StoredDoc | null> {
  if (!isDocId(id)) return null;
  const { rows } = await db.query<DocRow>('SELECT collection, id, data, seq, deleted FROM documents WHERE org_id = $1 AND collection = $2 AND id = $3', [
    orgId,
    collection,
    id,
  ]);
  return rows[0] ? toStored(rows[0]) : null;
}

/** A top-level field of a replicated document that others are looked up by; written into the SQL, so a closed list. */
export type LookupField = 'athlete_id' | 'training_plan_id' | 'group_ids' | 'coach_ids';
const LOOKUP_FIELDS: readonly LookupField[] = ['athlete_id', 'training_plan_id', 'group_ids', 'coach_ids'];

/**
 * Live documents of a collection, all of them or those whose `field` equals (a text field) or
 * contains (an array field) `value`, in seq order.
 */
async function findDocs(db: Db, orgId: string, collection: SyncCollection, match?: { field: LookupField; value: string; array?: boolean }): Promise<StoredDoc[]> {
  const params: unknown[] = [orgId, collection];
  let where = '';
  if (match) {
    if (!LOOKUP_FIELDS.includes(match.field)) throw new Error(`not a lookup field: ${match.field}`);
    if (!isDocId(match.value)) return [];
    params.push(match.value);
    where = match.array ? ` AND data->'${match.field}' @> jsonb_build_array($3::text)` : ` AND data->>'${match.field}' = $3`;
  }
  const { rows } = await db.query<DocRow>(
    `SELECT collection, id, data, seq, deleted FROM documents WHERE org_id = $1 AND collection = $2 AND NOT deleted${where} ORDER BY seq`,
    params,
  );
  return rows.map(toStored);
}

/** Documents by id (deleted ones included), in no particular order; ids that cannot exist are skipped. */
async function readDocs(db: Db, orgId: string, collection: SyncCollection, ids: readonly string[]): Promise<StoredDoc[]> {
  const valid = [...new Set(ids)].filter(isDocId);
  if (valid.length === 0) return [];
  const { rows } = await db.query<DocRow>(
    'SELECT collection, id, data, seq, deleted FROM documents WHERE org_id = $1 AND collection = $2 AND id = ANY($3::text[])',
    [orgId, collection, valid],
  );
  return rows.map(toStored);
}

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

export type NewOrganization = { id: string; name: string; timeZone: string };

export class DocumentStore {
  readonly bus = new ChangeBus();
  readonly streams = new OpenStreams();
  private readonly mutex = new KeyedMutex();

  constructor(readonly db: Db) {}

  /** Rows of one collection with seq > sinceSeq, in seq order (tombstones included). */
  async pull(orgId: string, collection: SyncCollection, sinceSeq: number, limit: number): Promise<StoredDoc[]> {
    const { rows } = await this.db.query<DocRow>(
      `SELECT collection, id, data, seq, deleted FROM documents
        WHERE org_id = $1 AND collection = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [orgId, collection, sinceSeq, limit],
    );
    return rows.map(toStored);
  }

  get(orgId: string, collection: SyncCollection, id: string): Promise<StoredDoc | null> {
    return readDoc(this.db, orgId, collection, id);
  }

  /** Every live (not deleted) document of a collection. For small collections (coaches, groups). */
  list(orgId: string, collection: SyncCollection): Promise<StoredDoc[]> {
    return findDocs(this.db, orgId, collection);
  }

  /** Live documents whose text `field` equals `value`, outside a write. */
  findBy(orgId: string, collection: SyncCollection, field: LookupField, value: string): Promise<StoredDoc[]> {
    return findDocs(this.db, orgId, collection, { field, value });
  }

  readMany(orgId: string, collection: SyncCollection, ids: readonly string[]): Promise<StoredDoc[]> {
    return readDocs(this.db, orgId, collection, ids);
  }

  /**
   * Runs `fn` in one transaction holding the organization's row lock, then emits what it wrote.
   * With `create`, the organization row is inserted first in the same transaction.
   */
  write<R>(orgId: string, fn: (w: OrgWriter) => Promise<R>, create?: NewOrganization): Promise<R> {
    return this.mutex.run(orgId, async () => {
      let writer: OrgWriter | null = null;
      const result = await this.db.transaction(async (tx) => {
        if (create) {
          await tx.query('INSERT INTO organizations (id, name, time_zone) VALUES ($1, $2, $3)', [create.id, create.name, create.timeZone]);
        }
        const { rows } = await tx.query<{ seq: number | string }>('SELECT seq FROM organizations WHERE id = $1 FOR UPDATE', [orgId]);
        const row = rows[0];
        if (!row) throw new OrganizationMissing(orgId);
        const w = new OrgWriter(tx, orgId, Number(row.seq));
        writer = w;
        const r = await fn(w);
        await w.flush();
        if (w.written.length > 0) await tx.query('UPDATE organizations SET seq = $2 WHERE id = $1', [orgId, w.lastSeq]);
        return r;
      });
      const done = writer as OrgWriter | null;
      if (done && done.written.length > 0) this.emitWritten(orgId, done.written);
      if (done) {
        for (const fn of done.committed) {
          // Not awaited inside the organization's lock: slow work (SMTP) must not hold other writes.
          void Promise.resolve()
            .then(fn)
            .catch((err: unknown) => console.error(`[store] after-commit work failed: ${String(err)}`));
        }
      }
      return result;
    });
  }

  private emitWritten(orgId: string, written: StoredDoc[]): void {
    let batch: StoredDoc[] = [];
    const flush = () => {
      const last = batch[batch.length - 1];
      if (!last) return;
      const change: StreamChange<DocData> = { collection: last.collection, documents: batch.map(withDeleted), checkpoint: { seq: last.seq } };
      this.bus.emit(orgId, change);
      batch = [];
    };
    for (const doc of [...written].sort((a, b) => a.seq - b.seq)) {
      if (batch.length > 0 && batch[0]?.collection !== doc.collection) flush();
      batch.push(doc);
    }
    flush();
  }
}
