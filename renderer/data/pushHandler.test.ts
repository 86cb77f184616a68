/** The push handler against the fake server: push bases it supplies, and server copies it hands to the conflict handler. */
import { describe, expect, it } from 'vitest';
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import type { Group } from '../../shared/domain/group';
import type { CollectionConflicts } from './conflicts';
import { FakeSyncServer } from './fakeServer';
import { pushHandler } from './pushHandler';
import { trimToSchema } from './replication';
import { sampleGroup, uuid } from './testDb';

type Row = RxReplicationWriteToMasterRow<Group>;

function handler(server: FakeSyncServer) {
  const sent: Row[][] = [];
  const push = pushHandler({
    collection: 'groups',
    url: `http://sync.test/sync/v2/orgs/${uuid(500)}/groups/push`,
    headers: {},
    fetch: async (input, init) => {
      sent.push((JSON.parse(String(init?.body)) as { rows: Row[] }).rows);
      return server.fetch(input, init);
    },
    conflicts: { noteRejections: () => undefined } as unknown as CollectionConflicts<Group>,
    trim: (doc) => trimToSchema('groups', doc),
    awaitCollections: async () => undefined,
    failed: async (res) => {
      throw new Error(`HTTP ${res.status}`);
    },
  });
  return { push, sent };
}

const state = (g: Group, deleted = false) => ({ ...g, _deleted: deleted }) as WithDeleted<Group>;

describe('push bases', () => {
  it('sends a row RxDB left without a base against the state the server accepted from it last', async () => {
    const server = new FakeSyncServer();
    server.role = 'head_coach';
    const { push, sent } = handler(server);
    const group = sampleGroup(1, { name: 'Tuesday track' });
    expect(await push([{ newDocumentState: state(group) }])).toEqual([]);
    // The removal comes without a base (RxDB could not store one): it is not a conflict.
    expect(await push([{ newDocumentState: state(group, true) }])).toEqual([]);
    expect(sent[1]?.[0]?.assumedMasterState).toEqual(state(group));
    expect(server.get('groups', group.id)?._deleted).toBe(true);
  });

  it('leaves a row without a base alone when the server did not accept the earlier state', async () => {
    const server = new FakeSyncServer();
    server.role = 'head_coach';
    server.put('groups', sampleGroup(2, { name: 'Server name' }));
    const { push, sent } = handler(server);
    const local = sampleGroup(2, { name: 'Local name' });
    const conflicts = await push([{ newDocumentState: state(local) }]);
    expect(conflicts.map((c) => c.name)).toEqual(['Server name']);
    await push([{ newDocumentState: state(local, true) }]);
    expect(sent[1]?.[0]?.assumedMasterState).toBeUndefined();
    expect(server.get('groups', local.id)?._deleted).toBe(false);
  });
});
