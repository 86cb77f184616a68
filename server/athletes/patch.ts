/**
 * PATCH of an athlete through the REST API. It goes through the same DocumentStore write path as
 * a sync push (org lock, next seq, change event), so open apps see the edit live, and the same
 * rule (`checkAthleteChange`) with the caller's current role decides what is allowed; added
 * group ids must name groups of the organization.
 */
import { Athlete, checkAthleteChange, type AthletePatch } from '../../shared/domain/athlete';
import { sameDocumentState } from '../../shared/sync/protocol';
import { currentRole, type Member } from '../auth/membership';
import { HttpProblem, invalidRequest, notFound } from '../http/errors';
import { notAGroup, unknownGroupId } from '../sync/references';
import type { DocumentStore } from '../sync/store';

export async function patchAthlete(store: DocumentStore, member: Member, athleteId: string, patch: AthletePatch): Promise<Athlete> {
  return store.write(member.orgId, async (w) => {
    const role = await currentRole(w, member);
    const stored = await w.read('athletes', athleteId);
    if (!stored || stored.deleted) throw notFound('Athlete');
    const before = stored.data as Athlete;
    const after: Athlete = { ...before, ...patch };
    const refusal = checkAthleteChange(before, after, role);
    if (refusal) throw new HttpProblem(refusal.code === 'forbidden' ? 403 : 400, refusal.code, refusal.message, refusal.field);
    if (sameDocumentState(before, after)) return before;
    // Newly added groups must exist, the same rule a sync push gets (server/sync/references.ts).
    const missingGroup = await unknownGroupId(w, after.group_ids, before.group_ids);
    if (missingGroup) {
      const r = notAGroup(missingGroup);
      throw new HttpProblem(400, 'invalid_request', r.message, r.field);
    }
    const parsed = Athlete.safeParse({ ...after, updated_at: new Date().toISOString() });
    if (!parsed.success) throw invalidRequest(parsed.error); // names the field, like every other 400
    await w.put('athletes', parsed.data);
    return parsed.data;
  });
}
