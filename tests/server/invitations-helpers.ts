/**
 * Helpers of the invitation tests: a recording mailer swapped into a running server, invitation
 * creation, accepting, users made straight in the database (fast) with sessions, and the demo's
 * group and plan ids.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/password';
import { createSession } from '../../server/auth/sessions';
import type { Mailer, OutgoingMail } from '../../server/mail/mailer';
import type { Invitation } from '../../shared/domain/invitation';
import { request, type Reply, type Session, type TestServer } from './helpers';
import { orgPath } from './role-helpers';

export type CreatedInvitation = Invitation & { url: string; state: string };

/** Replaces the server's mailer; `fail` makes every send throw that message. */
export function recordMail(server: TestServer, fail?: string): { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    async send(mail) {
      if (fail) throw new Error(fail);
      sent.push(mail);
      return { messageId: `<${randomUUID()}@test>`, via: 'memory' };
    },
    describe: () => 'memory',
    async close() {},
  };
  server.services.mailer = mailer;
  return { sent };
}

export async function invite(server: TestServer, s: Session, body: Record<string, unknown>): Promise<CreatedInvitation> {
  const res = await request<CreatedInvitation>(server, 'POST', orgPath(s.orgId, '/invitations'), { token: s.token, json: body });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${res.text}`);
  return res.body;
}

export const tokenOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1);
export const uniqueEmail = (prefix = 'runner') => `${prefix}-${randomBytes(4).toString('hex')}@example.test`;

export const newAccount = (email: string, extra: Record<string, unknown> = {}) => ({ first_name: 'Nia', last_name: 'Runner', email, password: 'long-enough-pw', ...extra });

export function accept(server: TestServer, token: string, body?: unknown, sessionToken?: string): Promise<Reply<{ organization_id: string; athlete_id: string; error?: { code: string; message: string } }>> {
  return request(server, 'POST', `/api/v1/invitations/${token}/accept`, { json: body, token: sessionToken });
}

/** A user with a password (cheap scrypt) and a session, made in the database directly. */
export async function makeUser(server: TestServer, email = uniqueEmail(), password: string | null = 'long-enough-pw'): Promise<{ id: string; email: string; token: string }> {
  const id = randomUUID();
  const hash = password === null ? null : await hashPassword(password, { N: 1024, r: 8, p: 1 });
  await server.db.query('INSERT INTO users (id, email, first_name, last_name, password_hash) VALUES ($1, $2, $3, $4, $5)', [id, email, 'Existing', 'User', hash]);
  return { id, email, token: await createSession(server.db, id) };
}

export async function demoIds(server: TestServer, s: Session): Promise<{ groupId: string; planId: string }> {
  const groups = await request<{ data: { id: string }[] }>(server, 'GET', orgPath(s.orgId, '/groups'), { token: s.token });
  const plans = await request<{ data: { id: string; archived: boolean }[] }>(server, 'GET', orgPath(s.orgId, '/training-plans?archived=false'), { token: s.token });
  const groupId = groups.body.data[0]?.id;
  const planId = plans.body.data[0]?.id;
  if (!groupId || !planId) throw new Error('demo has no group or plan');
  return { groupId, planId };
}

export async function invitationDoc(server: TestServer, orgId: string, id: string): Promise<Invitation> {
  const stored = await server.store.get(orgId, 'invitations', id);
  if (!stored) throw new Error('no invitation');
  return stored.data as Invitation;
}
