/**
 * The head coach's open coach invitations, read from the server (they are not replicated): loaded
 * when the staff section opens, after each change, when the connection comes back and when the
 * staff list changes (an invitation accepted elsewhere leaves the list). Offline, the list last
 * read stays shown and its actions say they need the server.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isOffline, listOpenCoachInvitations, type CoachInvitation, type ServerContext } from '../teamApi';

export type CoachInvitationsState =
  | { status: 'loading' }
  | { status: 'ready'; invitations: CoachInvitation[] }
  | { status: 'error'; message: string; offline: boolean };

export function useCoachInvitations(ctx: ServerContext | null, online: boolean, staffSize: number | undefined): [CoachInvitationsState, () => Promise<void>] {
  const [state, setState] = useState<CoachInvitationsState>({ status: 'loading' });
  const latest = useRef(0);
  const loaded = useRef(false);
  const { serverUrl, token, orgId } = ctx ?? {};

  const reload = useCallback(async () => {
    if (!serverUrl || !token || !orgId) return;
    const call = ++latest.current;
    try {
      const invitations = await listOpenCoachInvitations({ serverUrl, token, orgId });
      loaded.current = true;
      if (call === latest.current) setState({ status: 'ready', invitations });
    } catch (err) {
      if (call === latest.current && !loaded.current) setState({ status: 'error', message: errorMessage(err), offline: isOffline(err) });
    }
  }, [serverUrl, token, orgId]);

  useEffect(() => {
    if (online || !loaded.current) void reload();
  }, [reload, online, staffSize]);

  useEffect(() => () => void (latest.current += 1), []);
  return [state, reload];
}
