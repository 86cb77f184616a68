/**
 * The organization's API keys, read from the server (they never live on the device): loaded when
 * the section opens, again after each change and when the connection comes back. Offline, the list
 * last read stays shown. The loading itself is the shared Settings list hook (../useServerList.ts).
 */
import { useMemo } from 'react';
import { listApiKeys, type ApiKeyInfo, type ServerContext } from '../teamApi';
import { useServerList } from '../useServerList';

export type ApiKeysState =
  | { status: 'loading' }
  | { status: 'ready'; keys: ApiKeyInfo[] }
  | { status: 'error'; message: string; offline: boolean };

export function useApiKeys(ctx: ServerContext | null, online: boolean): [ApiKeysState, () => Promise<void>] {
  const [state, reload] = useServerList(ctx, online, listApiKeys);
  const shaped = useMemo<ApiKeysState>(() => (state.status === 'ready' ? { status: 'ready', keys: state.items } : state), [state]);
  return [shaped, reload];
}
