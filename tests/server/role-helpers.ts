/**
 * Callers for the role and permission tests: a signed-in athlete (a demo athlete given a
 * password: joined, but no coach membership), organization API keys (also revoked ones), a session
 * that has expired, and the demo's coach ids.
 */
import { hashPassword } from '../../server/auth/password';
import { hashToken } from '../../server/auth/tokens';
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership } from '../../shared/domain/organization';
import { DEMO_PASSWORD, HEAD, login, request, type Reply, type RequestOptions, type Session, type TestServer } from './helpers';

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

/** Revokes `key` through the API after checking it worked (so the test proves revoking, not a bad key). */
export async function revokeKey(server: TestServer, head: Session, key: CreatedKey): Promise<CreatedKey> {
  const before = await request(server, 'GET', orgPath(head.orgId, '/coaches'), withKey(key.key));
  if (before.status !== 200) throw new Error(`key did not work before revoking: ${before.status}`);
  const res = await request(server, 'DELETE', orgPath(head.orgId, `/api-keys/${key.id}`), { token: head.token });
  if (res.status !== 204) throw new Error(`revoke key: ${res.status} ${res.text}`);
  return key;
}

/**
 * Lets `session` run out for real: its row's `expires_at` goes one minute into the past (the server
 * compares it with the database's now() on every request). Checked to work before and fail after.
 */
export async function expireSession(server: TestServer, session: Session): Promise<Session> {
  const me = () => request(server, 'GET', '/api/v1/me', { token: session.token });
  if ((await me()).status !== 200) throw new Error('session did not work before expiring');
  const res = await server.db.query("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1 RETURNING user_id", [hashToken(session.token)]);
  if (res.rows.length !== 1) throw new Error(`expire session: ${res.rows.length} rows`);
  if ((await me()).status !== 401) throw new Error('session still works after expiring');
  return session;
}

/**
 * The status of a live-stream request (text/event-stream never ends for an allowed caller): the
 * body is read only for an error answer; otherwise the connection is cut once the status is known.
 */
export async function streamStatus(server: TestServer, path: string, options: RequestOptions): Promise<Reply<ErrorBody>> {
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const controller = new AbortController();
  const res = await fetch(`${server.url}${path}`, { headers, signal: controller.signal });
  if (res.ok) {
    controller.abort();
    return { status: res.status, body: { error: { code: '', message: '' } }, headers: res.headers, text: '' };
  }
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as ErrorBody, headers: res.headers, text };
}
