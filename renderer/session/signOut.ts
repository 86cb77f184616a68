import { closeDataSession } from '../data/session';
import { logout } from './api';
import { useSession } from './store';

/**
 * Ends the session: closes the local database (its data stays on the device for the next sign-in
 * of the same account) and, when the coach asked for it, ends the session on the server too.
 */
export async function signOut(options: { reason?: string; tellServer?: boolean } = {}): Promise<void> {
  const { serverUrl, token } = useSession.getState();
  useSession.getState().signOut(options.reason);
  await closeDataSession();
  if (options.tellServer && token) await logout(serverUrl, token).catch(() => undefined);
}
