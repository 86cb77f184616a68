import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createNavigationGuard,
  createWindowOpenHandler,
  guardWebContents,
  hardenSession,
  isAllowedExternalUrl,
  isNavigationAllowed,
  isPermissionAllowed,
  withContentSecurityPolicy,
} from './security';
import type { GuardableContents, HardenableSession } from './security';

const log = () => ({ warn: vi.fn(), error: vi.fn() });

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only the app itself, inline styles and any sync server', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('style-src')).toBe("style-src 'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("img-src 'self' data:");
    expect(directives.get('connect-src')).toBe("connect-src 'self' http: https:");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('replaces whatever CSP a response carried, in any letter case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('isAllowedExternalUrl', () => {
  it.each(['https://example.com', 'https://docs.astral.coach/help?topic=sync#top', 'https://xn--lufer-gra.de/'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://app/index.html',
    'smb://server/share',
    'ms-msdt:/id',
    'https://user:secret@example.com/',
    'https:',
    '//example.com',
    'example.com',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses overlong links', () => {
    expect(isAllowedExternalUrl(`https://example.com/${'a'.repeat(3000)}`)).toBe(false);
  });

  it('opens the normalised form of a link', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    createWindowOpenHandler({ openExternal, log: log() })({ url: 'https://@EXAMPLE.com/a/../b' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/b');
  });
});

describe('navigation guard', () => {
  it('allows navigation inside app://app only', () => {
    expect(isNavigationAllowed('app://app/athletes/1')).toBe(true);
    expect(isNavigationAllowed('app://other/')).toBe(false);
    expect(isNavigationAllowed('https://example.com/')).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd')).toBe(false);
    expect(isNavigationAllowed('app://user@app/')).toBe(false);
  });

  it('prevents the event for foreign URLs and lets app URLs through', () => {
    const guard = createNavigationGuard({ log: log() });
    const inside = { preventDefault: vi.fn() };
    guard(inside, 'app://app/roster');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const outside = { preventDefault: vi.fn() };
    guard(outside, 'https://evil.example/phish');
    expect(outside.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('window.open handler', () => {
  it('always denies, and hands only valid https links to the system browser', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    const handler = createWindowOpenHandler({ openExternal, log: log() });
    expect(handler({ url: 'https://example.com/guide' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/guide');
    openExternal.mockClear();
    for (const url of ['http://example.com', 'file:///etc/passwd', 'app://app/', 'javascript:void(0)']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('logs a failing openExternal instead of throwing', async () => {
    const logger = log();
    const handler = createWindowOpenHandler({ openExternal: () => Promise.reject(new Error('no browser')), log: logger });
    expect(handler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalled());
  });
});

describe('guardWebContents', () => {
  it('attaches navigation, redirect, webview and window-open guards', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents: GuardableContents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) => listeners.set(event, listener),
      setWindowOpenHandler: (handler) => {
        openHandler = handler;
      },
    };
    guardWebContents(contents, { openExternal: vi.fn(() => Promise.resolve()), log: log() });
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(webview, '');
    expect(webview.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    listeners.get('will-redirect')?.(redirect, 'https://evil.example');
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(openHandler?.({ url: 'app://app/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions and session hardening', () => {
  it('grants notifications to the app origin and nothing else', () => {
    expect(isPermissionAllowed('notifications', 'app://app/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://app')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example')).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      expect(isPermissionAllowed(permission, 'app://app/')).toBe(false);
    }
  });

  it('wires the permission handlers and the CSP header hook', () => {
    let request: Parameters<HardenableSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<HardenableSession['setPermissionCheckHandler']>[0] | undefined;
    let headers: Parameters<HardenableSession['webRequest']['onHeadersReceived']> | undefined;
    hardenSession(
      {
        setPermissionRequestHandler: (handler) => (request = handler),
        setPermissionCheckHandler: (handler) => (check = handler),
        webRequest: { onHeadersReceived: (...args) => (headers = args) },
      },
      { log: log() },
    );
    const granted = vi.fn();
    request?.({}, 'media', granted, { requestingUrl: 'app://app/' });
    request?.({}, 'notifications', granted, { requestingUrl: 'app://app/' });
    expect(granted.mock.calls).toEqual([[false], [true]]);
    expect(check?.({}, 'geolocation', 'app://app')).toBe(false);
    expect(check?.({}, 'notifications', 'app://app')).toBe(true);
    expect(headers?.[0]).toEqual({ urls: ['app://*/*'] });
    const callback = vi.fn();
    headers?.[1]({ url: 'app://app/', responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});
