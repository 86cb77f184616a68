/**
 * Auto-update with electron-updater against a generic update server (a folder served over HTTPS
 * holding what `npm run dist` builds: latest*.yml and the installers). The URL is configuration,
 * not code: `ASTRAL_UPDATE_URL` in the environment, else `updateUrl` in userData/config.json
 * (e.g. ~/.config/Astral Coach/config.json). Neither set, or not a packaged app: updates are off.
 * Only https is accepted (http just for localhost, to test an update server on the same machine).
 */
import { z } from 'zod';

export const UPDATE_URL_ENV = 'ASTRAL_UPDATE_URL';
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
export const FIRST_CHECK_DELAY_MS = 30_000;

const ShellConfigFile = z.object({ updateUrl: z.string().optional() }).loose();

export type UpdateSetting = { kind: 'on'; url: string; source: 'env' | 'config' } | { kind: 'off'; reason: string };

/** A usable update feed URL (normalised, ending in "/"), or null. */
export function toUpdateUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** Decides whether and where to look for updates. `configText` is config.json's text, or null. */
export function resolveUpdateSetting(env: Readonly<Record<string, string | undefined>>, configText: string | null): UpdateSetting {
  const fromEnv = env[UPDATE_URL_ENV]?.trim();
  if (fromEnv) {
    const url = toUpdateUrl(fromEnv);
    return url ? { kind: 'on', url, source: 'env' } : { kind: 'off', reason: `${UPDATE_URL_ENV} is not an https URL` };
  }
  if (configText === null) return { kind: 'off', reason: 'no update URL configured' };
  let json: unknown;
  try {
    json = JSON.parse(configText);
  } catch {
    return { kind: 'off', reason: 'config.json is not valid JSON' };
  }
  const parsed = ShellConfigFile.safeParse(json);
  if (!parsed.success) return { kind: 'off', reason: 'config.json is not an object' };
  const raw = parsed.data.updateUrl?.trim();
  if (!raw) return { kind: 'off', reason: 'no update URL configured' };
  const url = toUpdateUrl(raw);
  return url ? { kind: 'on', url, source: 'config' } : { kind: 'off', reason: 'config.json updateUrl is not an https URL' };
}

export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: unknown;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface AutoUpdateDeps {
  setting: UpdateSetting;
  isPackaged: boolean;
  /** Loads electron-updater only when updates are on (it is bundled, but not worth starting). */
  loadUpdater(): Promise<UpdaterLike>;
  setInterval(callback: () => void, ms: number): unknown;
  setTimeout(callback: () => void, ms: number): unknown;
  log: { info(...args: unknown[]): void; warn(...args: unknown[]): void };
}

/** Starts periodic update checks; resolves to whether updates are on. Never throws. */
export async function startAutoUpdates(deps: AutoUpdateDeps): Promise<boolean> {
  const { setting } = deps;
  if (setting.kind === 'off') {
    deps.log.info('auto-update off', { reason: setting.reason });
    return false;
  }
  if (!deps.isPackaged) {
    deps.log.info('auto-update off in development builds', { url: setting.url });
    return false;
  }
  try {
    const updater = await deps.loadUpdater();
    updater.logger = deps.log;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.setFeedURL({ provider: 'generic', url: setting.url });
    updater.on('error', (error) => deps.log.warn('update check failed', error.message));
    const check = (): void => {
      updater.checkForUpdatesAndNotify().catch((error: unknown) => deps.log.warn('update check failed', error));
    };
    deps.setTimeout(check, FIRST_CHECK_DELAY_MS);
    deps.setInterval(check, CHECK_INTERVAL_MS);
    deps.log.info('auto-update on', { url: setting.url, source: setting.source });
    return true;
  } catch (error) {
    deps.log.warn('auto-update could not start', error);
    return false;
  }
}
