/**
 * Runs in Chromium (bundled by db-upgrade.spec.ts with esbuild): plays the PREVIOUS build of the
 * app against IndexedDB, then reads what the current build left there.
 *
 * The previous build is the app's own database code with the athlete schema as it was at
 * version 0 (no profile fields) and sync protocol 1: same database name, storage (validated
 * Dexie), options and replication identifiers (`astral-{collection}-{server}/sync/v{N}/orgs/{org}`)
 * as that build made them. Its pulls come from the server with the profile fields taken out (what
 * the server of that time sent); its pushes go to /sync/v1, which the current server answers with
 * 426, as it would after the server was upgraded and before the coach updated the app (with
 * `syncVersion` 2, a schema change without a protocol change, its pushes fail as offline): every
 * edit made then stays unsent in IndexedDB.
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { EMPTY_PROFILE_FIELDS, type Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import { databaseName, defaultStorage, openAstralDatabase } from '../../renderer/data/database';
import { rxdbHash } from '../../renderer/data/hash';
import { athleteSchema, groupSchema } from '../../renderer/data/schemas';

export type OldClientInput = { serverUrl: string; token: string; orgId: string; userId: string; syncVersion: number };
export type Edits = { renamed: string; noted: string; labelled: string; group: string; newGroup: string };
export type LocalState = { athleteIds: string[]; groupIds: string[]; athletes: Record<string, Athlete>; groups: Record<string, Group> };

const PROFILE_FIELDS = Object.keys(EMPTY_PROFILE_FIELDS);
/** The athlete schema of the previous build: version 0, without the profile fields. */
const athleteSchemaV0 = {
  ...athleteSchema,
  version: 0,
  properties: Object.fromEntries(Object.entries(athleteSchema.properties).filter(([k]) => !PROFILE_FIELDS.includes(k))),
  required: (athleteSchema.required as string[]).filter((k) => !PROFILE_FIELDS.includes(k)),
} as unknown as RxJsonSchema<Record<string, unknown>>;

type Doc = Record<string, unknown> & { id: string };
const OLD_COLLECTIONS = { athletes: athleteSchemaV0, groups: groupSchema as unknown as RxJsonSchema<Record<string, unknown>> };
type OldName = keyof typeof OLD_COLLECTIONS;

const fieldsOf = (c: OldName) => Object.keys(OLD_COLLECTIONS[c].properties);

let plugins = false;

/** The previous build: first sync, then offline edits that cannot be pushed; closes its database. */
async function oldClient(input: OldClientInput, edits: Edits): Promise<LocalState> {
  if (!plugins) {
    plugins = true;
    addRxPlugin(RxDBLocalDocumentsPlugin);
    addRxPlugin(RxDBLeaderElectionPlugin);
  }
  const db = await createRxDatabase<Record<OldName, RxCollection<Doc>>>({
    name: databaseName(input.serverUrl, input.userId, input.orgId),
    storage: defaultStorage(),
    multiInstance: true,
    localDocuments: true,
    hashFunction: rxdbHash,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections({ athletes: { schema: OLD_COLLECTIONS.athletes }, groups: { schema: OLD_COLLECTIONS.groups } });
  const auth = { authorization: `Bearer ${input.token}` };
  const old = `${input.serverUrl}/sync/v${input.syncVersion}/orgs/${input.orgId}`;
  const current = `${input.serverUrl}/sync/v2/orgs/${input.orgId}`;
  const replications = (Object.keys(OLD_COLLECTIONS) as OldName[]).map((c) =>
    replicateRxCollection<Doc, { seq: number }>({
      collection: db[c],
      replicationIdentifier: `astral-${c}-${old}`,
      live: true,
      retryTime: 500,
      waitForLeadership: true,
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: 1000,
        handler: async (checkpoint, batchSize) => {
          const res = await fetch(`${current}/${c}/pull?seq=${checkpoint?.seq ?? 0}&limit=${batchSize}`, { headers: auth });
          if (!res.ok) throw new Error(`pull ${c}: ${res.status}`);
          const body = (await res.json()) as { documents: Doc[]; checkpoint: { seq: number } | null };
          const documents = body.documents.map((d) => ({ ...Object.fromEntries(fieldsOf(c).filter((k) => k in d).map((k) => [k, d[k]])), _deleted: Boolean(d._deleted) }) as Doc & { _deleted: boolean });
          return { documents, checkpoint: body.checkpoint ?? checkpoint ?? { seq: 0 } };
        },
      },
      push: {
        batchSize: 500,
        handler: async (rows) => {
          // Protocol 1: the upgraded server refuses the old protocol (426). Same protocol: the coach is offline.
          if (input.syncVersion === 2) throw new TypeError('Failed to fetch (offline)');
          const res = await fetch(`${old}/${c}/push`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ rows }) });
          if (!res.ok) throw new Error(`push ${c}: ${res.status}`);
          return ((await res.json()) as { conflicts: Doc[] }).conflicts as never;
        },
      },
    }),
  );
  await Promise.all(replications.map((r) => r.awaitInitialReplication()));

  const athletes = (await db.athletes.find({ sort: [{ id: 'asc' }] }).exec()).filter((a) => a.get('status') === 'active');
  const [a, b, c] = athletes;
  const group = await db.groups.findOne().exec();
  if (!a || !b || !c || !group) throw new Error('the demo roster has no three athletes or no group');
  await a.incrementalPatch({ display_name: edits.renamed });
  await b.incrementalPatch({ private_notes: edits.noted });
  await c.incrementalPatch({ labels: [...(c.get('labels') as string[]), edits.labelled] });
  await group.incrementalPatch({ name: edits.group });
  const now = new Date().toISOString();
  await db.groups.insert({ id: crypto.randomUUID(), name: edits.newGroup, created_at: now, updated_at: now });
  // Give the pushes time to be tried (and refused with 426), as the old app would have.
  await new Promise((r) => setTimeout(r, 1500));
  const state = await snapshot(db.athletes, db.groups);
  await Promise.all(replications.map((r) => r.cancel()));
  await db.close();
  return state;
}

async function snapshot(athletes: RxCollection<Doc>, groups: RxCollection<Doc>): Promise<LocalState> {
  const as = await athletes.find().exec();
  const gs = await groups.find().exec();
  return {
    athleteIds: as.map((d) => d.primary).sort(),
    groupIds: gs.map((d) => d.primary).sort(),
    athletes: Object.fromEntries(as.map((d) => [d.primary, d.toJSON() as unknown as Athlete])),
    groups: Object.fromEntries(gs.map((d) => [d.primary, d.toJSON() as unknown as Group])),
  };
}

/** The current build's database as the app left it (no replication): what it holds now. */
async function currentState(input: Omit<OldClientInput, 'token' | 'syncVersion'>): Promise<LocalState> {
  const { db } = await openAstralDatabase({ name: databaseName(input.serverUrl, input.userId, input.orgId), onNotice: () => undefined, collections: ['athletes', 'groups'] });
  const state = await snapshot(db.athletes as unknown as RxCollection<Doc>, db.groups as unknown as RxCollection<Doc>);
  await db.close();
  return state;
}

(window as unknown as { upgradeHarness: unknown }).upgradeHarness = { oldClient, currentState };
