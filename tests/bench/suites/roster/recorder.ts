/**
 * In-page recorders of the roster suite, installed with `context.addInitScript` so they run before
 * any page script. The same recorders run in the app and in the baseline harness.
 *
 * Keystroke -> filtered table painted (installKeystrokeRecorder):
 *   1. start: a capture-phase `keydown` listener on window takes the event's timeStamp (the time
 *      the input event was created, same clock as performance.now()). Characters outside the US
 *      layout (é, ë, ã) are sent by Playwright as text input without a keydown, so `beforeinput`
 *      is the fallback start for those.
 *   2. table changed: a MutationObserver on the whole document (the table may be replaced or
 *      removed, e.g. "No athletes match") reports the first change of content inside the table
 *      `aria-label="Athletes"` (rows added, removed or moved, text changed), or adding/removing
 *      that table. Attribute changes are not content: a re-render that only touches attributes
 *      (the header checkbox's state) is not the filtered table. The callback runs as a microtask
 *      right after the commit that changed the DOM.
 *   3. painted: from that callback, requestAnimationFrame (runs just before the next frame's style,
 *      layout and paint), and from the rAF callback a MessageChannel message, whose task runs after
 *      that frame was produced. Its performance.now() is the "painted" time.
 *   Only an armed recorder records (the bench arms it right before a measured key), so other
 *   keys and background updates are ignored.
 *
 * Open -> roster painted (installOpenRecorder): performance.now() counts from the navigation start
 * of the document; the first mutation batch after which the table has a body row, or the page says
 * "No athletes in this organization yet", gets the same rAF + MessageChannel "painted" stamp. The
 * first appearance of the roster's "Loading athletes" spinner splits the time into "app up, local
 * database open" and "roster data read and rendered".
 *
 * These functions are serialised into the page: they must not use anything from their module.
 * tsx/esbuild wraps named inner functions in `__name(...)`; NAME_SHIM defines it in the page.
 */

export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/**
 * `painted`: the first frame with the table changed. `covers`: at that frame the table's rows reached
 * the bottom of the window; `rowsAtPaint`: the rows it showed (all the expected ones also means complete).
 * `lastPainted`: the frame after the last change of the table since the key (the whole page of rows,
 * when the table paints its top first: renderer/roster/RosterTable.tsx progressiveRows), read with `last()`.
 */
export type KeystrokeSample = { start: number; changed: number | null; painted: number | null; covers?: boolean; rowsAtPaint?: number };

/**
 * `loading`: when the roster page first showed its "Loading athletes" spinner (the app is up, the data not yet).
 * `from`: whether the first rows were the saved first page (`snapshot`, renderer/data/rosterSnapshot.ts) or the live roster.
 * `live`: when the live roster (every athlete read) was shown.
 */
export type OpenSample = { painted: number; kind: 'rows' | 'empty'; loading: number | null; from: 'snapshot' | 'live'; live: number | null };

export type BenchWindow = Window & {
  __benchKeys?: { arm(): void; wait(timeoutMs: number): Promise<KeystrokeSample | null>; last(): number | null };
  __benchOpen?: OpenSample;
};

export function installKeystrokeRecorder(): void {
  const TABLE = 'table[aria-label="Athletes"]';
  const w = window as BenchWindow;
  let armed = false;
  let start: number | null = null;
  let changed: number | null = null;
  let lastPainted: number | null = null;
  let lastChange = 0;
  let table: Element | null = null;
  let settle: ((s: KeystrokeSample | null) => void) | null = null;
  let pending: Promise<KeystrokeSample | null> = Promise.resolve(null);

  const onInput = (e: Event) => {
    if (!armed || start !== null) return;
    const now = performance.now();
    start = e.timeStamp > 0 && e.timeStamp <= now && now - e.timeStamp < 1000 ? e.timeStamp : now;
  };
  window.addEventListener('keydown', onInput, true);
  window.addEventListener('beforeinput', onInput, true);

  const touchesTable = (n: Node) =>
    n === table || (n instanceof Element && (n.matches(TABLE) || n.querySelector(TABLE) !== null || (table !== null && n.contains(table))));

  /** Stamps `at` once the next frame with the current DOM is produced (rAF + MessageChannel). */
  const afterPaint = (at: (t: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => at(performance.now());
      channel.port2.postMessage(null);
    });
  /** Whether the rows shown reach the bottom of the window (read after the paint; forces a clean layout only). */
  const shownRows = () => {
    const rows = document.querySelectorAll(`${TABLE} tbody tr:not([hidden])`);
    const lastRow = rows[rows.length - 1];
    return { rowsAtPaint: rows.length, covers: !lastRow || lastRow.getBoundingClientRect().bottom >= window.innerHeight };
  };

  const observer = new MutationObserver((records) => {
    // Tracking goes on after the first paint (until the next arm): later commits of the same key are the rest of the page.
    if (start === null) return;
    const hit = records.some(
      (r) => (table !== null && table.contains(r.target)) || Array.from(r.addedNodes).some(touchesTable) || Array.from(r.removedNodes).some(touchesTable),
    );
    if (!hit) return;
    table = document.querySelector(TABLE);
    const change = ++lastChange;
    afterPaint((t) => {
      if (change === lastChange) lastPainted = t;
    });
    if (!armed || changed !== null) return;
    changed = performance.now();
    afterPaint((t) => {
      const sample = { start: start ?? changed ?? 0, changed, painted: t, ...shownRows() };
      armed = false;
      settle?.(sample);
    });
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });

  w.__benchKeys = {
    arm() {
      armed = true;
      start = null;
      changed = null;
      lastPainted = null;
      table = document.querySelector(TABLE);
      pending = new Promise((resolve) => (settle = resolve));
    },
    wait(timeoutMs: number) {
      const timeout = new Promise<KeystrokeSample | null>((resolve) =>
        setTimeout(() => resolve(start === null ? null : { start, changed, painted: null }), timeoutMs),
      );
      return Promise.race([pending, timeout]).finally(() => {
        armed = false;
      });
    },
    last() {
      return lastPainted;
    },
  };
}

