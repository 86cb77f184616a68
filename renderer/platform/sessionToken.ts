/**
 * Where the session token lives. In the desktop shell: with the OS keychain through the bridge
 * (electron/session-token.ts, safeStorage), never in localStorage, where any script of the page
 * and anyone reading the profile folder could take it. In a browser (the web dashboard): in
 * localStorage with the rest of the session, as before. The session store reads the shell's token
 * once before the app renders (a top-level await in session/store.ts) and mirrors every change.
 */
import type { StoreApi } from 'zustand';
import { bridge } from './bridge';

/** A shell that does not answer in time is treated as "no token": the coach signs in again. */
export const SHELL_TOKEN_TIMEOUT_MS = 3_000;

/** The token the shell keeps (null: none), or undefined in a browser, where there is no shell. */
export async function loadShellToken(timeoutMs = SHELL_TOKEN_TIMEOUT_MS): Promise<string | null | undefined> {
  const shell = bridge();
  if (!shell) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    return await Promise.race([shell.readSessionToken(), timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** What the store persists to localStorage: everything, minus the token when a shell keeps it. */
export function persistedSession<T extends { token: string | null }>(shellToken: string | null | undefined, state: T): T | Omit<T, 'token'> {
  if (shellToken === undefined) return state;
  const { token: _kept, ...rest } = state;
  return rest;
}

/**
 * Mirrors the store's token into the shell. A token an earlier version left in localStorage moves
 * to the keychain (and out of localStorage) unless the shell already had one. Writes are queued
 * so a sign-out's clear never overtakes the sign-in's store.
 */
export function keepTokenInShell<S extends { token: string | null }>(store: StoreApi<S>, shellToken: string | null | undefined): void {
  const shell = bridge();
  if (!shell || shellToken === undefined) return;
  let queue: Promise<void> = Promise.resolve();
  const mirror = (token: string | null): void => {
    queue = queue
      .then(() => (token ? shell.storeSessionToken(token) : shell.clearSessionToken()))
      .catch((error: unknown) => console.warn('[session] the desktop shell did not keep the session token', error));
  };
  const hydrated = store.getState().token;
  if (hydrated !== shellToken) {
    if (shellToken === null && hydrated !== null) mirror(hydrated);
    else store.setState({ token: shellToken } as Partial<S>);
  }
  if (hydrated !== null) store.setState({} as Partial<S>); // rewrites localStorage without the token
  store.subscribe((state, previous) => {
    if (state.token !== previous.token) mirror(state.token);
  });
}
