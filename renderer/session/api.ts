/**
 * Client of the account endpoints of the server's public API (/api/v1): login, signup, config,
 * me, logout. Errors come back as ApiRequestError with the server's message, or a clear
 * "cannot reach" message when there is no answer at all.
 */
import type { LoginRequest, OrganizationMembershipSummary, SessionResponse, SignupRequest, User } from '../../shared/domain/organization';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export const normalizeServerUrl = (url: string) => url.trim().replace(/\/+$/, '');

/** The dashboard's own origin when served over http(s); the local default server otherwise. */
export function defaultServerUrl(): string {
  if (typeof window !== 'undefined' && /^https?:$/.test(window.location.protocol)) return window.location.origin;
  return 'http://127.0.0.1:8787';
}

/** One call to /api/v1 (also used by renderer/settings/teamApi.ts); errors as ApiRequestError. */
export async function request<T>(serverUrl: string, path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const base = normalizeServerUrl(serverUrl);
  let url: string;
  try {
    url = new URL(`/api/v1${path}`, `${base}/`).toString();
  } catch {
    throw new ApiRequestError(0, 'bad_url', `"${serverUrl}" is not a server address (for example http://127.0.0.1:8787).`);
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers, cache: 'no-store' });
  } catch {
    throw new ApiRequestError(0, 'unreachable', `Cannot reach the server at ${base}. Check the address and your connection.`);
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiRequestError(res.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${res.status}.`, error?.field);
  }
  return body as T;
}

export function login(serverUrl: string, credentials: LoginRequest): Promise<SessionResponse> {
  return request<SessionResponse>(serverUrl, '/auth/login', { method: 'POST', body: JSON.stringify(credentials) }).catch((err: unknown) => {
    if (err instanceof ApiRequestError && err.status === 401) throw new ApiRequestError(401, err.code, 'Wrong email or password.');
    throw err;
  });
}

export function signup(serverUrl: string, input: SignupRequest): Promise<SessionResponse> {
  return request<SessionResponse>(serverUrl, '/auth/signup', { method: 'POST', body: JSON.stringify(input) });
}

export type ServerConfig = { signupOpen: boolean; syncSchemaVersion: number | null };

export async function getConfig(serverUrl: string): Promise<ServerConfig> {
  const body = await request<{ signup?: string; sync_schema_version?: number }>(serverUrl, '/config');
  return { signupOpen: body.signup === 'open', syncSchemaVersion: body.sync_schema_version ?? null };
}

export type Me = { user: User; organizations: OrganizationMembershipSummary[] };

export function getMe(serverUrl: string, token: string): Promise<Me> {
  return request<Me>(serverUrl, '/me', { token });
}

export function logout(serverUrl: string, token: string): Promise<void> {
  return request<void>(serverUrl, '/auth/logout', { method: 'POST', token });
}
