/**
 * Coalesces pull prompts from the live stream: a burst of `change` events for a collection becomes
 * one 'RESYNC' (one pull by checkpoint) per collection per RESYNC_COALESCE_MS, instead of one
 * pull per event.
 */
import type { SyncCollection } from '../../shared/sync/protocol';

export const RESYNC_COALESCE_MS = 50;

export type ResyncPrompts = { request(collection: SyncCollection): void; cancel(): void };

export function coalesceResyncs(resync: (collection: SyncCollection) => void, delayMs = RESYNC_COALESCE_MS): ResyncPrompts {
  const due = new Set<SyncCollection>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    request(collection) {
      due.add(collection);
      timer ??= setTimeout(() => {
        timer = null;
        const now = [...due];
        due.clear();
        for (const c of now) resync(c);
      }, delayMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      due.clear();
    },
  };
}