export function installOpenRecorder(): void {
  const w = window as BenchWindow;
  const EMPTY = 'No athletes in this organization yet';
  let found = false;
  let loading: number | null = null;
  let first: { painted: number; kind: 'rows' | 'empty'; from: 'snapshot' | 'live' } | null = null;
  let live: number | null = null;
  const isLive = () => document.querySelector('[data-roster="live"]') !== null;
  /** Stamps `at` once the next frame with the current DOM is produced (rAF + MessageChannel). */
  const painted = (at: (t: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => at(performance.now());
      channel.port2.postMessage(null);
    });
  const publish = () => {
    if (first && live !== null) w.__benchOpen = { ...first, loading, live };
  };
  const liveObserver = new MutationObserver(() => {
    if (live !== null || !isLive()) return;
    liveObserver.disconnect();
    painted((t) => {
      live = t;
      publish();
    });
  });
  const observer = new MutationObserver((records) => {
    if (found) return;
    if (loading === null && document.querySelector('[aria-label="Loading athletes"]')) loading = performance.now();
    let kind: 'rows' | 'empty' | null = document.querySelector('table[aria-label="Athletes"] tbody tr') ? 'rows' : null;
    // Checked only while there are no rows, when the page is small.
    if (!kind && records.some((r) => r.addedNodes.length > 0) && document.body?.textContent?.includes(EMPTY)) kind = 'empty';
    if (!kind) return;
    found = true;
    observer.disconnect();
    const k = kind;
    const from = isLive() ? 'live' : 'snapshot';
    painted((t) => {
      first = { painted: t, kind: k, from };
      if (from === 'live') live = t;
      publish();
    });
    if (from === 'snapshot') liveObserver.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-roster'] });
  });
  observer.observe(document, { subtree: true, childList: true });
}

export type ScrollRun = { deltas: number[]; distance: number; total: number; rows: number; scroller: string };

/**
 * Scrolls the element that scrolls the roster (the nearest scrollable ancestor of the table, else
 * the document) from top to bottom by `step` px per animation frame and returns the frame deltas
 * (requestAnimationFrame timestamps), stopping at the bottom or after `maxMs`.
 */
export function scrollRoster(args: { step: number; maxMs: number }): Promise<ScrollRun> {
  const table = document.querySelector('table[aria-label="Athletes"]');
  if (!table) throw new Error('no roster table');
  let el: HTMLElement | null = table.parentElement;
  while (el && !(el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
  const scroller = (el ?? document.scrollingElement ?? document.documentElement) as HTMLElement;
  const name = el ? `${el.tagName.toLowerCase()} (scroll container)` : 'the document';
  const rows = table.querySelectorAll('tbody tr:not([hidden])').length;
  scroller.scrollTop = 0;
  const end = scroller.scrollHeight - scroller.clientHeight;
  return new Promise((resolve) => {
    const deltas: number[] = [];
    let last = 0;
    let first = 0;
    let pos = 0;
    const frame = (t: number) => {
      if (first === 0) first = t;
      else deltas.push(t - last);
      last = t;
      pos = Math.min(end, pos + args.step);
      scroller.scrollTop = pos;
      if (pos >= end || t - first > args.maxMs) resolve({ deltas, distance: pos, total: end, rows, scroller: name });
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(() => requestAnimationFrame(frame));
  });
}
