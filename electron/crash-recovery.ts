/**
 * Reloads the renderer when its process dies (`render-process-gone`: a crash, the OS killing it
 * for memory, a GPU reset). Nothing is lost by a reload: every edit is written to the local RxDB
 * database in IndexedDB the moment it is made and waits there (the replication outbox) until the
 * server acknowledged it, so the reloaded renderer reopens the same database and pushes whatever
 * is still unsent. A renderer that keeps dying (3 times within a minute) is not reloaded again:
 * the coach is told and the log names the reason, instead of a reload loop burning the CPU.
 */
export interface RenderProcessGoneDetails {
  reason: string;
  exitCode: number;
}

export interface RecoveryDeps {
  reload(): void;
  /** Called once when reloads stop (a dialog in main.ts). */
  giveUp(details: RenderProcessGoneDetails): void;
  now(): number;
  log: { warn(...args: unknown[]): void; error(...args: unknown[]): void };
}

export const MAX_RELOADS = 3;
export const RELOAD_WINDOW_MS = 60_000;

export function createRendererRecovery(deps: RecoveryDeps): (details: RenderProcessGoneDetails) => 'reloaded' | 'ignored' | 'gave-up' {
  const reloads: number[] = [];
  let gaveUp = false;
  return (details) => {
    // A clean exit is the window closing, not a crash.
    if (details.reason === 'clean-exit') return 'ignored';
    deps.log.error('renderer process gone', details);
    const now = deps.now();
    while (reloads.length > 0 && (reloads[0] ?? 0) <= now - RELOAD_WINDOW_MS) reloads.shift();
    if (reloads.length >= MAX_RELOADS) {
      if (!gaveUp) deps.giveUp(details);
      gaveUp = true;
      return 'gave-up';
    }
    reloads.push(now);
    gaveUp = false;
    deps.log.warn('reloading the renderer; unsent edits are kept in IndexedDB', { attempt: reloads.length });
    deps.reload();
    return 'reloaded';
  };
}
