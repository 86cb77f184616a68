/**
 * The three roster measurements, each on a page that already shows the roster (app or baseline):
 * keystroke -> filtered table painted, open -> roster painted (reloads), and frame times while
 * scrolling the shown rows. Method of each recorder: recorder.ts.
 */
import type { Locator, Page } from '@playwright/test';
import { scrollRoster, type BenchWindow, type KeystrokeSample, type OpenSample, type ScrollRun } from './recorder';
import type { Action, Step } from './script';

const table = (page: Page) => page.getByRole('table', { name: 'Athletes' });
export const searchBox = (page: Page): Locator => page.getByRole('searchbox', { name: 'Search athletes' });

/** Two frames and a task: lets rendering settle so the next key starts on an idle page. */
const idle = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));

async function perform(page: Page, action: Action, arm: () => Promise<void>): Promise<void> {
  if (action.kind === 'clear') {
    await page.keyboard.press('Control+A');
    await arm();
    await page.keyboard.press('Backspace');
  } else {
    await arm();
    if (action.kind === 'key') await page.keyboard.press(action.key);
    else await page.keyboard.type(action.text);
  }
}

/** `samples`: keydown -> painted; split into keydown -> table DOM changed (`toDom`) and DOM changed -> painted (`toPaint`). */
/** A measured key that has not painted after this long counts as this long. */
export const KEY_TIMEOUT_MS = 10_000;

/** `complete`: keydown -> the whole page of rows painted; `short`: measured keys whose first paint did not reach the window's bottom. */
export type KeystrokeRun = { samples: number[]; toDom: number[]; toPaint: number[]; complete: number[]; short: number; lost: number; steps: number; mismatched: number };

/** Focuses the empty search box and types a few unmeasured keys: the first ones pay for JIT and first-time layout. */
export async function warmUp(page: Page): Promise<void> {
  const box = searchBox(page);
  await box.click();
  await box.fill('');
  for (const key of ['a', 'Backspace', 'e', 'Backspace']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(150);
  }
  await idle(page);
}

type StepOutcome = { sample: KeystrokeSample | null; rows: number; firstId: string | null; complete: number | null };

/**
 * Waits for the armed recorder (first paint), then up to `timeoutMs` for the table to show the
 * expected rows (a page painted top first gets the rest in later frames), lets two frames pass, and
 * reads what the table shows (rows, id of the first row) and the paint after its last change.
 */
const waitAndRead = (page: Page, timeoutMs: number, expected: { rows: number; firstId: string | null }) =>
  page.evaluate(
    async ({ t, want }): Promise<StepOutcome> => {
      const until = performance.now() + t;
      const sample = (await (window as BenchWindow).__benchKeys?.wait(t)) ?? null;
      const read = () => {
        const tableEl = document.querySelector('table[aria-label="Athletes"]');
        const href = tableEl?.querySelector('tbody tr:not([hidden]) a[href*="/athletes/"]')?.getAttribute('href') ?? null;
        return { rows: tableEl ? tableEl.querySelectorAll('tbody tr:not([hidden])').length : 0, firstId: href ? (href.split('/').pop() ?? null) : null };
      };
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      let seen = read();
      while ((seen.rows !== want.rows || seen.firstId !== want.firstId) && performance.now() < until) {
        await frame();
        seen = read();
      }
      await frame();
      await frame();
      return { sample, ...seen, complete: (window as BenchWindow).__benchKeys?.last() ?? null };
    },
    { t: timeoutMs, want: expected },
  );

/**
 * Types the steps into the search box of every page, key by key in turn (app key 1, baseline key 1,
 * app key 2, ...), so that a busy machine or the deadline affects them alike. A measured step is
 * armed, typed, awaited (paint, or KEY_TIMEOUT_MS) and checked against the expected table; an
 * unmeasured one is typed and left to settle. `warm: false` skips the warm-up (already done).
 */
