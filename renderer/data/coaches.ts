/** The coaches feature module: read-only memberships replicated from the server. */
import { useMemo } from 'react';
import { map } from 'rxjs';
import type { CoachMembership } from '../../shared/domain/organization';
import { useAstralData, useObservable } from './context';

export const coachName = (c: Pick<CoachMembership, 'first_name' | 'last_name' | 'email'>) =>
  `${c.first_name} ${c.last_name}`.trim() || c.email;

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

export function useCoaches(): CoachMembership[] | undefined {
  const { db } = useAstralData();
  return useObservable(
    () =>
      db.coaches.find().$.pipe(
        map((docs) => docs.map((d) => d.toJSON() as CoachMembership).sort((a, b) => collator.compare(coachName(a), coachName(b)))),
      ),
    [db],
  );
}

/** Coach names by membership id. */
export function useCoachNames(): Map<string, string> {
  const coaches = useCoaches();
  return useMemo(() => new Map((coaches ?? []).map((c) => [c.id, coachName(c)])), [coaches]);
}

/** The signed-in user's current membership, as replicated (so role changes show up live). */
export function useMyMembership(userId: string | undefined): CoachMembership | null | undefined {
  const coaches = useCoaches();
  return useMemo(() => (coaches === undefined ? undefined : (coaches.find((c) => c.user_id === userId) ?? null)), [coaches, userId]);
}
