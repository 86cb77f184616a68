/** Opens the configured database and brings its schema up to date. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { lockFolder } from './folder-lock';

export type DatabaseOptions =
  | { kind: 'postgres'; url: string }
  /**
   * `dataDir` is the server's data folder (PGlite lives in its `pglite` sub-folder), or `memory://`;
   * `loadDataDir` (a migrated template dump) only applies to `memory://`.
   */
  | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob };

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  let db: Db;
  if (options.kind === 'postgres') {
    db = await openPostgres(options.url);
  } else if (options.dataDir === 'memory://' || options.dataDir.startsWith('memory://')) {
    db = await openPglite({ dataDir: 'memory://', loadDataDir: options.loadDataDir });
  } else {
    const dir = join(resolve(options.dataDir), 'pglite');
    mkdirSync(dir, { recursive: true });
    const release = lockFolder(dir);
    try {
      const opened = await openPglite({ dataDir: dir });
      db = { ...opened, close: () => opened.close().finally(release) };
    } catch (err) {
      release();
      throw err;
    }
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}
