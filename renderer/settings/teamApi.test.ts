import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../session/api';
import { NO_ACCOUNT_MESSAGE, addCoach, createApiKey, handOverHeadCoach, listApiKeys, removeCoach, revokeApiKey } from './teamApi';

const ctx = { serverUrl: 'http://127.0.0.1:9/', token: 'tok', orgId: 'org-1' };

function answer(status: number, body?: unknown) {
  const fetchMock = vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const failure = async (p: Promise<unknown>): Promise<ApiRequestError> => {
  const err: unknown = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof ApiRequestError)) throw new Error(`expected an ApiRequestError, got ${String(err)}`);
  return err;
};

afterEach(() => vi.unstubAllGlobals());

describe('settings REST client', () => {
  it('calls the organization routes with the bearer token and JSON bodies', async () => {
    const fetchMock = answer(201, { id: 'c', email: 'a@b.test' });
    await addCoach(ctx, '  a@b.test ');
    await handOverHeadCoach(ctx, 'c 1');
    await createApiKey(ctx, { name: ' Site ', expires_at: null });
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'POST http://127.0.0.1:9/api/v1/organizations/org-1/coaches',
      'PATCH http://127.0.0.1:9/api/v1/organizations/org-1/coaches/c%201',
      'POST http://127.0.0.1:9/api/v1/organizations/org-1/api-keys',
    ]);
    expect(calls.map(([, init]) => init.body)).toEqual(['{"email":"a@b.test"}', '{"role":"head_coach"}', '{"name":"Site","expires_at":null}']);
    expect((calls[0]?.[1].headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('reads lists and accepts 204 for a revoke', async () => {
    answer(200, { data: [{ id: 'k' }] });
    expect(await listApiKeys(ctx)).toEqual([{ id: 'k' }]);
    answer(204);
    await expect(revokeApiKey(ctx, 'k')).resolves.toBeUndefined();
  });

  it('says plainly that an unknown email has no account', async () => {
    answer(404, { error: { code: 'user_not_found', message: 'No Astral account uses x@y.test. …', field: 'email' } });
    const err = await failure(addCoach(ctx, 'x@y.test'));
    expect(err).toMatchObject({ status: 404, code: 'user_not_found', field: 'email', message: NO_ACCOUNT_MESSAGE });
  });

  it("keeps the server's message for other refusals", async () => {
    answer(409, { error: { code: 'already_coach', message: 'a@b.test is already a coach of this organization.', field: 'email' } });
    expect((await failure(addCoach(ctx, 'a@b.test'))).message).toBe('a@b.test is already a coach of this organization.');
    answer(409, { error: { code: 'cannot_remove_head_coach', message: 'The head coach cannot be removed.' } });
    expect(await failure(removeCoach(ctx, 'h'))).toMatchObject({ status: 409, message: 'The head coach cannot be removed.' });
  });

  it('an unreachable server means "needs a connection", naming the action', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const err = await failure(removeCoach(ctx, 'c'));
    expect(err.code).toBe('offline');
    expect(err.message).toMatch(/^Removing a coach needs a connection to the server\..*nothing was changed/);
  });

  it('an offline browser is not even asked to fetch', async () => {
    const fetchMock = answer(200, { data: [] });
    vi.stubGlobal('navigator', { onLine: false });
    const err = await failure(createApiKey(ctx, { name: 'x', expires_at: null }));
    expect(err).toMatchObject({ code: 'offline', message: expect.stringMatching(/^Creating an API key needs a connection to the server/) });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
