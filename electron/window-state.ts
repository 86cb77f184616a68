/**
 * Window size, position, maximised/full-screen state and screen, restored at the next start.
 * The saved state is untrusted (an old version, a hand-edited file, a monitor unplugged since):
 * it is parsed, and a window whose screen disappeared, or that would not show enough of itself on
 * any screen, is put back on a visible display (the nearest one, else the primary) with its size
 * kept when it fits there. Pure decisions; the file and the Electron window/screen are injected.
 */
import { mkdirSync, promises as fs, renameSync, writeFileSync } from 'node:fs';
import nodePath from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  workArea: Rect;
}

export const SavedWindowState = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
  displayId: z.number().optional(),
});
export type SavedWindowState = z.infer<typeof SavedWindowState>;

export interface WindowSizing {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

export interface RestoredWindow {
  /** x/y absent: let Electron centre the window on the primary display. */
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
  fullScreen: boolean;
}

/** A window counts as visible on a display when this much of its top strip (title bar) is on it. */
const MIN_VISIBLE_WIDTH = 120;
const TITLE_STRIP = 40;

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function titleStripVisibleOn(bounds: Rect, area: Rect): boolean {
  const strip = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(TITLE_STRIP, bounds.height) };
  const width = Math.min(strip.x + strip.width, area.x + area.width) - Math.max(strip.x, area.x);
  return width >= Math.min(MIN_VISIBLE_WIDTH, bounds.width) && overlap(strip, area) > 0;
}

function clampSize(saved: Rect, area: Rect, sizing: WindowSizing): { width: number; height: number } {
  return {
    width: Math.max(Math.min(saved.width, area.width), Math.min(sizing.minWidth, area.width)),
    height: Math.max(Math.min(saved.height, area.height), Math.min(sizing.minHeight, area.height)),
  };
}

function centredIn(area: Rect, size: { width: number; height: number }): Rect {
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size,
  };
}

/** Moves `bounds` the least distance that puts it fully inside `area` (size already fits). */
function pulledInside(bounds: Rect, area: Rect): Rect {
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - bounds.width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - bounds.height);
  return { ...bounds, x, y };
}

export function restoreWindowState(raw: unknown, displays: readonly DisplayLike[], primary: DisplayLike, sizing: WindowSizing): RestoredWindow {
  const parsed = SavedWindowState.safeParse(raw);
  if (!parsed.success) {
    return { bounds: { width: sizing.width, height: sizing.height }, maximized: false, fullScreen: false };
  }
  const saved = parsed.data;
  const flags = { maximized: saved.maximized, fullScreen: saved.fullScreen };
  const sameScreen = displays.find((display) => display.id === saved.displayId);
  if (sameScreen !== undefined && titleStripVisibleOn(saved, sameScreen.workArea)) {
    const size = clampSize(saved, sameScreen.workArea, sizing);
    return { bounds: pulledInside({ x: saved.x, y: saved.y, ...size }, sameScreen.workArea), ...flags };
  }
  const visibleOn = displays.find((display) => titleStripVisibleOn(saved, display.workArea));
  if (visibleOn !== undefined) {
    const size = clampSize(saved, visibleOn.workArea, sizing);
    return { bounds: pulledInside({ x: saved.x, y: saved.y, ...size }, visibleOn.workArea), ...flags };
  }
  // The screen it was on is gone (or the window was off every screen): put it on the display
  // nearest to where it was, else the primary, centred, keeping its size when that fits.
  const target = nearestDisplay(saved, displays) ?? primary;
  const size = clampSize(saved, target.workArea, sizing);
  return { bounds: centredIn(target.workArea, size), ...flags };
}

function nearestDisplay(bounds: Rect, displays: readonly DisplayLike[]): DisplayLike | undefined {
  const cx = bounds.x + bounds.width / 2;
  const cy = bounds.y + bounds.height / 2;
  let best: DisplayLike | undefined;
  let bestDistance = Infinity;
  for (const display of displays) {
    const area = display.workArea;
    const dx = Math.max(area.x - cx, 0, cx - (area.x + area.width));
    const dy = Math.max(area.y - cy, 0, cy - (area.y + area.height));
    const distance = Math.hypot(dx, dy);
    if (distance < bestDistance) {
      best = display;
      bestDistance = distance;
    }
  }
  return best;
}

export interface TrackableWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isDestroyed(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'enter-full-screen' | 'leave-full-screen' | 'close', listener: () => void): unknown;
}

export interface WindowStateDeps {
  /** Which display a rectangle is mostly on (screen.getDisplayMatching). */
  displayMatching(bounds: Rect): DisplayLike;
  save(state: SavedWindowState): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function captureWindowState(window: TrackableWindow, displayMatching: WindowStateDeps['displayMatching']): SavedWindowState {
  const bounds = window.getNormalBounds();
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized: window.isMaximized(),
    fullScreen: window.isFullScreen(),
    displayId: displayMatching(bounds).id,
  };
}

/** Saves the window's state half a second after it stops moving, and at once when it closes. */
export function trackWindowState(window: TrackableWindow, deps: WindowStateDeps): void {
  let pending: unknown = null;
  const saveNow = (): void => {
    if (pending !== null) deps.clearTimeout(pending);
    pending = null;
    if (!window.isDestroyed()) deps.save(captureWindowState(window, deps.displayMatching));
  };
  const saveSoon = (): void => {
    if (pending !== null) deps.clearTimeout(pending);
    pending = deps.setTimeout(saveNow, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) window.on(event, saveSoon);
  window.on('close', saveNow);
}

/**
 * The JSON file under userData. Reading never throws: a missing or broken file is "no state".
 * Writes are synchronous (a few dozen bytes) so the save on `close` lands before the app exits.
 */
export function windowStateFile(file: string): { load(): Promise<unknown>; save(state: SavedWindowState): void } {
  return {
    async load() {
      try {
        return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
      } catch {
        return null;
      }
    },
    save(state) {
      try {
        mkdirSync(nodePath.dirname(file), { recursive: true });
        writeFileSync(`${file}.tmp`, JSON.stringify(state));
        renameSync(`${file}.tmp`, file);
      } catch {
        // Not worth bothering the coach: the window opens at the default size next time.
      }
    },
  };
}
