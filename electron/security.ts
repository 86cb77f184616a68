/**
 * The shell's security baseline (DESIGN.md): a strict CSP, no navigation away from the app,
 * no new windows (validated https links go to the system browser), no webviews, and every
 * permission denied except notifications for the app's own origin.
 * Pure decisions live here; main.ts attaches them to Electron objects.
 */
import { isAppUrl } from './app-config';

/** connect-src allows any http(s) origin: the coach types the sync server's URL at sign-in. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Links the app may hand to the system browser: https only, a host, no embedded credentials.
 * Returns the parser's normalised form, which is what gets opened, or null.
 */
export function toExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const ok = url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  return ok ? url.href : null;
}

export function isAllowedExternalUrl(raw: string): boolean {
  return toExternalUrl(raw) !== null;
}

export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardDeps {
  openExternal(url: string): Promise<void>;
  log: { warn(...args: unknown[]): void; error(...args: unknown[]): void };
}

/** `will-navigate` / `will-redirect` listener: stays inside app://app, refuses everything else. */
export function createNavigationGuard(deps: Pick<GuardDeps, 'log'>): (event: PreventableEvent, url: string) => void {
  return (event, url) => {
    if (isNavigationAllowed(url)) return;
    event.preventDefault();
    deps.log.warn('navigation refused', { url });
  };
}

/** `setWindowOpenHandler` handler: never a new Electron window; valid https links open outside. */
export function createWindowOpenHandler(deps: GuardDeps): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    const external = toExternalUrl(url);
    if (external !== null) {
      deps.openExternal(external).catch((error: unknown) => deps.log.error('openExternal failed', { url, error }));
    } else {
      deps.log.warn('window.open refused', { url });
    }
    return { action: 'deny' };
  };
}

export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl);
}

/** Returns the response headers with our CSP replacing any the response carried. */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/** The slice of WebContents the guards attach to (all of it exists on Electron's WebContents). */
export interface GuardableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Applied to every WebContents the app creates (app.on('web-contents-created')). */
export function guardWebContents(contents: GuardableContents, deps: GuardDeps): void {
  const navigationGuard = createNavigationGuard(deps);
  contents.on('will-navigate', navigationGuard);
  contents.on('will-redirect', navigationGuard);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log.warn('webview refused');
  });
  contents.setWindowOpenHandler(createWindowOpenHandler(deps));
}

/** The slice of Electron's Session the hardening touches. */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  webRequest: {
    onHeadersReceived(
      filter: { urls: string[] },
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

export function hardenSession(session: HardenableSession, deps: Pick<GuardDeps, 'log'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl ?? '');
    if (!allowed) deps.log.warn('permission refused', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.webRequest.onHeadersReceived({ urls: ['app://*/*'] }, (details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}
