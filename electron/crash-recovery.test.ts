import { describe, expect, it, vi } from 'vitest';
import { createRendererRecovery, MAX_RELOADS, RELOAD_WINDOW_MS } from './crash-recovery';

function setUp() {
  let now = 1_000_000;
  const deps = { reload: vi.fn(), giveUp: vi.fn(), now: () => now, log: { warn: vi.fn(), error: vi.fn() } };
  return { recover: createRendererRecovery(deps), deps, advance: (ms: number) => (now += ms) };
}

describe('renderer crash recovery', () => {
  it('reloads the renderer after a crash, an OOM kill or a kill', () => {
    const { recover, deps, advance } = setUp();
    expect(recover({ reason: 'crashed', exitCode: 133 })).toBe('reloaded');
    advance(RELOAD_WINDOW_MS);
    expect(recover({ reason: 'oom', exitCode: 0 })).toBe('reloaded');
    advance(RELOAD_WINDOW_MS);
    expect(recover({ reason: 'killed', exitCode: 9 })).toBe('reloaded');
    expect(deps.reload).toHaveBeenCalledTimes(3);
    expect(deps.giveUp).not.toHaveBeenCalled();
  });

  it('ignores a clean exit (the window closing)', () => {
    const { recover, deps } = setUp();
    expect(recover({ reason: 'clean-exit', exitCode: 0 })).toBe('ignored');
    expect(deps.reload).not.toHaveBeenCalled();
  });

  it('stops reloading a renderer that keeps dying, tells the coach once, and recovers later', () => {
    const { recover, deps, advance } = setUp();
    for (let i = 0; i < MAX_RELOADS; i++) expect(recover({ reason: 'crashed', exitCode: 1 })).toBe('reloaded');
    expect(recover({ reason: 'crashed', exitCode: 1 })).toBe('gave-up');
    expect(recover({ reason: 'crashed', exitCode: 1 })).toBe('gave-up');
    expect(deps.reload).toHaveBeenCalledTimes(MAX_RELOADS);
    expect(deps.giveUp).toHaveBeenCalledOnce();
    expect(deps.giveUp).toHaveBeenCalledWith({ reason: 'crashed', exitCode: 1 });
    advance(RELOAD_WINDOW_MS + 1);
    expect(recover({ reason: 'crashed', exitCode: 1 })).toBe('reloaded');
  });
});
