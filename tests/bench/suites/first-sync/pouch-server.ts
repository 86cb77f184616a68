/**
 * The PouchDB baseline's server and the harness page's host, one Express 4 app on loopback:
 * express-pouchdb (CouchDB replication protocol, "minimumForPouchDB" mode: no config or log files)
 * over pouchdb-core with the memory adapter serves database `org`, holding the same documents the
 * sync server holds; `/` and `/harness.js` are the harness page (harness/main.ts bundled); the
 * bulkPut baseline's documents are `/docs.json`. Express 4 because express-pouchdb's `_changes`
 * route breaks under Express 5 (DESIGN.md). The page is same-origin with the PouchDB server and
 * cross-origin with the sync server (as the Electron app is), which lets PouchDB skip CORS preflights
 * that the app's pulls pay.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchCore from 'pouchdb-core';
import PouchMemory from 'pouchdb-adapter-memory';
import PouchHttp from 'pouchdb-adapter-http';
import PouchReplication from 'pouchdb-replication';
import PouchMapReduce from 'pouchdb-mapreduce';

export const POUCH_DB = 'org';
const LOAD_CHUNK = 5000;

export type HarnessServer = {
  url: string;
  pouchUrl: string;
  /** Loads the documents into the PouchDB database (id `collection:id`); resolves with how many. */
  loadPouch(docs: Record<string, Record<string, unknown>[]>, until: number): Promise<number>;
  setDocs(json: string): void;
  close(): Promise<void>;
};

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first-sync bench harness</title></head>
<body><p>first-sync bench harness</p><script src="/harness.js"></script></body></html>`;

export async function startHarnessServer(harnessJs: string): Promise<HarnessServer> {
  const Pouch = PouchCore.plugin(PouchMemory).plugin(PouchHttp).plugin(PouchReplication).plugin(PouchMapReduce).defaults({ adapter: 'memory' });
  const app = express();
  let docsJson = '{}';
  app.get('/', (_req, res) => void res.type('html').send(HTML));
  app.get('/harness.js', (_req, res) => void res.type('text/javascript').send(harnessJs));
  app.get('/docs.json', (_req, res) => void res.type('application/json').send(docsJson));
  app.use('/pouch', expressPouchDB(Pouch, { mode: 'minimumForPouchDB' }));
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const db = new Pouch(POUCH_DB);
  return {
    url,
    pouchUrl: `${url}/pouch/${POUCH_DB}`,
    setDocs: (json) => {
      docsJson = json;
    },
    async loadPouch(docs, until) {
      const all = Object.entries(docs).flatMap(([collection, list]) =>
        list.map(({ _deleted, ...doc }) => ({ ...doc, _id: `${collection}:${String(doc.id)}`, collection, ...(_deleted ? { _deleted: true } : {}) })),
      );
      for (let i = 0; i < all.length; i += LOAD_CHUNK) {
        if (Date.now() > until) break;
        await db.bulkDocs(all.slice(i, i + LOAD_CHUNK));
      }
      return (await db.info()).doc_count;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await db.destroy().catch(() => undefined);
    },
  };
}
