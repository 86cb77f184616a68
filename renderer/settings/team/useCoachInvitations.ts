/**
 * The head coach's open coach invitations, read from the server (they are not replicated): loaded
 * when the staff section opens, after each change, when the connection comes back, when the window
 * regains focus and whenever the set of coaches seen through sync changes (an invitation accepted
 * elsewhere then leaves the list by itself). Offline, the list last read stays shown and its
 * actions say they need the server.
 */
import { useMemo } from 'react';
import { useCoaches } from '../../data/coaches';
import { listOpenCoachInvitations, type CoachInvitation, type ServerContext } from '../teamApi';
import { idSetKey, useServerList } from '../useServerList';

export type CoachInvitationsState =
  | { status: 'loading' }
  | { status: 'ready'; invitations: CoachInvitation[] }
  | { status: 'error'; message: string; offline: boolean };

/** The list follows the set of coach ids seen through sync (a count would miss one coach replacing another). */
export function useCoachInvitations(ctx: ServerContext | null, online: boolean): [CoachInvitationsState, () => Promise<void>] {
  const coaches = useCoaches();
  const staffKey = idSetKey(coaches?.map((c) => c.id));
  const [state, reload] = useServerList(ctx, online, listOpenCoachInvitations, { keepListOnError: true, reloadOnFocus: true, refreshKey: staffKey });
  const shaped = useMemo<CoachInvitationsState>(() => (state.status === 'ready' ? { status: 'ready', invitations: state.items } : state), [state]);
  return [shaped, reload];
}
