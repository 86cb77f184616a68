import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../session/api';
import {
  NO_ACCOUNT_MESSAGE,
  addCoach,
  createApiKey,
  handOverHeadCoach,
  inviteCoach,
  listApiKeys,
  listOpenCoachInvitations,
  removeCoach,
  resendCoachInvitation,
  revokeApiKey,
  revokeCoachInvitation,
} from './teamApi';

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

/** A coach invitation in the wire shape of shared/domain/coachInvitation.ts. */
const invitation = (over: Record<string, unknown> = {}) => ({
  id: 'i', email: 'new@b.test', first_name: null, status: 'pending', invited_by: 'h', invited_by_name: 'Head', expires_at: '2026-01-15T00:00:00.000Z',
  send_count: 1, email_status: 'sent', email_error: null, last_sent_at: null, accepted_at: null, accepted_coach_id: null, revoked_at: null,
  created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', ...over,
});

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
    expect(calls.map(([, init]) => init.body)).toEqual(['{"email":"a@b.test","invite":false}', '{"role":"head_coach"}', '{"name":"Site","expires_at":null}']);
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

  it('coach invitations: invite (first name only when typed), tell an invitation from an account added meanwhile, list the open ones, resend, revoke', async () => {
    const inv = invitation({ id: 'i 1', email: 'new@b.test' });
    let fetchMock = answer(202, { invitation: inv });
    expect(await inviteCoach(ctx, ' new@b.test ', '  ')).toEqual({ kind: 'invited', invitation: inv });
    expect((fetchMock.mock.calls as unknown as [string, RequestInit][])[0]?.[1].body).toBe('{"email":"new@b.test"}');
    fetchMock = answer(201, { id: 'c', email: 'new@b.test' });
    expect(await inviteCoach(ctx, 'new@b.test', ' Ana ')).toEqual({ kind: 'added', coach: { id: 'c', email: 'new@b.test' } });
    expect((fetchMock.mock.calls as unknown as [string, RequestInit][])[0]?.[1].body).toBe('{"email":"new@b.test","first_name":"Ana"}');
    answer(200, { data: [inv, { ...inv, id: 'a', status: 'accepted' }, { ...inv, id: 'e', status: 'expired' }, { ...inv, id: 'r', status: 'revoked' }], next_cursor: null });
    expect((await listOpenCoachInvitations(ctx)).map((i) => i.id)).toEqual(['i 1', 'e']);
    fetchMock = answer(200, inv);
    await resendCoachInvitation(ctx, 'i 1');
    await revokeCoachInvitation(ctx, 'i 1');
    expect((fetchMock.mock.calls as unknown as [string, RequestInit][]).map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'POST http://127.0.0.1:9/api/v1/organizations/org-1/coach-invitations/i%201/resend',
      'DELETE http://127.0.0.1:9/api/v1/organizations/org-1/coach-invitations/i%201',
    ]);
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect((await failure(inviteCoach(ctx, 'new@b.test', ''))).message).toMatch(/^Sending an invitation needs a connection to the server/);
  });

  it('a malformed invitation answer is a clear error, not a crash later', async () => {
    answer(200, { data: [invitation({ status: 'lost' })] });
    const err = await failure(listOpenCoachInvitations(ctx));
    expect(err).toMatchObject({ code: 'bad_answer', message: expect.stringMatching(/^The server sent a list of invitations this app cannot read \(data\.0\.status/) });
    answer(200, { items: [] });
    expect((await failure(listOpenCoachInvitations(ctx))).code).toBe('bad_answer');
    answer(202, { invitation: { id: 'x' } });
    expect((await failure(inviteCoach(ctx, 'x@b.test', ''))).message).toMatch(/^The server sent an invitation this app cannot read/);
    answer(200, null);
    expect((await failure(revokeCoachInvitation(ctx, 'x'))).code).toBe('bad_answer');
  });
});
