/**
 * Types of the PouchDB baseline's packages, which ship none (no @types package is installed for
 * them): only what pouch-server.ts and harness/main.ts use.
 */
declare module 'pouchdb-core' {
  export type PouchReplication = Promise<unknown> & { cancel(): void };
  export type PouchDatabase = {
    bulkDocs(docs: object[]): Promise<unknown>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<unknown>;
    replicate: { from(url: string, options?: { batch_size?: number; batches_limit?: number }): PouchReplication };
  };
  export type PouchStatic = {
    new (name: string, options?: { adapter?: string }): PouchDatabase;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: { adapter?: string }): PouchStatic;
  };
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-browser' {
  import type { PouchStatic } from 'pouchdb-core';
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { Express } from 'express';
  function expressPouchDB(pouch: unknown, options?: { mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom' }): Express;
  export default expressPouchDB;
}
