/**
 * Email texts. Every value a person typed (names, organization) is escaped for the HTML part and
 * flattened to one line for the subject and the text part; the join link is shown as a button
 * and again as plain text, so it survives mail clients that strip links or HTML.
 */
import type { OutgoingMail } from './mailer';

export type InvitationEmailInput = {
  to: string;
  firstName: string;
  organizationName: string;
  /** The coach who sent it ("Maya Lopez"). */
  inviterName: string;
  url: string;
  /** ISO timestamp, or null when the link does not expire. */
  expiresAt: string | null;
};

export type CoachInvitationEmailInput = Omit<InvitationEmailInput, 'firstName'> & { firstName: string | null };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** One line, no control characters (a name with a newline must not start a new header or paragraph). */
export const flat = (value: string): string =>
  Array.from(value, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

/** "12 December 2026" (UTC), or null for no expiry or an unreadable date. */
export function expiryDay(expiresAt: string | null): string | null {
  if (expiresAt === null) return null;
  const t = Date.parse(expiresAt);
  if (Number.isNaN(t)) return null;
  return new Date(t).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}

type Body = { greeting: string; lines: string[]; button: string; url: string; footer: string[] };

function render(subject: string, to: string, body: Body): OutgoingMail {
  const text = [body.greeting, '', ...body.lines, '', `${body.button}:`, body.url, '', ...body.footer].join('\n');
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const href = escapeHtml(body.url);
  const html = [
    '<!doctype html>',
    '<html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1b1e">',
    p(body.greeting),
    ...body.lines.map(p),
    `<p style="margin:24px 0"><a href="${href}" style="background:#228be6;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(body.button)}</a></p>`,
    `<p style="margin:0 0 16px">Or open this link: <a href="${href}">${href}</a></p>`,
    ...body.footer.map((s) => `<p style="margin:0 0 8px;color:#868e96;font-size:13px">${escapeHtml(s)}</p>`),
    '</body></html>',
  ].join('\n');
  return { to, subject: flat(subject), text, html };
}

function footer(expiresAt: string | null): string[] {
  const day = expiryDay(expiresAt);
  return [
    ...(day ? [`This link works until ${day}.`] : []),
    'The link is personal: do not forward it. If you did not expect this email, you can ignore it.',
  ];
}

/** Single-use invitation of an athlete. */
export function invitationEmail(input: InvitationEmailInput): OutgoingMail {
  const org = flat(input.organizationName);
  const inviter = flat(input.inviterName);
  const name = flat(input.firstName);
  return render(`${inviter} invited you to join ${org} on Astral Coach`, input.to, {
    greeting: name ? `Hi ${name},` : 'Hi,',
    lines: [
      `${inviter} invited you to join ${org} on Astral Coach, where your coaches plan your training and follow your runs.`,
      'Open the link below to create your account, or sign in if you already have one, and accept.',
    ],
    button: `Join ${org}`,
    url: input.url,
    footer: footer(input.expiresAt),
  });
}

/** Invitation of a coach to an organization's staff. */
export function coachInvitationEmail(input: CoachInvitationEmailInput): OutgoingMail {
  const org = flat(input.organizationName);
  const inviter = flat(input.inviterName);
  const name = input.firstName === null ? '' : flat(input.firstName);
  return render(`${inviter} invited you to coach with ${org} on Astral Coach`, input.to, {
    greeting: name ? `Hi ${name},` : 'Hi,',
    lines: [`${inviter} invited you to join the coaching staff of ${org} on Astral Coach.`, 'Open the link below to create your account or sign in, and accept.'],
    button: `Join ${org} as a coach`,
    url: input.url,
    footer: footer(input.expiresAt),
  });
}
