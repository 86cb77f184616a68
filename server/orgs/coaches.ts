/**
 * Coach memberships (collection `coaches`, server-written only). Handing over the head-coach role
 * rewrites both memberships in one transaction; role checks everywhere read the membership
 * from the database at the time of the request, never a role remembered from sign-in.
 */
import type { CoachMembership } from '../../shared/domain/organization';
import { forbidden, notFound } from '../http/errors';
import type { DocumentStore } from '../sync/store';

export async function handOverHeadCoach(store: DocumentStore, orgId: string, callerUserId: string, targetCoachId: string): Promise<CoachMembership> {
  return store.write(orgId, async (w) => {
    const caller = await w.membership(callerUserId);
    if (!caller) throw forbidden('You are not a coach of this organization.');
    if (caller.role !== 'head_coach') throw forbidden('Only the head coach can hand over the head-coach role.', 'role');
    const target = await w.read('coaches', targetCoachId);
    if (!target || target.deleted) throw notFound('Coach');
    const targetDoc = target.data as CoachMembership;
    if (targetDoc.role === 'head_coach') return targetDoc;
    const now = new Date().toISOString();
    const callerDoc = await w.read('coaches', caller.id);
    if (!callerDoc) throw forbidden('You are not a coach of this organization.');
    await w.put('coaches', { ...(callerDoc.data as CoachMembership), role: 'coach', updated_at: now });
    const promoted: CoachMembership = { ...targetDoc, role: 'head_coach', updated_at: now };
    await w.put('coaches', promoted);
    return promoted;
  });
}
