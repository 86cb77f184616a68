/** The signed-in coach's membership id (an invitation's `created_by`), from the replicated coaches. */
import { useMyMembership } from '../data/coaches';
import { useSession } from '../session/store';

export function useMyCoachId(): string | null | undefined {
  const me = useMyMembership(useSession((s) => s.user?.id));
  return me === undefined ? undefined : (me?.id ?? null);
}
