import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AstralBridge, ShellCommand } from '../../shared/ipc/contract';
import { rememberRosterSearch } from '../roster/lastRosterSearch';
import { focusRosterSearch, handleFind, ROSTER_SEARCH_SELECTOR } from './find';

function fakeInput() {
  return { focus: vi.fn(), select: vi.fn() };
}

function fakeDocument(input: ReturnType<typeof fakeInput> | null) {
  return { querySelector: vi.fn((selector: string) => (selector === ROSTER_SEARCH_SELECTOR ? input : null)) } as unknown as Document;
}

afterEach(() => {
  vi.unstubAllGlobals();
  rememberRosterSearch('');
});

describe('Find (menu command)', () => {
  it('focuses and selects the roster search box when it is on screen', () => {
    const input = fakeInput();
    const navigate = vi.fn();
    handleFind(navigate, vi.fn(), fakeDocument(input));
    expect(input.focus).toHaveBeenCalled();
    expect(input.select).toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('from another screen, goes back to the roster with its last search and focuses the box once it renders', () => {
    rememberRosterSearch('?q=ana&status=active');
    const input = fakeInput();
    let rendered = false;
    const root = { querySelector: () => (rendered ? input : null) } as unknown as Document;
    const frames: (() => void)[] = [];
    const navigate = vi.fn();
    handleFind(navigate, (callback) => frames.push(callback), root);
    expect(navigate).toHaveBeenCalledWith('/?q=ana&status=active');
    frames.shift()?.();
    expect(input.focus).not.toHaveBeenCalled();
    rendered = true;
    frames.shift()?.();
    expect(input.focus).toHaveBeenCalled();
    expect(frames).toHaveLength(0);
  });

  it('gives up after a while when the roster never shows a search box', () => {
    const frames: (() => void)[] = [];
    handleFind(vi.fn(), (callback) => frames.push(callback), fakeDocument(null));
    let runs = 0;
    while (frames.length > 0 && runs < 1000) {
      frames.shift()?.();
      runs++;
    }
    expect(runs).toBeLessThan(100);
    expect(focusRosterSearch(fakeDocument(null))).toBe(false);
  });

  it('reaches the renderer through the bridge: onShellNavigate also handles the find command', async () => {
    let commandListener: ((command: ShellCommand) => void) | undefined;
    const shell = {
      onNavigate: vi.fn(() => () => undefined),
      onCommand: vi.fn((listener: (command: ShellCommand) => void) => {
        commandListener = listener;
        return () => undefined;
      }),
    } as unknown as AstralBridge;
    const input = fakeInput();
    vi.stubGlobal('window', { astral: shell });
    vi.stubGlobal('document', fakeDocument(input));
    const { onShellNavigate } = await import('./bridge');
    const navigate = vi.fn();
    const stop = onShellNavigate(navigate);
    expect(shell.onNavigate).toHaveBeenCalledWith(navigate);
    commandListener?.('find');
    expect(input.focus).toHaveBeenCalled();
    stop();
  });

  it('does nothing in a browser', async () => {
    const { onShellNavigate, onShellCommand } = await import('./bridge');
    expect(() => onShellNavigate(vi.fn())()).not.toThrow();
    expect(() => onShellCommand(vi.fn())()).not.toThrow();
  });
});
