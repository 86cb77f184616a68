import { describe, expect, it, vi } from 'vitest';
import { CHECK_INTERVAL_MS, resolveUpdateSetting, startAutoUpdates, toUpdateUrl } from './updates';
import type { UpdaterLike, UpdateSetting } from './updates';

describe('update URL from configuration', () => {
  it('is off when nothing is configured', () => {
    expect(resolveUpdateSetting({}, null)).toEqual({ kind: 'off', reason: 'no update URL configured' });
    expect(resolveUpdateSetting({ ASTRAL_UPDATE_URL: '  ' }, '{}')).toEqual({ kind: 'off', reason: 'no update URL configured' });
  });

  it('takes ASTRAL_UPDATE_URL first, then config.json updateUrl', () => {
    expect(resolveUpdateSetting({ ASTRAL_UPDATE_URL: 'https://updates.example.org/astral' }, '{"updateUrl":"https://other.example/"}')).toEqual({
      kind: 'on',
      url: 'https://updates.example.org/astral/',
      source: 'env',
    });
    expect(resolveUpdateSetting({}, '{"updateUrl":"https://updates.example.org/astral/","other":1}')).toEqual({
      kind: 'on',
      url: 'https://updates.example.org/astral/',
      source: 'config',
    });
  });

  it('refuses what is not a plain https URL, and says why', () => {
    expect(resolveUpdateSetting({ ASTRAL_UPDATE_URL: 'http://updates.example.org/' }, null)).toMatchObject({ kind: 'off', reason: expect.stringMatching(/https/) });
    expect(resolveUpdateSetting({}, 'not json')).toMatchObject({ kind: 'off', reason: expect.stringMatching(/JSON/) });
    expect(resolveUpdateSetting({}, '[1]')).toMatchObject({ kind: 'off' });
    expect(resolveUpdateSetting({}, '{"updateUrl":42}')).toMatchObject({ kind: 'off' });
    expect(resolveUpdateSetting({}, '{"updateUrl":"file:///tmp/x"}')).toMatchObject({ kind: 'off' });
    for (const raw of ['ftp://x/', 'https://user:pw@x/', 'https://x/?channel=beta', 'https://x/#a', 'javascript:1', 'nope']) expect(toUpdateUrl(raw)).toBeNull();
    expect(toUpdateUrl('http://localhost:8080/updates')).toBe('http://localhost:8080/updates/');
    expect(toUpdateUrl('http://127.0.0.1/')).toBe('http://127.0.0.1/');
  });
});

function fakeUpdater() {
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null as unknown,
    setFeedURL: vi.fn(),
    checkForUpdatesAndNotify: vi.fn(() => Promise.resolve(null)),
    on: vi.fn(),
  };
  return updater satisfies UpdaterLike;
}

function deps(setting: UpdateSetting, isPackaged = true, updater = fakeUpdater()) {
  return {
    updater,
    deps: {
      setting,
      isPackaged,
      loadUpdater: vi.fn(() => Promise.resolve(updater)),
      setInterval: vi.fn(),
      setTimeout: vi.fn(),
      log: { info: vi.fn(), warn: vi.fn() },
    },
  };
}

describe('startAutoUpdates', () => {
  it('does not even load electron-updater when updates are off or in development', async () => {
    const off = deps({ kind: 'off', reason: 'no update URL configured' });
    await expect(startAutoUpdates(off.deps)).resolves.toBe(false);
    expect(off.deps.loadUpdater).not.toHaveBeenCalled();
    const dev = deps({ kind: 'on', url: 'https://u.example/', source: 'env' }, false);
    await expect(startAutoUpdates(dev.deps)).resolves.toBe(false);
    expect(dev.deps.loadUpdater).not.toHaveBeenCalled();
  });

  it('points electron-updater at the generic URL and checks soon after start, then every few hours', async () => {
    const { deps: d, updater } = deps({ kind: 'on', url: 'https://u.example/astral/', source: 'config' });
    await expect(startAutoUpdates(d)).resolves.toBe(true);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://u.example/astral/' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.logger).toBe(d.log);
    expect(d.setInterval).toHaveBeenCalledWith(expect.any(Function), CHECK_INTERVAL_MS);
    const firstCheck = d.setTimeout.mock.calls[0]?.[0] as () => void;
    firstCheck();
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledOnce();
  });

  it('logs a failing check or a broken updater instead of crashing the app', async () => {
    const broken = deps({ kind: 'on', url: 'https://u.example/', source: 'env' });
    broken.deps.loadUpdater.mockImplementationOnce(() => Promise.reject(new Error('no app-update')));
    await expect(startAutoUpdates(broken.deps)).resolves.toBe(false);
    expect(broken.deps.log.warn).toHaveBeenCalled();
    const failing = deps({ kind: 'on', url: 'https://u.example/', source: 'env' });
    failing.updater.checkForUpdatesAndNotify.mockImplementationOnce(() => Promise.reject(new Error('offline')));
    await startAutoUpdates(failing.deps);
    (failing.deps.setTimeout.mock.calls[0]?.[0] as () => void)();
    await vi.waitFor(() => expect(failing.deps.log.warn).toHaveBeenCalledWith('update check failed', expect.any(Error)));
  });
});
