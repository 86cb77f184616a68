/**
 * Assigning athletes to coaches (head coach only): PUT .../athletes/{id}/coaches here, and the
 * coach actions of the bulk route through `unknownCoachId`. Every coach id must name a current
 * coach of the organization, checked inside the write transaction (a coach removed meanwhile
 * cannot be assigned). The same shared rule as sync pushes (`checkAthleteChange`) has the last word.
 */
import { Athlete, checkAthleteChange } from '../../shared/domain/athlete';
import { sameDocumentState } from '../../shared/sync/protocol';
import { currentRole, requireHeadCoach, type Member } from '../auth/membership';
import { HttpProblem, forbidden, invalidRequest, notFound } from '../http/errors';
import type { DocumentStore, OrgWriter } from '../sync/store';

/** The first of `ids` that is not a current coach of the organization, if any. */
export async function unknownCoachId(w: OrgWriter, ids: readonly string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const known = new Set((await w.readMany('coaches', ids)).filter((d) => !d.deleted).map((d) => d.id));
  return ids.find((id) => !known.has(id)) ?? null;
}

export const notACoach = (id: string, field: string) =>
  new HttpProblem(400, 'invalid_request', `${field}: ${id} is not a coach of this organization`, field);

export async function setAthleteCoaches(store: DocumentStore, member: Member, athleteId: string, coachIds: string[]): Promise<Athlete> {
  requireHeadCoach(member, 'assign athletes to coaches');
  return store.write(member.orgId, async (w) => {
    const role = await currentRole(w, member);
    if (role !== 'head_coach') throw forbidden('Only the head coach can assign athletes to coaches.');
    const stored = await w.read('athletes', athleteId);
    if (!stored || stored.deleted) throw notFound('Athlete');
    const unknown = await unknownCoachId(w, coachIds);
    if (unknown) throw notACoach(unknown, 'coach_ids');
    const before = stored.data as Athlete;
    const after: Athlete = { ...before, coach_ids: coachIds };
    if (sameDocumentState(before, after)) return before;
    const refusal = checkAthleteChange(before, after, role);
    if (refusal) throw new HttpProblem(refusal.code === 'forbidden' ? 403 : 400, refusal.code, refusal.message, refusal.field);
    const parsed = Athlete.safeParse({ ...after, updated_at: new Date().toISOString() });
    if (!parsed.success) throw invalidRequest(parsed.error);
    await w.put('athletes', parsed.data);
    return parsed.data;
  });
}
