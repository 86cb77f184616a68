/**
 * Hooks of the Settings page's server actions: the session's server context, whether the server
 * looks reachable (browser online state and the sync connection), and one action's busy/error state
 * so each error is shown next to the action that caused it.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLiveSyncState } from '../data/syncStatus';
import { useSession } from '../session/store';
import { errorMessage, type ServerContext } from './teamApi';

export function useServerContext(): ServerContext | null {
  const serverUrl = useSession((s) => s.serverUrl);
  const token = useSession((s) => s.token);
  const orgId = useSession((s) => s.org?.id);
  return token && orgId ? { serverUrl, token, orgId } : null;
}

const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

/** False when the browser is offline or the sync connection is down. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(browserOnline);
  const connection = useLiveSyncState((s) => s.connection);
  useEffect(() => {
    const update = () => setOnline(browserOnline());
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online && connection !== 'offline';
}

export type ServerAction = {
  busy: boolean;
  error: string | null;
  /** The field the server named in its error, if any. */
  field: string | null;
  /** Runs `fn`; resolves to its value, or null after recording the error. */
  run<T>(fn: () => Promise<T>): Promise<T | null>;
  clear(): void;
};

export function useServerAction(): ServerAction {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; field: string | null } | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setFailure(null);
    try {
      return await fn();
    } catch (err) {
      const field = typeof err === 'object' && err && 'field' in err && typeof err.field === 'string' ? err.field : null;
      setFailure({ message: errorMessage(err), field });
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setFailure(null), []);
  return { busy, error: failure?.message ?? null, field: failure?.field ?? null, run, clear };
}
