import { expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens';
import { COACH1, COACH2, describeOnBackends, login, request } from './helpers';
import { openSse, type SseStream } from './sse';

const within = (p: Promise<void>, ms = 5_000) =>
  Promise.race([p.then(() => 'ended'), new Promise<string>((resolve) => setTimeout(() => resolve('still open'), ms))]);

describeOnBackends(
  'live stream lifetime',
  (server) => {
    const open = async (token: string, orgId: string): Promise<SseStream> => {
      const stream = await openSse(`${server().url}/sync/v2/orgs/${orgId}/stream`, { authorization: `Bearer ${token}` });
      expect(stream.status).toBe(200);
      await stream.next((e) => e.event === 'ready');
      return stream;
    };

    it('takes the token from the Authorization header only, never from ?token=', async () => {
      const s = await login(server(), COACH1);
      const res = await request(server(), 'GET', `/sync/v2/orgs/${s.orgId}/stream?token=${s.token}`);
      expect(res.status).toBe(401);
    });

    it('logout closes the open streams of that session at once; other sessions keep theirs', async () => {
      const s = await login(server(), COACH1);
      const other = await login(server(), COACH1);
      const mine = await open(s.token, s.orgId);
      const theirs = await open(other.token, other.orgId);
      expect((await request(server(), 'POST', '/api/v1/auth/logout', { token: s.token })).status).toBe(204);
      expect(await within(mine.ended, 1_000)).toBe('ended'); // well before a heartbeat re-check could
      expect(await within(theirs.ended, 500)).toBe('still open');
      theirs.close();
      await expect.poll(() => server().store.streams.count()).toBe(0);
    });

    it('a heartbeat ends the stream when the session is gone from the database (e.g. signed out on another instance)', async () => {
      const s = await login(server(), COACH1);
      const stream = await open(s.token, s.orgId);
      await server().db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(s.token)]);
      expect(await within(stream.ended)).toBe('ended');
    });

    it('a heartbeat ends the stream when the caller no longer coaches the organization', async () => {
      const s = await login(server(), COACH2);
      const stream = await open(s.token, s.orgId);
      expect(await within(stream.ended, 600)).toBe('still open'); // heartbeats alone do not end it
      await server().db.query(`UPDATE documents SET deleted = true WHERE collection = 'coaches' AND data->>'user_id' = $1`, [s.userId]);
      expect(await within(stream.ended)).toBe('ended');
      await expect.poll(() => server().store.bus.listenerCount(s.orgId)).toBe(0);
    });
  },
  { heartbeatMs: 100 },
);
