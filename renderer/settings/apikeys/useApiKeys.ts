/**
 * The organization's API keys, read from the server (they never live on the device): loaded when
 * the section opens, again after each change and when the connection comes back. Offline, the list
 * last read stays shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isOffline, listApiKeys, type ApiKeyInfo, type ServerContext } from '../teamApi';

export type ApiKeysState =
  | { status: 'loading' }
  | { status: 'ready'; keys: ApiKeyInfo[] }
  | { status: 'error'; message: string; offline: boolean };

export function useApiKeys(ctx: ServerContext | null, online: boolean): [ApiKeysState, () => Promise<void>] {
  const [state, setState] = useState<ApiKeysState>({ status: 'loading' });
  const latest = useRef(0);
  const loaded = useRef(false);
  const { serverUrl, token, orgId } = ctx ?? {};

  const reload = useCallback(async () => {
    if (!serverUrl || !token || !orgId) return;
    const call = ++latest.current;
    try {
      const keys = await listApiKeys({ serverUrl, token, orgId });
      loaded.current = true;
      if (call === latest.current) setState({ status: 'ready', keys });
    } catch (err) {
      if (call === latest.current) setState({ status: 'error', message: errorMessage(err), offline: isOffline(err) });
    }
  }, [serverUrl, token, orgId]);

  // Going offline keeps the list last read (its actions then say they need the server); coming back reloads it.
  useEffect(() => {
    if (online || !loaded.current) void reload();
  }, [reload, online]);

  useEffect(() => () => void (latest.current += 1), []);
  return [state, reload];
}
