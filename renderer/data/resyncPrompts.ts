/**
 * Coalesces pull prompts from the live stream: the first `change` after a quiet spell prompts its
 * collection's 'RESYNC' (one pull by checkpoint) at once, within the same turn of the event loop,
 * so a single edit reaches the screen without a pause; further prompts within RESYNC_COALESCE_MS
 * are collected and go out together when that window ends (then a new window starts). A burst of
 * events thus costs at most two pulls per collection per window instead of one per event. RxDB
 * itself drops a RESYNC that is older than the pull it already started.
 */
import type { SyncCollection } from '../../shared/sync/protocol';

export const RESYNC_COALESCE_MS = 50;

export type ResyncPrompts = { request(collection: SyncCollection): void; cancel(): void };

export function coalesceResyncs(resync: (collection: SyncCollection) => void, delayMs = RESYNC_COALESCE_MS): ResyncPrompts {
  const due = new Set<SyncCollection>();
  let window: ReturnType<typeof setTimeout> | null = null;
  let cancelled = false;
  const flush = () => {
    if (cancelled) return;
    const now = [...due];
    due.clear();
    for (const c of now) resync(c);
  };
  const endWindow = () => {
    window = null;
    if (due.size === 0) return;
    flush();
    window = setTimeout(endWindow, delayMs);
  };
  return {
    request(collection) {
      if (cancelled) return;
      due.add(collection);
      if (window) return;
      // Events parsed from one network read arrive in one synchronous loop: a microtask joins them.
      queueMicrotask(flush);
      window = setTimeout(endWindow, delayMs);
    },
    cancel() {
      cancelled = true;
      if (window) clearTimeout(window);
      window = null;
      due.clear();
    },
  };
}
