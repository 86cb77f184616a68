import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { captureWindowState, restoreWindowState, trackWindowState, windowStateFile } from './window-state';
import type { DisplayLike, Rect, TrackableWindow } from './window-state';

const SIZING = { width: 1280, height: 820, minWidth: 900, minHeight: 600 };
const laptop: DisplayLike = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor: DisplayLike = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1440 } };
const leftMonitor: DisplayLike = { id: 3, workArea: { x: -1920, y: 0, width: 1920, height: 1080 } };

const onMonitor = { x: 2000, y: 200, width: 1600, height: 1000, maximized: false, fullScreen: false, displayId: 2 };

function inside(bounds: { x?: number; y?: number; width: number; height: number }, area: Rect): boolean {
  return (
    bounds.x !== undefined &&
    bounds.y !== undefined &&
    bounds.x >= area.x &&
    bounds.y >= area.y &&
    bounds.x + bounds.width <= area.x + area.width &&
    bounds.y + bounds.height <= area.y + area.height
  );
}

describe('restoreWindowState', () => {
  it('opens at the default size, centred, without (valid) saved state', () => {
    for (const raw of [null, undefined, 'junk', { x: 'a' }, { x: 1, y: 1, width: -5, height: 10 }, { x: 1e9, y: 0, width: 10, height: 10 }]) {
      expect(restoreWindowState(raw, [laptop], laptop, SIZING)).toEqual({
        bounds: { width: 1280, height: 820 },
        maximized: false,
        fullScreen: false,
      });
    }
  });

  it('puts the window back where it was, on the screen it was on', () => {
    const restored = restoreWindowState(onMonitor, [laptop, monitor], laptop, SIZING);
    expect(restored).toEqual({ bounds: { x: 2000, y: 200, width: 1600, height: 1000 }, maximized: false, fullScreen: false });
  });

  it('keeps maximised and full-screen flags', () => {
    const restored = restoreWindowState({ ...onMonitor, maximized: true, fullScreen: true }, [laptop, monitor], laptop, SIZING);
    expect(restored.maximized).toBe(true);
    expect(restored.fullScreen).toBe(true);
  });

  it('moves a window whose screen was unplugged onto the remaining display, sized to fit', () => {
    const restored = restoreWindowState(onMonitor, [laptop], laptop, SIZING);
    expect(inside(restored.bounds, laptop.workArea)).toBe(true);
    expect(restored.bounds.width).toBe(1440);
    expect(restored.bounds.height).toBe(875);
  });

  it('keeps a size that fits and centres it on the nearest remaining display', () => {
    const saved = { x: -1700, y: 100, width: 1000, height: 700, maximized: false, fullScreen: false, displayId: 3 };
    const restored = restoreWindowState(saved, [laptop, monitor], monitor, SIZING);
    // nearest to where it was (left of the laptop) is the laptop, not the primary monitor
    expect(inside(restored.bounds, laptop.workArea)).toBe(true);
    expect(restored.bounds).toMatchObject({ width: 1000, height: 700, x: 220, y: 113 });
  });

  it('finds the window on another display when only the display id changed', () => {
    const saved = { ...onMonitor, displayId: 99 };
    expect(restoreWindowState(saved, [laptop, monitor], laptop, SIZING).bounds).toEqual({ x: 2000, y: 200, width: 1600, height: 1000 });
  });

  it('rescues a window that would hang off every screen (title bar out of reach)', () => {
    const saved = { x: 100, y: -2000, width: 1000, height: 700, maximized: false, fullScreen: false, displayId: 1 };
    const restored = restoreWindowState(saved, [laptop, monitor], laptop, SIZING);
    expect(inside(restored.bounds, laptop.workArea)).toBe(true);
  });

  it('pulls a window that is mostly visible fully onto its screen', () => {
    const saved = { x: 1000, y: 300, width: 1000, height: 700, maximized: false, fullScreen: false, displayId: 1 };
    const restored = restoreWindowState(saved, [laptop], laptop, SIZING);
    expect(restored.bounds).toEqual({ x: 440, y: 200, width: 1000, height: 700 });
  });

  it('never goes below the minimum size unless the screen itself is smaller', () => {
    const tiny = { x: 10, y: 30, width: 300, height: 200, maximized: false, fullScreen: false, displayId: 1 };
    expect(restoreWindowState(tiny, [laptop], laptop, SIZING).bounds).toMatchObject({ width: 900, height: 600 });
    const smallScreen: DisplayLike = { id: 5, workArea: { x: 0, y: 0, width: 800, height: 500 } };
    expect(restoreWindowState(tiny, [smallScreen], smallScreen, SIZING).bounds).toMatchObject({ width: 800, height: 500 });
  });

  it('handles displays left of and above the primary (negative coordinates)', () => {
    const saved = { x: -1800, y: 50, width: 1200, height: 800, maximized: false, fullScreen: false, displayId: 3 };
    expect(restoreWindowState(saved, [laptop, leftMonitor], laptop, SIZING).bounds).toEqual({ x: -1800, y: 50, width: 1200, height: 800 });
  });
});

function fakeWindow(bounds: Rect) {
  const listeners = new Map<string, () => void>();
  const window = {
    bounds,
    maximized: false,
    destroyed: false,
    getNormalBounds: () => window.bounds,
    isMaximized: () => window.maximized,
    isFullScreen: () => false,
    isDestroyed: () => window.destroyed,
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    emit: (event: string) => listeners.get(event)?.(),
  };
  return window satisfies TrackableWindow;
}

describe('tracking the window', () => {
  it('captures the normal bounds (also when maximised) and the display', () => {
    const window = fakeWindow({ x: 10.4, y: 20, width: 1000, height: 700.6 });
    window.maximized = true;
    expect(captureWindowState(window, () => monitor)).toEqual({ x: 10, y: 20, width: 1000, height: 701, maximized: true, fullScreen: false, displayId: 2 });
  });

  it('saves once after moving stops and at once on close', () => {
    vi.useFakeTimers();
    try {
      const window = fakeWindow({ x: 0, y: 0, width: 1000, height: 700 });
      const save = vi.fn();
      trackWindowState(window, { displayMatching: () => laptop, save, setTimeout, clearTimeout: (h) => clearTimeout(h as number) });
      window.emit('move');
      window.emit('resize');
      window.emit('move');
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(600);
      expect(save).toHaveBeenCalledOnce();
      window.bounds = { x: 5, y: 5, width: 950, height: 650 };
      window.emit('resize');
      window.emit('close');
      expect(save).toHaveBeenCalledTimes(2);
      expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ x: 5, width: 950 }));
      vi.advanceTimersByTime(600);
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('windowStateFile', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'astral-window-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips the state and reads a missing or broken file as none', async () => {
    const file = path.join(dir, 'sub', 'window-state.json');
    const store = windowStateFile(file);
    await expect(store.load()).resolves.toBeNull();
    store.save(onMonitor);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(onMonitor);
    await expect(store.load()).resolves.toEqual(onMonitor);
    writeFileSync(file, '{not json');
    await expect(store.load()).resolves.toBeNull();
  });
});
