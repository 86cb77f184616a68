/**
 * In-process fan-out of committed changes, one channel per organization. The live stream
 * subscribes here. With several server instances on one PostgreSQL this is the seam where
 * LISTEN/NOTIFY would feed remote changes in (not built yet).
 */
import type { StreamChange } from '../../shared/sync/protocol';

export type ChangeListener = (change: StreamChange<Record<string, unknown>>) => void;

export class ChangeBus {
  private listeners = new Map<string, Set<ChangeListener>>();

  subscribe(orgId: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(orgId);
    if (!set) this.listeners.set(orgId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(orgId) === set) this.listeners.delete(orgId);
    };
  }

  emit(orgId: string, change: StreamChange<Record<string, unknown>>): void {
    for (const listener of [...(this.listeners.get(orgId) ?? [])]) {
      try {
        listener(change);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  }

  listenerCount(orgId?: string): number {
    if (orgId) return this.listeners.get(orgId)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
