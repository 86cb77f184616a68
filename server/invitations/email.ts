/**
 * The email of a single-use invitation. Each email carries a token of its own (registered as kind
 * 'email'), made in the write that asked for it; the message is sent after the commit (never while
 * holding the organization's lock) and its outcome is written back to the invitation with a second
 * store write, so every coach's app sees "sent" or "failed: <why>". A failure never undoes the
 * invitation: the coach resends. Only the outcome of the newest email is written (a resend made
 * while an older email was still going out wins).
 */
import { joinUrl, type Invitation } from '../../shared/domain/invitation';
import type { Services } from '../api/deps';
import { oneLine } from '../mail/mailer';
import { invitationEmail } from '../mail/templates';
import type { OrgWriter } from '../sync/store';
import { storeOf } from './store-link';
import { hashToken, newToken, registerTokenHash } from './tokens';
import { invitationParties } from './who';

/** Makes the email's token in this write and sends the email once the write committed. */
export async function queueInvitationEmail(w: OrgWriter, inv: Invitation, services: Services): Promise<void> {
  if (inv.type !== 'single_use' || !inv.email) return;
  const token = newToken();
  await registerTokenHash(w.tx, hashToken(token), { orgId: w.orgId, invitationId: inv.id, kind: 'email' });
  const parties = await invitationParties(w.tx, w.orgId, inv.created_by);
  const orgId = w.orgId;
  const mail = invitationEmail({
    to: inv.email,
    firstName: inv.first_name ?? '',
    organizationName: parties.orgName,
    inviterName: parties.inviter ?? 'Your coach',
    url: joinUrl(services.publicUrl, token),
    expiresAt: inv.expires_at,
  });
  const sendCount = inv.send_count;
  w.afterCommit(async () => {
    let outcome: { email_status: 'sent' | 'failed'; email_error: string | null };
    try {
      await services.mailer.send(mail);
      outcome = { email_status: 'sent', email_error: null };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outcome = { email_status: 'failed', email_error: oneLine(Array.from(message, (ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch)).join(''), 300) || 'sending failed' };
    }
    await recordOutcome(services, orgId, inv.id, sendCount, outcome);
  });
}

async function recordOutcome(services: Services, orgId: string, id: string, sendCount: number, outcome: { email_status: 'sent' | 'failed'; email_error: string | null }): Promise<void> {
  const store = storeOf(services);
  if (!store) throw new Error('invitation email: no document store linked to these services');
  await store.write(orgId, async (w) => {
    const stored = await w.read('invitations', id);
    if (!stored || stored.deleted) return;
    const cur = stored.data as Invitation;
    if (cur.send_count !== sendCount) return;
    const now = new Date().toISOString();
    await w.put('invitations', { ...cur, ...outcome, last_sent_at: outcome.email_status === 'sent' ? now : cur.last_sent_at, updated_at: now });
  });
}