export async function typeSteps(pages: readonly Page[], steps: readonly Step[], deadline: number, options: { warm?: boolean } = {}): Promise<KeystrokeRun[]> {
  if (options.warm !== false) for (const page of pages) await warmUp(page);
  const runs: KeystrokeRun[] = pages.map(() => ({ samples: [], toDom: [], toPaint: [], complete: [], short: 0, lost: 0, steps: 0, mismatched: 0 }));
  for (const step of steps) {
    if (Date.now() > deadline) break;
    for (const [i, page] of pages.entries()) {
      const run = runs[i] as KeystrokeRun;
      const arm = step.measured ? () => page.evaluate(() => (window as BenchWindow).__benchKeys?.arm()) : async () => undefined;
      await perform(page, step.action, arm);
      if (step.measured) {
        const outcome = await waitAndRead(page, KEY_TIMEOUT_MS, step);
        const { sample } = outcome;
        if (sample && sample.painted !== null && sample.changed !== null) {
          run.samples.push(sample.painted - sample.start);
          run.toDom.push(sample.changed - sample.start);
          run.toPaint.push(sample.painted - sample.changed);
          run.complete.push(Math.max(outcome.complete ?? sample.painted, sample.painted) - sample.start);
          if (sample.covers === false && (sample.rowsAtPaint ?? 0) < step.rows) run.short++;
        } else {
          // Dropping the slowest keys would flatter the percentiles: they count as the timeout (a lower bound).
          run.samples.push(KEY_TIMEOUT_MS);
          run.lost++;
        }
        if (outcome.rows !== step.rows || outcome.firstId !== step.firstId) run.mismatched++;
      }
      await idle(page);
      run.steps++;
    }
  }
  return runs;
}

/** Rows the table shows now (0 when there is no table). */
export async function shownRows(page: Page): Promise<number> {
  return table(page).locator('tbody tr:not([hidden])').count();
}

/** Reloads the page and returns navigation start -> roster painted, or null when it did not paint in time. */
export async function openOnce(page: Page, timeoutMs = 30_000): Promise<OpenSample | null> {
  await page.reload({ waitUntil: 'commit' });
  const handle = await page
    .waitForFunction(() => (window as BenchWindow).__benchOpen ?? null, null, { timeout: timeoutMs, polling: 50 })
    .catch(() => null);
  const value = handle ? ((await handle.jsonValue()) as OpenSample | null) : null;
  await handle?.dispose();
  return value;
}

/** Pixels per animation frame: 6,000 px/s, a brisk flick through the list. */
export const SCROLL_STEP = 100;

/**
 * Waits until the table shows the whole roster (its "Show more" button counts `total` - 100 not
 * shown), clicks "Show more" until at least `rows` rows are shown, then scrolls them top to bottom.
 */
export async function scrollShownRows(page: Page, total: number, rows: number, maxMs: number): Promise<ScrollRun & { clicks: number }> {
  await page.getByRole('button', { name: `Show more (${(total - 100).toLocaleString('en-US')} not shown)` }).waitFor({ timeout: 60_000 });
  let clicks = 0;
  for (let shown = await shownRows(page); shown < rows; shown = await shownRows(page)) {
    const more = page.getByRole('button', { name: /^Show more/ });
    if ((await more.count()) === 0) break;
    await more.click();
    clicks++;
    // Until every row the page now promises is rendered (the rows past the first new ones come in a deferred render).
    await page.waitForFunction(
      ({ before, all }) => {
        const n = document.querySelectorAll('table[aria-label="Athletes"] tbody tr:not([hidden])').length;
        const label = Array.from(document.querySelectorAll('button')).map((b) => /Show more \(([\d,]+) not shown\)/.exec(b.textContent ?? '')).find(Boolean);
        const expected = all - (label ? Number((label[1] ?? '0').replace(/,/g, '')) : 0);
        return n > before && n === expected;
      },
      { before: shown, all: total },
      { timeout: 60_000 },
    );
  }
  await idle(page);
  const run = await page.evaluate(scrollRoster, { step: SCROLL_STEP, maxMs });
  return { ...run, clicks };
}
