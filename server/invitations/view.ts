/** What the join page shows for a token: the organization, who invited, and the invitee's prefill; null for any link that cannot be used. */
import { invitationUsable, type Invitation } from '../../shared/domain/invitation';
import type { Db } from '../db/db';
import { findToken } from './tokens';
import { invitationParties } from './who';

export type JoinView = {
  orgName: string;
  inviter: string | null;
  type: Invitation['type'];
  firstName: string | null;
  email: string | null;
};

export async function joinView(db: Db, token: string): Promise<JoinView | null> {
  const target = await findToken(db, token);
  if (!target) return null;
  const { rows } = await db.query<{ data: Invitation; deleted: boolean }>(
    `SELECT data, deleted FROM documents WHERE org_id = $1 AND collection = 'invitations' AND id = $2`,
    [target.orgId, target.invitationId],
  );
  const row = rows[0];
  if (!row || row.deleted || !invitationUsable(row.data)) return null;
  const inv = row.data;
  const parties = await invitationParties(db, target.orgId, inv.created_by);
  return { orgName: parties.orgName, inviter: parties.inviter, type: inv.type, firstName: inv.first_name, email: inv.email };
}
