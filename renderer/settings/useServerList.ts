/**
 * One hook for the Settings lists that live only on the server (API keys, coach invitations): load
 * when the section opens, a loading / error / offline state, reload after each action, when the
 * connection comes back, when the window regains focus (optional) and when a caller's refresh key
 * changes (e.g. the set of coaches seen through sync). Offline, the list last read stays shown.
 * The decisions are plain functions below so they are unit-tested without a DOM.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isOffline, type ServerContext } from './teamApi';

export type ServerListState<T> =
  | { status: 'loading' }
  | { status: 'ready'; items: T[] }
  | { status: 'error'; message: string; offline: boolean };

export type ServerListOptions = {
  /** Once a list was read, a failed reload keeps it shown instead of the error (coach invitations). */
  keepListOnError?: boolean;
  /** Reload when the window regains focus (online only). */
  reloadOnFocus?: boolean;
  /** Any change of this value reloads the list (online, or nothing read yet). */
  refreshKey?: string | number;
};

/** A reload is worth trying online, or offline while nothing was read yet (to say it is offline). */
export const shouldLoad = (online: boolean, loaded: boolean): boolean => online || !loaded;

/** The state after a failed load: null keeps the current state. */
export function failedState<T>(err: unknown, loaded: boolean, keepListOnError: boolean): ServerListState<T> | null {
  if (keepListOnError && loaded) return null;
  return { status: 'error', message: errorMessage(err), offline: isOffline(err) };
}

/** A key that changes whenever the set of ids changes (order ignored), not only its size. */
export const idSetKey = (ids: readonly string[] | undefined): string => (ids ? [...ids].sort().join('\n') : '');

export function useServerList<T>(
  ctx: ServerContext | null,
  online: boolean,
  load: (ctx: ServerContext) => Promise<T[]>,
  options: ServerListOptions = {},
): [ServerListState<T>, () => Promise<void>] {
  const { keepListOnError = false, reloadOnFocus = false, refreshKey } = options;
  const [state, setState] = useState<ServerListState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loaded = useRef(false);
  const { serverUrl, token, orgId } = ctx ?? {};

  const reload = useCallback(async () => {
    if (!serverUrl || !token || !orgId) return;
    const call = ++latest.current;
    try {
      const items = await load({ serverUrl, token, orgId });
      loaded.current = true;
      if (call === latest.current) setState({ status: 'ready', items });
    } catch (err) {
      const next = failedState<T>(err, loaded.current, keepListOnError);
      if (call === latest.current && next) setState(next);
    }
  }, [serverUrl, token, orgId, load, keepListOnError]);

  // Going offline keeps the list last read (its actions then say they need the server); coming back reloads it.
  useEffect(() => {
    if (shouldLoad(online, loaded.current)) void reload();
  }, [reload, online, refreshKey]);

  useEffect(() => {
    if (!reloadOnFocus || !online) return;
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [reload, reloadOnFocus, online]);

  useEffect(() => () => void (latest.current += 1), []);
  return [state, reload];
}
