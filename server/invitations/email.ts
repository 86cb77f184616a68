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
import type { OutgoingMail } from '../mail/mailer';
import type { OrgWriter } from '../sync/store';
import { storeOf } from './store-link';
import { hashToken, newToken, registerTokenHash } from './tokens';
import { invitationParties } from './who';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

export type InvitationMailInput = { to: string; firstName: string; orgName: string; inviter: string | null; url: string };

/** Subject, plain text and HTML of the invitation email. */
export function invitationMail(input: InvitationMailInput): OutgoingMail {
  const who = input.inviter ? `Coach ${input.inviter} invites you` : 'You are invited';
  const lead = `${who} to join ${input.orgName} on Astral.`;
  const text = [`Hi ${input.firstName},`, '', lead, '', 'Open this link to accept:', input.url, '', 'The link is personal: do not forward it.'].join('\n');
  const html =
    `<p>Hi ${escapeHtml(input.firstName)},</p><p>${escapeHtml(lead)}</p>` +
    `<p><a href="${escapeHtml(input.url)}">Accept the invitation</a></p><p>Or open this link: ${escapeHtml(input.url)}</p>` +
    `<p>The link is personal: do not forward it.</p>`;
  return { to: input.to, subject: `${input.orgName}: invitation to join on Astral`, text, html };
}

/** Makes the email's token in this write and sends the email once the write committed. */
export async function queueInvitationEmail(w: OrgWriter, inv: Invitation, services: Services): Promise<void> {
  if (inv.type !== 'single_use' || !inv.email) return;
  const token = newToken();
  await registerTokenHash(w.tx, hashToken(token), { orgId: w.orgId, invitationId: inv.id, kind: 'email' });
  const parties = await invitationParties(w.tx, w.orgId, inv.created_by);
  const orgId = w.orgId;
  const mail = invitationMail({ to: inv.email, firstName: inv.first_name ?? '', orgName: parties.orgName, inviter: parties.inviter, url: joinUrl(services.publicUrl, token) });
  const sendCount = inv.send_count;
  w.afterCommit(async () => {
    let outcome: { email_status: 'sent' | 'failed'; email_error: string | null };
    try {
      await services.mailer.send(mail);
      outcome = { email_status: 'sent', email_error: null };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outcome = { email_status: 'failed', email_error: message.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 300) || 'sending failed' };
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
