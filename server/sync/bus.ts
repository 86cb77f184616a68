/**
 * Fan-out of committed changes, one channel per organization. The live stream subscribes here and
 * the DocumentStore calls `emit` after each commit.
 *
 * In-process (PGlite, one process by design) `emit` delivers at once. With PostgreSQL several
 * server processes may share the database: server.ts then sets a publisher (sync/pg-fanout.ts)
 * and `emit` goes through it; the publisher decides what reaches the local listeners (`deliver`),
 * in seq order and once, whichever process committed the write.
 */
import type { StreamChange } from '../../shared/sync/protocol';

export type ChangeListener = (change: StreamChange<Record<string, unknown>>) => void;
/** Takes over `emit` (the committed change of one organization) instead of local delivery. */
export type ChangePublisher = (orgId: string, change: StreamChange<Record<string, unknown>>) => void;

export class ChangeBus {
  private listeners = new Map<string, Set<ChangeListener>>();
  private publisher: ChangePublisher | null = null;

  subscribe(orgId: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(orgId);
    if (!set) this.listeners.set(orgId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(orgId) === set) this.listeners.delete(orgId);
    };
  }

  /** Routes every `emit` through `publisher` (null: back to in-process delivery). */
  setPublisher(publisher: ChangePublisher | null): void {
    this.publisher = publisher;
  }

  /** A write of `orgId` committed: fan it out (through the publisher when one is set). */
  emit(orgId: string, change: StreamChange<Record<string, unknown>>): void {
    if (this.publisher) this.publisher(orgId, change);
    else this.deliver(orgId, change);
  }

  /** Hands a change to this process's listeners of the organization. */
  deliver(orgId: string, change: StreamChange<Record<string, unknown>>): void {
    for (const listener of [...(this.listeners.get(orgId) ?? [])]) {
      try {
        listener(change);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  }

  /** Organizations that have at least one listener here. */
  organizations(): string[] {
    return [...this.listeners.keys()];
  }

  listenerCount(orgId?: string): number {
    if (orgId) return this.listeners.get(orgId)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
