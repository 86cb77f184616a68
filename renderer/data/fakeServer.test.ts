import { describe, expect, it } from 'vitest';
import { FakeSyncServer } from './fakeServer';
import { sampleAthlete, uuid } from './testDb';

const push = async (server: FakeSyncServer, rows: unknown[]) => {
  const res = await server.fetch(`http://sync.test/sync/v2/orgs/${uuid(500)}/athletes/push`, { method: 'POST', body: JSON.stringify({ rows }) });
  return (await res.json()) as { conflicts: unknown[]; rejections: { id: string; code: string }[] };
};

describe('fake sync server push rule (as server/sync/push.ts)', () => {
  it('treats the retry of an applied push as a no-op, not a conflict', async () => {
    const server = new FakeSyncServer();
    server.put('athletes', sampleAthlete(1));
    const assumed = { ...sampleAthlete(1), _deleted: false };
    const next = { ...assumed, display_name: 'Speedy' };
    expect(await push(server, [{ newDocumentState: next, assumedMasterState: assumed }])).toEqual({ conflicts: [], rejections: [] });
    const seq = server.seq;
    // The answer was lost; the client sends the same row again with the old assumed state.
    expect(await push(server, [{ newDocumentState: next, assumedMasterState: assumed }])).toEqual({ conflicts: [], rejections: [] });
    expect(server.seq).toBe(seq); // nothing written
  });

  it('refuses rows the server does not have without returning a master copy', async () => {
    const server = new FakeSyncServer();
    const doc = { ...sampleAthlete(2), _deleted: false };
    const missing = await push(server, [{ newDocumentState: doc, assumedMasterState: doc }]);
    expect(missing).toEqual({ conflicts: [], rejections: [expect.objectContaining({ id: uuid(2), code: 'not_found' })] });
    const created = await push(server, [{ newDocumentState: doc, assumedMasterState: null }]);
    expect(created).toEqual({ conflicts: [], rejections: [expect.objectContaining({ id: uuid(2), code: 'forbidden' })] });
  });
});
