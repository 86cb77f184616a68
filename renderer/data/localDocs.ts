/**
 * Small typed helpers over RxDB local documents (not replicated, kept in the same IndexedDB as
 * the collections, so they survive restarts together with the data they describe).
 */
import { map, type Observable } from 'rxjs';
import type { AstralDatabase } from './database';

export async function readLocal<T>(db: AstralDatabase, id: string): Promise<T | null> {
  const doc = await db.getLocal<T>(id);
  return doc ? (doc.toJSON().data as T) : null;
}

export function watchLocal<T>(db: AstralDatabase, id: string): Observable<T | null> {
  return db.getLocal$<T>(id).pipe(map((doc) => (doc ? (doc.toJSON().data as T) : null)));
}

/** Read-modify-write through RxDB's incremental write queue, so concurrent updates never get lost. */
export async function modifyLocal<T>(db: AstralDatabase, id: string, initial: T, modify: (current: T) => T): Promise<T> {
  for (;;) {
    const doc = await db.getLocal<T>(id);
    if (doc) {
      const written = await doc.incrementalModify((current) => modify(current as T));
      return written.toJSON().data as T;
    }
    try {
      const created = await db.insertLocal<T>(id, modify(initial));
      return created.toJSON().data as T;
    } catch (err) {
      if ((err as { status?: number } | null)?.status === 409) continue;
      throw err;
    }
  }
}
