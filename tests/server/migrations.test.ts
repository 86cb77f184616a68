import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { migrate, migrationFiles } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { createPgDatabase, postgresAvailable, startTestServer } from './helpers';

const MIGRATIONS = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));

for (const backend of ['pglite', 'postgres'] as const) {
  describe.skipIf(backend === 'postgres' && !postgresAvailable())(`migrations [${backend}]`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });
    const open = async (): Promise<{ db: Db; url?: string }> => {
      if (backend === 'pglite') {
        const db = await openPglite({ dataDir: 'memory://' });
        cleanups.push(() => db.close());
        return { db };
      }
      const created = await createPgDatabase();
      const db = await openPostgres(created.url);
      cleanups.push(async () => {
        await db.close();
        await created.drop();
      });
      return { db, url: created.url };
    };

    it('applies the SQL files in order once, records them, and rolls back a failing one completely', async () => {
      const { db, url } = await open();
      const names = migrationFiles().map((m) => m.name);
      expect(names[0]).toBe('001_initial.sql');
      expect(await migrate(db)).toEqual(names);
      expect(await migrate(db)).toEqual([]);

      const dir = mkdtempSync(join(tmpdir(), 'astral-mig-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      for (const name of names) copyFileSync(join(MIGRATIONS, name), join(dir, name));
      writeFileSync(join(dir, '900_broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
      writeFileSync(join(dir, 'README.txt'), 'not a migration');
      await expect(migrate(db, dir)).rejects.toThrow(/no_such_table/);
      const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      expect(recorded.rows.map((r) => r.name)).toEqual(names);
      const half = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
      expect(half.rows).toEqual([]);

      if (url) {
        // Two instances starting at once against one PostgreSQL: each migration runs exactly once.
        const fresh = await open();
        const other = await openPostgres(fresh.url!);
        cleanups.push(() => other.close());
        const [a, b] = await Promise.all([migrate(fresh.db), migrate(other)]);
        expect([...a, ...b].sort()).toEqual(names);
      }
    });
  });
}

it.skipIf(!postgresAvailable())('a restart on a seeded database keeps the data and does not seed again', async () => {
  const first = await startTestServer('postgres');
  expect(first.seeded).toBe(true);
  const url = first.databaseUrl!;
  await first.stop();
  const second = await startTestServer('postgres', { database: { kind: 'postgres', url } });
  try {
    expect(second.seeded).toBe(false);
    const { rows } = await second.db.query<{ n: string }>("SELECT count(*)::text AS n FROM documents WHERE collection = 'athletes'");
    expect(Number(rows[0]?.n)).toBe(44);
  } finally {
    await second.stop();
    await first.close();
  }
});
