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
import type { SyncCollection, StreamChange } from '../../shared/sync/protocol';
import { ChangeBus } from './bus';
import { findDocs, readDoc, readDocs, toStored, withDeleted, type DocData, type DocRow, type LookupField, type StoredDoc } from './doc-queries';
import { OpenStreams } from './open-streams';
import { KeyedMutex } from './mutex';
import { OrgWriter } from './org-writer';

export { findMembership, withDeleted, type DocData, type LookupField, type Membership, type StoredDoc } from './doc-queries';
export { OrgWriter } from './org-writer';

export class OrganizationMissing extends Error {
  constructor(readonly orgId: string) {
    super(`organization ${orgId} does not exist`);
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
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (!first || !last) return;
      const change: StreamChange<DocData> = { collection: last.collection, documents: batch.map(withDeleted), checkpoint: { seq: last.seq }, first_seq: first.seq };
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
