/** The groups feature module: read-only groups replicated from the server. */
import { map } from 'rxjs';
import type { Group } from '../../shared/domain/group';
import { useAstralData, useObservable } from './context';

export function useGroups(): Group[] | undefined {
  const { db } = useAstralData();
  return useObservable(
    () => db.groups.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as Group).sort((a, b) => a.name.localeCompare(b.name)))),
    [db],
  );
}
