import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AstralBridge } from '../../shared/ipc/contract';
import type { SessionResponse } from '../../shared/domain/organization';

function fakeBridge(stored: string | null = null) {
  const kept = { token: stored };
  const shell = {
    kept,
    notify: vi.fn(() => Promise.resolve()),
    getVersion: vi.fn(() => Promise.resolve('0.1.0')),
    setBadgeCount: vi.fn(() => Promise.resolve()),
    onNavigate: vi.fn(() => () => undefined),
    onCommand: vi.fn(() => () => undefined),
    readSessionToken: vi.fn(() => Promise.resolve(kept.token)),
    storeSessionToken: vi.fn((token: string) => {
      kept.token = token;
      return Promise.resolve();
    }),
    clearSessionToken: vi.fn(() => {
      kept.token = null;
      return Promise.resolve();
    }),
  };
  return shell satisfies AstralBridge;
}

function fakeLocalStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const USER = { id: '11111111-1111-4111-8111-111111111111', email: 'maria@example.com', first_name: 'Maria', last_name: 'Lopez' };
const ORG = { id: '22222222-2222-4222-8222-222222222222', name: 'Riverside', role: 'head_coach', time_zone: 'Europe/Madrid' };
const session = (token: string) => ({ token, user: USER, organizations: [ORG] }) as unknown as SessionResponse;
const persisted = (state: Record<string, unknown>) => JSON.stringify({ state, version: 1 });

/** Loads session/store.ts afresh (its top-level await reads the shell's token) in a fake page. */
async function loadStore(options: { shell?: ReturnType<typeof fakeBridge>; stored?: Record<string, string> }) {
  const localStorage = fakeLocalStorage(options.stored);
  vi.stubGlobal('localStorage', localStorage);
  vi.stubGlobal('window', { astral: options.shell, location: { protocol: 'app:', origin: 'null' }, localStorage });
  vi.resetModules();
  const { useSession } = await import('../session/store');
  const saved = () => JSON.parse(localStorage.items.get('astral-session') ?? 'null') as { state: Record<string, unknown> } | null;
  return { useSession, saved, localStorage };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadShellToken', () => {
  it('is undefined in a browser, the stored token in the shell, null on failure or silence', async () => {
    const { loadShellToken } = await import('./sessionToken');
    await expect(loadShellToken()).resolves.toBeUndefined();
    vi.stubGlobal('window', { astral: fakeBridge('tok_1') });
    await expect(loadShellToken()).resolves.toBe('tok_1');
    const failing = fakeBridge();
    failing.readSessionToken.mockImplementationOnce(() => Promise.reject(new Error('refused')));
    vi.stubGlobal('window', { astral: failing });
    await expect(loadShellToken()).resolves.toBeNull();
    const silent = fakeBridge();
    silent.readSessionToken.mockImplementationOnce(() => new Promise(() => undefined));
    vi.stubGlobal('window', { astral: silent });
    await expect(loadShellToken(20)).resolves.toBeNull();
  });

  it('persists the token only when no shell keeps it', async () => {
    const { persistedSession } = await import('./sessionToken');
    expect(persistedSession(undefined, { token: 't', a: 1 })).toEqual({ token: 't', a: 1 });
    expect(persistedSession(null, { token: 't', a: 1 })).toEqual({ a: 1 });
    expect(persistedSession('t', { token: 't', a: 1 })).toEqual({ a: 1 });
  });
});

describe('session store with the desktop shell', () => {
  it('starts signed in with the token the shell kept, and never writes it to localStorage', async () => {
    const shell = fakeBridge('tok_shell');
    const { useSession, saved } = await loadStore({
      shell,
      stored: { 'astral-session': persisted({ serverUrl: 'http://127.0.0.1:8787', user: USER, organizations: [ORG], org: ORG, firstSyncDone: {} }) },
    });
    expect(useSession.getState().token).toBe('tok_shell');
    expect(useSession.getState().user).toEqual(USER);
    useSession.getState().signedIn('http://127.0.0.1:8787/', session('tok_new'));
    await vi.waitFor(() => expect(shell.storeSessionToken).toHaveBeenCalledWith('tok_new'));
    expect(saved()?.state).not.toHaveProperty('token');
    expect(JSON.stringify(saved())).not.toContain('tok_');
    useSession.getState().signOut('bye');
    await vi.waitFor(() => expect(shell.clearSessionToken).toHaveBeenCalledOnce());
    expect(shell.kept.token).toBeNull();
  });

  it('keeps the order of a sign-out and a quick new sign-in', async () => {
    const shell = fakeBridge('tok_a');
    const { useSession } = await loadStore({ shell });
    useSession.getState().signOut();
    useSession.getState().signedIn('http://x', session('tok_b'));
    await vi.waitFor(() => expect(shell.storeSessionToken).toHaveBeenCalledWith('tok_b'));
    expect(shell.kept.token).toBe('tok_b');
  });

  it('moves a token an earlier version left in localStorage into the shell', async () => {
    const shell = fakeBridge(null);
    const { useSession, saved } = await loadStore({
      shell,
      stored: { 'astral-session': persisted({ serverUrl: 'http://x', token: 'tok_legacy', user: USER, organizations: [ORG], org: ORG, firstSyncDone: {} }) },
    });
    expect(useSession.getState().token).toBe('tok_legacy');
    await vi.waitFor(() => expect(shell.storeSessionToken).toHaveBeenCalledWith('tok_legacy'));
    expect(saved()?.state).not.toHaveProperty('token');
    expect(saved()?.state.user).toEqual(USER);
  });

  it('prefers the shell token over a stale one in localStorage', async () => {
    const shell = fakeBridge('tok_shell');
    const { useSession, saved } = await loadStore({
      shell,
      stored: { 'astral-session': persisted({ serverUrl: 'http://x', token: 'tok_stale', user: USER, organizations: [], org: null, firstSyncDone: {} }) },
    });
    expect(useSession.getState().token).toBe('tok_shell');
    expect(saved()?.state).not.toHaveProperty('token');
    expect(shell.storeSessionToken).not.toHaveBeenCalled();
  });
});

describe('session store in a browser (web dashboard)', () => {
  it('keeps today’s behaviour: the token persists in localStorage', async () => {
    const { useSession, saved } = await loadStore({});
    expect(useSession.getState().token).toBeNull();
    useSession.getState().signedIn('http://127.0.0.1:8787', session('tok_web'));
    expect(saved()?.state.token).toBe('tok_web');
    useSession.getState().signOut();
    expect(saved()?.state.token).toBeNull();
  });
});
