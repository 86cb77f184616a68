/**
 * Callers for the role and permission tests: a signed-in athlete (a demo athlete given a
 * password: joined, but no coach membership), organization API keys, and the demo's coach ids.
 */
import { hashPassword } from '../../server/auth/password';
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership } from '../../shared/domain/organization';
import { DEMO_PASSWORD, HEAD, login, request, type Session, type TestServer } from './helpers';

export type ErrorBody = { error: { code: string; message: string; field?: string } };
export type Page = { data: Athlete[]; next_cursor: string | null };

export const orgPath = (orgId: string, p = '') => `/api/v1/organizations/${orgId}${p}`;

/** Gives the demo athlete at `index` (in list order) a password, and signs them in. */
export async function athleteSession(server: TestServer, head: Session, index = 0): Promise<Session & { athlete: Athlete }> {
  const list = await request<Page>(server, 'GET', orgPath(head.orgId, '/athletes?limit=200'), { token: head.token });
  const athlete = list.body.data[index];
  if (!athlete) throw new Error('no demo athlete');
  const hash = await hashPassword(DEMO_PASSWORD, { N: 1024, r: 8, p: 1 });
  await server.db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [hash, athlete.user_id]);
  return { ...(await login(server, athlete.email)), athlete };
}

export type CreatedKey = { id: string; key: string; key_prefix: string; name: string; expires_at: string | null };

export async function createKey(server: TestServer, head: Session, name = 'Integration', extra: Record<string, unknown> = {}): Promise<CreatedKey> {
  const res = await request<CreatedKey>(server, 'POST', orgPath(head.orgId, '/api-keys'), { token: head.token, json: { name, ...extra } });
  if (res.status !== 201) throw new Error(`create key: ${res.status} ${res.text}`);
  return res.body;
}

/** A request with an API key instead of a session token. */
export const withKey = (key: string, json?: unknown) => ({ headers: { 'x-api-key': key }, ...(json === undefined ? {} : { json }) });

export async function coaches(server: TestServer, session: Session): Promise<CoachMembership[]> {
  const res = await request<{ data: CoachMembership[] }>(server, 'GET', orgPath(session.orgId, '/coaches'), { token: session.token });
  return res.body.data;
}

export async function headSession(server: TestServer): Promise<Session> {
  return login(server, HEAD);
}
