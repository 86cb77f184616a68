/** The first-sync suite's figures and method notes, from what run.ts measured. */
import type { Figure } from '../../lib/report';
import type { AppSyncResult, BulkPutResult, CatchUpResult, LayoutFloorResult, PouchResult, RawPullResult } from './harness/main';

export type Measured = {
  total: number;
  app: AppSyncResult | null;
  appNote: string;
  heapMb: number | null;
  rawAll: RawPullResult | null;
  bulk: BulkPutResult | null;
  bulkHeapMb: number | null;
  /** The same documents put into the stores RxDB makes for the app (harness layoutFloor). */
  floor: LayoutFloorResult | null;
  pouch: PouchResult | null;
  pouchNote: string;
  catchUp: CatchUpResult | null;
  catchUpNote: string;
  rawRange: RawPullResult | null;
};

const sec = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : ms / 1000);
const n = (x: number) => x.toLocaleString('en');

export function firstSyncFigures(m: Measured): Figure[] {
  const appS = sec(m.app?.ms);
  const pouchS = m.pouch ? m.pouch.ms / 1000 : null;
  return [
    {
      label: `First sync, app (renderer/data into Dexie): ${n(m.total)} documents`,
      value: appS,
      unit: 's',
      baseline: { label: 'Dexie bulkPut of the same documents', value: sec(m.bulk?.ms) },
      ratioTarget: { op: '<=', value: 2 },
      note: m.appNote,
    },
    {
      label: 'First sync, app vs PouchDB replication',
      value: appS,
      unit: 's',
      baseline: { label: m.pouch && !m.pouch.finished ? 'PouchDB, stopped unfinished: a lower bound' : 'PouchDB from express-pouchdb', value: pouchS },
      ratioTarget: { op: '<=', value: 0.33 },
      note: m.pouchNote,
    },
    {
      label: 'Floor of the app\'s storage layout: the same documents bulkPut into RxDB\'s stores for them',
      value: sec(m.floor?.ms),
      unit: 's',
      baseline: { label: 'Dexie bulkPut of the same documents', value: sec(m.bulk?.ms) },
      note: m.floor
        ? `each document into its collection's store (key, [_deleted+id], the schema's indexes, [_meta.lwt+id], [_meta.lwt]) and, in every pushed collection (all but coaches), its server copy into the replication's meta store; no read, no RxDB bookkeeping, no network. The app's first sync is ${appS === null ? 'not measured' : `${(appS / (m.floor.ms / 1000)).toFixed(2)}x this`}`
        : 'not measured: too little time left',
    },
    {
      label: 'First sync: peak renderer JS heap',
      value: m.heapMb,
      unit: 'MB',
      note: m.bulkHeapMb === null ? 'JSHeapUsedSize (CDP), sampled every 250 ms' : `JSHeapUsedSize (CDP), sampled every 250 ms; the bulkPut page peaked at ${m.bulkHeapMb.toFixed(0)} MB holding every document parsed at once`,
    },
    {
      label: 'Raw pull of the whole organization (HTTP + JSON, nothing stored)',
      value: sec(m.rawAll?.ms),
      unit: 's',
      note: m.rawAll ? `${n(m.rawAll.docs)} documents in ${n(m.rawAll.requests)} requests of up to 1,000, one loop per collection, all at once: the network and server share of a first sync` : undefined,
    },
    {
      label: 'Offline catch-up: back online -> 5,000 changes in the app',
      value: sec(m.catchUp?.ms),
      unit: 's',
      baseline: { label: 'raw pull of the same seq range', value: sec(m.rawRange?.ms) },
      ratioTarget: { op: '<=', value: 2 },
      note: m.catchUpNote,
    },
    {
      label: 'Floor of a catch-up in the app\'s storage layout: read and put 5,000 documents and their server copies',
      value: sec(m.floor?.catchUpMs),
      unit: 's',
      baseline: { label: 'raw pull of the catch-up\'s seq range', value: sec(m.rawRange?.ms) },
      note: m.floor
        ? `${n(Math.round(m.floor.catchUpDocs))} existing documents of the layout floor's stores: one bulkGet of their keys in each store, then one bulkPut of new versions into each; what a correct catch-up must do at the least (it reads the local and server copies not to overwrite an edit not yet pushed), without network, RxDB or its checkpoint. The app's catch-up is ${m.catchUp?.ms === null || m.catchUp?.ms === undefined ? 'not measured' : `${(m.catchUp.ms / m.floor.catchUpMs).toFixed(2)}x this`}`
        : 'not measured: too little time left',
    },
  ];
}

export const METHOD_NOTES = [
  'Method: one Chromium (Playwright, /usr/bin/chromium) and one harness page (tests/bench/suites/first-sync/harness, bundled with esbuild) run the three first syncs, each into its own IndexedDB database, one after the other: the app\'s data layer (openAstralDatabase on validated Dexie + startSync, live stream on, as after sign-in; timed from opening the database to firstSync resolved), Dexie bulkPut of the same documents already parsed in the page (one table per collection keyed by id, one bulkPut per collection; fetching and parsing them is not timed), and PouchDB 9 (pouchdb-browser, IndexedDB adapter, batch_size 1,000 like the app\'s pull) replicating database `org` (the same documents, id `collection:id`) from express-pouchdb + pouchdb-adapter-memory in the bench process.',
  'A harness page rather than the signed-in UI: it times exactly the data layer\'s first sync (no sign-in, React rendering or roster sort in the measured span) and runs all three contenders in the same page. The page is served by the Express app, so PouchDB is same-origin and the app\'s requests to the sync server are cross-origin (CORS, as in Electron).',
  'What the app writes: a collection never synced on the laptop gets its first pull in bulk (renderer/data/firstPull.ts: pages fetched one ahead, each written with the server copy of every document into RxDB\'s replication bookkeeping, the copy an edit is pushed against, then both checkpoints), then RxDB\'s replication starts where it ended. So every document is written twice, each time into an RxDB Dexie store with three indexes besides the key and the schema\'s own ([_deleted+id], [_meta.lwt+id], [_meta.lwt]): the document through RxDB\'s bulkWrite, which reads the same keys before writing, its server copy straight into the meta store\'s table (firstPull.ts writeServerCopies); the bulkPut baseline writes each document once into a store keyed by id, with no index and no read. The layout floor row writes what the app writes, with bulkPut only.',
  'Offline catch-up: the synced page goes offline (context.setOffline), 5,000 documents change through the server\'s DocumentStore (athletes edited, activities added, signals acknowledged; updated_at marks them), the page comes back online; timed from just before going online until the page saw every changed document written to its database. Baseline: a plain fetch loop over the same seq range in the same page (each collection paged by 1,000, all collections at once, JSON parsed, nothing stored).',
];
