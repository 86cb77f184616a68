import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createSessionVault, decideProtection, diskVaultFiles, MEMORY_ONLY_WARNING, PLAIN_TEXT_WARNING } from './session-token';
import type { SafeStorageLike, VaultFiles } from './session-token';

function fakeSafeStorage(options: { backend?: string; available?: boolean; availableAfterPlainText?: boolean } = {}) {
  let available = options.available ?? true;
  let backend = options.backend ?? 'gnome_libsecret';
  const storage = {
    isEncryptionAvailable: vi.fn(() => available),
    encryptString: vi.fn((text: string) => Buffer.from(`enc:${backend}:${text}`, 'utf8')),
    decryptString: vi.fn((data: Buffer) => {
      const text = data.toString('utf8');
      const prefix = `enc:${backend}:`;
      if (!text.startsWith(prefix)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text.slice(prefix.length);
    }),
    getSelectedStorageBackend: vi.fn(() => backend),
    setUsePlainTextEncryption: vi.fn((usePlainText: boolean) => {
      if (usePlainText && (options.availableAfterPlainText ?? true)) {
        available = true;
        backend = 'basic_text';
      }
    }),
  };
  return storage satisfies SafeStorageLike;
}

function memoryFiles(initial: Record<string, string> = {}) {
  const files = new Map<string, Buffer>(Object.entries(initial).map(([k, v]) => [k, Buffer.from(v)]));
  const api = {
    files,
    read: vi.fn((file: string) => Promise.resolve(files.get(file) ?? null)),
    write: vi.fn((file: string, data: Buffer) => {
      files.set(file, data);
      return Promise.resolve();
    }),
    remove: vi.fn((file: string) => {
      files.delete(file);
      return Promise.resolve();
    }),
  };
  return api satisfies VaultFiles;
}

function setUp(platform: NodeJS.Platform, storage = fakeSafeStorage(), files = memoryFiles()) {
  const warn = vi.fn();
  const log = { info: vi.fn(), warn: vi.fn() };
  const make = () => createSessionVault({ safeStorage: storage, platform, tokenFile: '/u/token.bin', warningFile: '/u/warned.txt', files, warn, log });
  return { vault: make(), make, warn, log, files, storage };
}

describe('decideProtection', () => {
  it('uses the keychain where the OS offers one', () => {
    expect(decideProtection(fakeSafeStorage(), 'darwin')).toBe('keychain');
    expect(decideProtection(fakeSafeStorage(), 'win32')).toBe('keychain');
    expect(decideProtection(fakeSafeStorage({ backend: 'kwallet6' }), 'linux')).toBe('keychain');
  });

  it('recognises the Linux plain-text fallback, also when it has to be switched on', () => {
    expect(decideProtection(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toBe('plain-text');
    const storage = fakeSafeStorage({ available: false });
    expect(decideProtection(storage, 'linux')).toBe('plain-text');
    expect(storage.setUsePlainTextEncryption).toHaveBeenCalledWith(true);
  });

  it('falls back to memory where nothing can encrypt', () => {
    expect(decideProtection(fakeSafeStorage({ available: false }), 'darwin')).toBe('memory');
    expect(decideProtection(fakeSafeStorage({ available: false, availableAfterPlainText: false }), 'linux')).toBe('memory');
  });
});

describe('session vault with a keychain', () => {
  it('stores the token encrypted, reads it back, clears it, and never warns', async () => {
    const { vault, files, warn } = setUp('darwin');
    await expect(vault.read()).resolves.toBeNull();
    await vault.store('tok_abc');
    const onDisk = files.files.get('/u/token.bin')?.toString('utf8');
    expect(onDisk).toBe('enc:gnome_libsecret:tok_abc');
    await expect(vault.read()).resolves.toBe('tok_abc');
    await vault.clear();
    expect(files.files.has('/u/token.bin')).toBe(false);
    await expect(vault.read()).resolves.toBeNull();
    expect(warn).not.toHaveBeenCalled();
    expect(vault.protection()).toBe('keychain');
  });

  it('drops a token it can no longer decrypt (keyring changed) instead of failing', async () => {
    const files = memoryFiles({ '/u/token.bin': 'enc:kwallet:tok_old' });
    const { vault, log } = setUp('linux', fakeSafeStorage(), files);
    await expect(vault.read()).resolves.toBeNull();
    expect(files.files.has('/u/token.bin')).toBe(false);
    expect(log.warn).toHaveBeenCalled();
  });

  it('drops a decrypted value that is not a token', async () => {
    const files = memoryFiles({ '/u/token.bin': 'enc:gnome_libsecret:not a token' });
    const { vault } = setUp('linux', fakeSafeStorage(), files);
    await expect(vault.read()).resolves.toBeNull();
    expect(files.files.has('/u/token.bin')).toBe(false);
  });
});

describe('the Linux plain-text fallback warning', () => {
  it('warns once when the token is first stored with basic_text, saying what it means', async () => {
    const { vault, warn, files } = setUp('linux', fakeSafeStorage({ backend: 'basic_text' }));
    await vault.store('tok_1');
    await vault.store('tok_2');
    await vault.read();
    expect(warn).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith(PLAIN_TEXT_WARNING);
    expect(PLAIN_TEXT_WARNING.detail).toMatch(/keyring/);
    expect(PLAIN_TEXT_WARNING.detail).toMatch(/plain text/);
    expect(PLAIN_TEXT_WARNING.detail).toMatch(/sign in .* as you/);
    expect(files.files.get('/u/warned.txt')?.toString()).toBe('plain-text\n');
    // still kept (obfuscated) so the app opens offline after a restart
    await expect(vault.read()).resolves.toBe('tok_2');
  });

  it('does not warn again after a restart', async () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    const { vault, make, warn } = setUp('linux', storage);
    await vault.store('tok_1');
    const restarted = make();
    await expect(restarted.read()).resolves.toBe('tok_1');
    await restarted.store('tok_3');
    expect(warn).toHaveBeenCalledOnce();
  });

  it('warns at start-up when a token is already stored and the coach was never told', async () => {
    const files = memoryFiles({ '/u/token.bin': 'enc:basic_text:tok_1' });
    const { vault, warn } = setUp('linux', fakeSafeStorage({ backend: 'basic_text' }), files);
    await expect(vault.read()).resolves.toBe('tok_1');
    expect(warn).toHaveBeenCalledOnce();
  });

  it('does not warn a signed-out coach who has no token', async () => {
    const { vault, warn } = setUp('linux', fakeSafeStorage({ backend: 'basic_text' }));
    await expect(vault.read()).resolves.toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps the token in memory only where nothing can encrypt, and says so once', async () => {
    const { vault, warn, files } = setUp('darwin', fakeSafeStorage({ available: false }));
    await vault.store('tok_mem');
    await expect(vault.read()).resolves.toBe('tok_mem');
    expect(files.files.has('/u/token.bin')).toBe(false);
    expect(warn).toHaveBeenCalledWith(MEMORY_ONLY_WARNING);
    await vault.clear();
    await expect(vault.read()).resolves.toBeNull();
  });
});

describe('diskVaultFiles', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'astral-vault-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes atomically, readable by the owner only, and removes idempotently', async () => {
    const file = path.join(dir, 'nested', 'token.bin');
    await expect(diskVaultFiles.read(file)).resolves.toBeNull();
    await diskVaultFiles.write(file, Buffer.from('secret'));
    expect(readFileSync(file, 'utf8')).toBe('secret');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    await diskVaultFiles.remove(file);
    await diskVaultFiles.remove(file);
    await expect(diskVaultFiles.read(file)).resolves.toBeNull();
  });
});
