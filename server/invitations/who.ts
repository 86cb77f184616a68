/** Names shown to an invited athlete: the organization's and the inviting coach's (join page, email). */
import type { Db } from '../db/db';

export type InvitationParties = { orgName: string; inviter: string | null };

/** The organization's name and "First Last" of the coach who created the invitation (null for an API key or a vanished coach). */
export async function invitationParties(db: Db, orgId: string, coachId: string): Promise<InvitationParties> {
  const { rows } = await db.query<{ name: string; first: string | null; last: string | null }>(
    `SELECT o.name, d.data->>'first_name' AS first, d.data->>'last_name' AS last
       FROM organizations o
       LEFT JOIN documents d ON d.org_id = o.id AND d.collection = 'coaches' AND d.id = $2
      WHERE o.id = $1`,
    [orgId, coachId],
  );
  const row = rows[0];
  const inviter = row?.first ? `${row.first} ${row.last ?? ''}`.trim() : null;
  return { orgName: row?.name ?? 'an organization', inviter };
}
