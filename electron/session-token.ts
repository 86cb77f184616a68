/**
 * The coach's session token, kept by the shell instead of the renderer's localStorage: encrypted
 * with `safeStorage` (macOS Keychain, Windows DPAPI, the Linux Secret Service or KWallet) in a
 * file under userData. Linux desktops without a keyring fall back to Chromium's `basic_text`
 * backend, which "encrypts" with a fixed key every copy of Chromium knows: the token is then as
 * good as plain text on disk. The app keeps working (offline use needs the token after a restart)
 * but warns the coach once, saying what it means and how to fix it. Where no encryption exists at
 * all (not expected off Linux), the token lives in memory only and the coach signs in each start.
 */
import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import { SessionTokenPayload } from '../shared/ipc/contract';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend(): string;
  setUsePlainTextEncryption(usePlainText: boolean): void;
}

export interface VaultFiles {
  /** The file's bytes, or null when it does not exist. */
  read(path: string): Promise<Buffer | null>;
  /** Writes the whole file atomically, readable by the user only. */
  write(path: string, data: Buffer): Promise<void>;
  remove(path: string): Promise<void>;
}

/** keychain: encrypted by the OS; plain-text: Linux basic_text; memory: not kept across restarts. */
export type TokenProtection = 'keychain' | 'plain-text' | 'memory';

export interface StorageWarning {
  title: string;
  message: string;
  detail: string;
}

export const PLAIN_TEXT_WARNING: StorageWarning = {
  title: 'Your sign-in is saved without encryption',
  message: 'Astral Coach found no keyring on this Linux desktop, so your sign-in is stored unencrypted.',
  detail:
    'Without a keyring such as GNOME Keyring or KWallet, your session token is saved in your user folder protected ' +
    'only by a fixed key that every copy of the app knows, which is as good as plain text. Anyone who can read your ' +
    'files (another administrator, a backup, a lost unencrypted disk) could sign in to your organization as you.\n\n' +
    'To protect it, install and unlock a keyring (for example the gnome-keyring package) and restart Astral Coach. ' +
    'On a shared computer, sign out when you are done: that also ends the session on the server.',
};

export const MEMORY_ONLY_WARNING: StorageWarning = {
  title: 'Your sign-in is not saved',
  message: 'Astral Coach cannot reach the system keychain, so it will not save your sign-in.',
  detail:
    'You stay signed in until you quit the app; after a restart you need to sign in again (with a network) before ' +
    'your roster opens. Your roster and unsent changes stay safe on this computer either way.',
};

export interface SessionVaultDeps {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** The encrypted token file (userData/session-token.bin). */
  tokenFile: string;
  /** Remembers that the coach was warned (userData/session-token-warning.txt). */
  warningFile: string;
  files: VaultFiles;
  /** Shows the warning (a dialog in main.ts). */
  warn(warning: StorageWarning): void;
  log: { info(...args: unknown[]): void; warn(...args: unknown[]): void };
}

export interface SessionVault {
  read(): Promise<string | null>;
  store(token: string): Promise<void>;
  clear(): Promise<void>;
  protection(): TokenProtection;
}

/** Decides how the token can be protected here. Only valid after `app` is ready. */
export function decideProtection(safeStorage: SafeStorageLike, platform: NodeJS.Platform): TokenProtection {
  if (platform === 'linux') {
    if (!safeStorage.isEncryptionAvailable()) safeStorage.setUsePlainTextEncryption(true);
    if (!safeStorage.isEncryptionAvailable()) return 'memory';
    return safeStorage.getSelectedStorageBackend() === 'basic_text' ? 'plain-text' : 'keychain';
  }
  return safeStorage.isEncryptionAvailable() ? 'keychain' : 'memory';
}

export function createSessionVault(deps: SessionVaultDeps): SessionVault {
  let decided: TokenProtection | null = null;
  let memoryToken: string | null = null;
  let warned = false;

  const protection = (): TokenProtection => (decided ??= decideProtection(deps.safeStorage, deps.platform));

  async function warnOnce(): Promise<void> {
    const kind = protection();
    if (kind === 'keychain' || warned) return;
    warned = true;
    const seen = await deps.files.read(deps.warningFile).catch(() => null);
    if (seen !== null && seen.toString('utf8').trim() === kind) return;
    deps.log.warn('session token protection is weak here', { protection: kind, backend: backendName(deps) });
    deps.warn(kind === 'plain-text' ? PLAIN_TEXT_WARNING : MEMORY_ONLY_WARNING);
    await deps.files.write(deps.warningFile, Buffer.from(`${kind}\n`, 'utf8')).catch(() => undefined);
  }

  return {
    protection,
    async read() {
      if (protection() === 'memory') return memoryToken;
      const encrypted = await deps.files.read(deps.tokenFile);
      if (encrypted === null) return null;
      let token: string;
      try {
        token = deps.safeStorage.decryptString(encrypted);
      } catch (error) {
        // The keyring changed (another user, a reset keyring): the token is lost, sign in again.
        deps.log.warn('stored session token could not be decrypted; removed', error);
        await deps.files.remove(deps.tokenFile).catch(() => undefined);
        return null;
      }
      if (!SessionTokenPayload.safeParse(token).success) {
        await deps.files.remove(deps.tokenFile).catch(() => undefined);
        return null;
      }
      await warnOnce();
      return token;
    },
    async store(token) {
      const kind = protection();
      if (kind === 'memory') memoryToken = token;
      else await deps.files.write(deps.tokenFile, deps.safeStorage.encryptString(token));
      await warnOnce();
    },
    async clear() {
      memoryToken = null;
      await deps.files.remove(deps.tokenFile);
    },
  };
}

function backendName(deps: SessionVaultDeps): string {
  return deps.platform === 'linux' ? deps.safeStorage.getSelectedStorageBackend() : deps.platform;
}

export const diskVaultFiles: VaultFiles = {
  async read(path) {
    try {
      return await fs.readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  async write(path, data) {
    await fs.mkdir(nodePath.dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await fs.writeFile(temporary, data, { mode: 0o600 });
    await fs.rename(temporary, path);
  },
  async remove(path) {
    await fs.rm(path, { force: true });
  },
};
